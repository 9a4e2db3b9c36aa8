export * from "./ast.js";
export { render } from "./render.js";
export { quoteIdent, quoteString, renderNumber } from "./quote.js";
