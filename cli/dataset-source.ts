// The CLI reads datasets through lib (shared with the site's data loaders).
export * from "../lib/dataset/source.js";
