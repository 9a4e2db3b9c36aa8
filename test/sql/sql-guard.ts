/**
 * The scanner behind no-sql-outside.test.ts: finds SQL text assembled by hand
 * and imports of lib/sql/quote.ts (or its quoting functions) in source files.
 *
 * How it reads a file:
 * - TypeScript/JavaScript (.ts .tsx .mts .cts .js .jsx .mjs .cjs): parsed with
 *   the TypeScript compiler, so comments never count and escapes are decoded
 *   ("\x53ELECT" is read as SELECT). Every string literal and template literal
 *   is checked; a template's static parts are joined without its `${…}`
 *   holes, and a chain of `+` over string pieces is joined the same way
 *   ("SEL" + "ECT", `SEL${""}ECT` both read as SELECT).
 * - Markdown pages (.md): the ```js / ```ts blocks and inline `${…}`
 *   expressions are parsed as above; prose is not SQL.
 * - .sql files: always flagged (SQL text outside lib/sql).
 * - Any other text file (.sh, .html, .py, …): the whole text is checked.
 *
 * A string counts as SQL when it matches one of SQL_PATTERNS: upper-case
 * keywords (SELECT, FROM <name>, CASE WHEN, …) anywhere, and keyword pairs
 * that prose does not use in any case (insert into, delete from, create table,
 * case when, group by, …).
 */
import { lstatSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

export interface Finding {
  file: string;
  line: number;
  kind: "sql-text" | "quote-import";
  text: string;
}

/** SQL shapes. The first group is case-sensitive (upper-case SQL), the second case-insensitive. */
export const SQL_PATTERNS: RegExp[] = [
  /\bSELECT\b/,
  /\bFROM\s+([\w".()]+(\s+(AS\s+)?\w+)?\s*)?(\b(WHERE|JOIN|GROUP|ORDER|LIMIT|USING|LEFT|UNION)\b|,|\)|;|$)/,
  /\bWHERE\s+[\w"'(.]+\s*(=|<|>|\bIN\b|\bIS\b|\bAND\b|\bOR\b|\bBETWEEN\b|$)/,
  /\b(GROUP|ORDER|PARTITION)\s+BY\b/,
  /\bUNION(\s+ALL)?\s/,
  /\bCOPY\s*(\(|[\w".]+\s+(TO|FROM)\s+['"$]|FROM\s+DATABASE\s+[\w"]+\s+TO\b)/,
  /\b(ATTACH|DETACH|PRAGMA|CHECKPOINT|DESCRIBE|VACUUM)\b\s*[\w"'(;]/,
  /\b(INSTALL|LOAD)\s+\w+\s*(;|$)/,
  /\bSHOW\s+TABLES\b/,
  /\bSET\s+[\w"]+\s*(=|TO\b)/,
  /\bWITH\s+(RECURSIVE\s+)?[\w"]+\s+AS\s*\(/,
  /\b(LIMIT|OFFSET)\s+(\d|\$|OFFSET\b|$)/,
  /\bFILTER\s*\(\s*WHERE\b/,
  /\bOVER\s*\(/,
  /\bIS\s+(NOT\s+)?NULL\b/,
  /\bTRY_CAST\s*\(|\bCAST\s*\(.*\bAS\s+[A-Z]/,
  /\b(LEFT|INNER|CROSS|FULL|OUTER)\s+JOIN\b/,
  /\bJOIN\s+[\w"(]+(\s+(AS\s+)?\w+)?\s+(ON|USING)\b/,
  /\bEXCLUDE\s*\(/,
  /\bINTERVAL\s+[\d'$]/,
  /\bcase\s+when\b/i,
  /\binsert\s+(or\s+\w+\s+)?into\b/i,
  /\bdelete\s+from\b/i,
  /\bupdate\s+[\w"]+\s+set\b/i,
  /\bcreate\s+(or\s+replace\s+)?(temp(orary)?\s+)?(table|view|macro|sequence|index|schema)\b/i,
  /\bdrop\s+(table|view|macro|sequence|index|schema)\b/i,
  /\balter\s+table\b/i,
  /\bselect\s+(\*|distinct\b|count\s*\()/i,
  /\bselect\b[^.!?]*\bfrom\s+["\w(]+\s*(\bwhere\b|\bgroup\b|\border\b|\blimit\b|\bjoin\b|;|\)|$)/i,
  /\bread_(csv|parquet|json)(_auto)?\(/i,
  /\bcount_if\s*\(|\bcount\s*\(\s*\*\s*\)/i,
];

/** True when the text looks like SQL. */
export function looksLikeSql(text: string): boolean {
  return SQL_PATTERNS.some((p) => p.test(text));
}

const QUOTE_NAMES = new Set(["quoteIdent", "quoteString", "renderNumber"]);
const CODE_EXT = new Set([".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"]);

/** The static text of a string-valued expression, joining `+` chains and template parts; null when it is not one. */
function staticText(node: ts.Node): string | null {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) return node.head.text + node.templateSpans.map((s) => s.literal.text).join("");
  if (ts.isParenthesizedExpression(node)) return staticText(node.expression);
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const l = staticText(node.left);
    const r = staticText(node.right);
    if (l === null && r === null) return null;
    return (l ?? "") + (r ?? "");
  }
  return null;
}

function isQuoteModule(specifier: string, fromFile: string, root: string): boolean {
  const norm = specifier.replace(/\\/g, "/");
  if (/(^|\/)sql\/quote(\.[cm]?[jt]s)?$/.test(norm)) return true;
  if (!norm.startsWith(".")) return false;
  const resolved = path.relative(root, path.resolve(path.dirname(fromFile), norm)).replace(/\\/g, "/");
  return /^(src\/)?lib\/sql\/quote(\.[cm]?[jt]s)?$/.test(resolved);
}

function isSqlModule(specifier: string): boolean {
  return /(^|\/)lib\/sql(\/|$)|(^|\/)\.\.?\/sql(\/|$)|(^|\/)sql\/(index|ast|render|quote)(\.[cm]?[jt]s)?$/.test(specifier.replace(/\\/g, "/"));
}

/**
 * Findings in one piece of JS/TS source. `file` is the path relative to the
 * repository root (used to resolve imports), `lineOffset` shifts line numbers
 * (for code blocks inside Markdown).
 */
export function scanCode(source: string, file: string, root: string, lineOffset = 0): Finding[] {
  const kind = /\.(tsx|jsx)$/.test(file) ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, kind);
  const out: Finding[] = [];
  const abs = path.resolve(root, file);
  const lineOf = (n: ts.Node) => sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1 + lineOffset;
  let importsSql = false;

  const checkSpecifier = (spec: ts.Expression | undefined, at: ts.Node, names: string[]) => {
    if (!spec || !ts.isStringLiteralLike(spec)) return;
    if (isQuoteModule(spec.text, abs, root)) {
      out.push({ file, line: lineOf(at), kind: "quote-import", text: `imports ${spec.text}` });
      return;
    }
    if (isSqlModule(spec.text)) {
      importsSql = true;
      const bad = names.filter((n) => QUOTE_NAMES.has(n));
      if (bad.length) out.push({ file, line: lineOf(at), kind: "quote-import", text: `imports ${bad.join(", ")} from ${spec.text}` });
    }
  };

  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) {
      const names: string[] = [];
      const nb = node.importClause?.namedBindings;
      if (nb && ts.isNamedImports(nb)) for (const e of nb.elements) names.push((e.propertyName ?? e.name).text);
      checkSpecifier(node.moduleSpecifier, node, names);
      return;
    }
    if (ts.isExportDeclaration(node)) {
      const names: string[] = [];
      if (node.exportClause && ts.isNamedExports(node.exportClause)) for (const e of node.exportClause.elements) names.push((e.propertyName ?? e.name).text);
      checkSpecifier(node.moduleSpecifier, node, names);
      return;
    }
    if (ts.isCallExpression(node) && (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === "require"))) {
      checkSpecifier(node.arguments[0], node, []);
    }
    if (ts.isImportTypeNode(node)) return; // `import("…").T` in a type: no code
    const text = staticText(node);
    if (text !== null) {
      // A `+` chain is judged as a whole; its pieces are not visited again.
      if (looksLikeSql(text)) out.push({ file, line: lineOf(node), kind: "sql-text", text: text.replace(/\s+/g, " ").slice(0, 120) });
      if (ts.isBinaryExpression(node) || ts.isParenthesizedExpression(node)) {
        // visit the non-string operands (e.g. a call inside the chain)
        node.forEachChild((c) => {
          if (staticText(c) === null) visit(c);
        });
        return;
      }
      if (ts.isTemplateExpression(node)) {
        for (const s of node.templateSpans) visit(s.expression);
        return;
      }
      return;
    }
    node.forEachChild(visit);
  };
  visit(sf);
  // x.quoteIdent(…) through a namespace import of lib/sql
  if (importsSql) {
    const walk = (node: ts.Node): void => {
      if (ts.isPropertyAccessExpression(node) && QUOTE_NAMES.has(node.name.text)) {
        out.push({ file, line: lineOf(node), kind: "quote-import", text: `uses ${node.getText(sf)}` });
      }
      if (ts.isElementAccessExpression(node) && ts.isStringLiteralLike(node.argumentExpression) && QUOTE_NAMES.has(node.argumentExpression.text)) {
        out.push({ file, line: lineOf(node), kind: "quote-import", text: `uses ${node.getText(sf)}` });
      }
      node.forEachChild(walk);
    };
    walk(sf);
  }
  return out;
}

/** Findings in an Observable Framework page: its js/ts fenced blocks and inline `${…}` expressions. */
export function scanMarkdown(source: string, file: string, root: string): Finding[] {
  const out: Finding[] = [];
  const lines = source.split("\n");
  let i = 0;
  const prose: string[] = [];
  while (i < lines.length) {
    const open = /^(\s*)(`{3,}|~{3,})\s*(\w*)/.exec(lines[i]);
    if (!open) {
      prose.push(lines[i]);
      i++;
      continue;
    }
    const fence = open[2];
    const lang = open[3].toLowerCase();
    const start = i + 1;
    i++;
    while (i < lines.length && !lines[i].trimStart().startsWith(fence)) i++;
    const body = lines.slice(start, i).join("\n");
    i++;
    if (["js", "javascript", "ts", "typescript", "jsx", "tsx", ""].includes(lang)) {
      out.push(...scanCode(body, file, root, start));
    } else if (lang === "sql") {
      out.push({ file, line: start + 1, kind: "sql-text", text: "```sql block" });
    }
    for (let k = start - 1; k < Math.min(i, lines.length); k++) prose.push(""); // the block is not prose; keep line numbers
  }
  // inline expressions ${…} in prose (one level of braces is enough for pages)
  const text = prose.join("\n");
  const inline = /\$\{((?:[^{}]|\{[^{}]*\})*)\}/g;
  for (const m of text.matchAll(inline)) {
    const line = text.slice(0, m.index).split("\n").length;
    for (const f of scanCode(`(${m[1]})`, file, root)) out.push({ ...f, line });
  }
  return out.sort((a, b) => a.line - b.line);
}

/** Findings in one file of the repository, by its extension. */
export function scanFile(root: string, file: string): Finding[] {
  const ext = path.extname(file).toLowerCase();
  const source = readFileSync(path.join(root, file), "utf8");
  if (CODE_EXT.has(ext)) return scanCode(source, file, root);
  if (ext === ".md") return scanMarkdown(source, file, root);
  if (ext === ".sql") return [{ file, line: 1, kind: "sql-text", text: "a .sql file" }];
  if (source.includes("\u0000")) return []; // binary
  return source
    .split("\n")
    .flatMap((l, i) => (looksLikeSql(l) ? [{ file, line: i + 1, kind: "sql-text" as const, text: l.trim().slice(0, 120) }] : []));
}

const SKIP_DIRS = new Set(["node_modules", "dist", ".observablehq", ".git"]);
const BINARY_EXT = new Set([".png", ".jpg", ".jpeg", ".gif", ".wasm", ".pdf", ".ico", ".woff", ".woff2", ".ttf", ".gz", ".zip", ".duckdb", ".db", ".arrow", ".parquet"]);

/**
 * Every file under the given folders (relative to root), symbolic links not
 * followed (src/lib points at lib/: scanning it twice would add nothing, and
 * would reach lib/sql through src/).
 */
export function listFiles(root: string, dirs: string[]): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    const st = lstatSync(path.join(root, rel), { throwIfNoEntry: false });
    if (!st || st.isSymbolicLink()) return;
    if (st.isDirectory()) {
      if (SKIP_DIRS.has(path.basename(rel))) return;
      for (const e of readdirSync(path.join(root, rel)).sort()) walk(path.join(rel, e));
    } else if (st.isFile() && !BINARY_EXT.has(path.extname(rel).toLowerCase())) out.push(rel.replace(/\\/g, "/"));
  };
  for (const d of dirs) walk(d);
  return out;
}
