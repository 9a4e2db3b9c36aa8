// Observable Framework configuration. Everything the site loads comes from
// its own origin: no Google Fonts (globalStylesheets: []), no CDN imports
// (pages import bare package names from node_modules), an inline favicon.
export default {
  title: "Lead-score calibration workbench",
  root: "src",
  // LEADSCORE_OUT lets a report (or a second build) go elsewhere than dist/.
  output: process.env.LEADSCORE_OUT ?? "dist",
  globalStylesheets: [],
  style: "style.css",
  head: '<link rel="icon" href="data:,">',
  header: "",
  footer: "Lead-score calibration workbench · your data stays in this browser tab; nothing is uploaded.",
  pages: [
    { name: "Overview", path: "/" },
    { name: "Data", path: "/data" },
    { name: "Models", path: "/models" },
    { name: "Criteria builder", path: "/builder" },
    { name: "What-if editor", path: "/what-if" },
    { name: "Distributions", path: "/distributions" },
    { name: "Calibration", path: "/calibration" },
    { name: "Fit & engagement", path: "/fit-engagement" },
    { name: "Suggestions", path: "/suggest" },
    { name: "Review", path: "/review" },
    { name: "Workshop", path: "/workshop" },
    { name: "Report", path: "/report" },
  ],
  search: false,
  toc: false,
  pager: false,
  preserveExtension: false,
  preserveIndex: false,
};
