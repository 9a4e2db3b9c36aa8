/**
 * Small DOM building blocks shared by the pages: progress, KPI cards,
 * error boxes, flags, tables and downloads. No data logic here.
 */

/** A progress line for slow steps: update(message, fraction) then done(). */
export function ProgressLine(initial = "Loading…") {
  const node = document.createElement("div");
  node.className = "progress";
  node.setAttribute("role", "status");
  const bar = document.createElement("progress");
  bar.max = 1;
  bar.value = 0;
  bar.style.marginRight = "0.6rem";
  const text = document.createElement("span");
  text.textContent = initial;
  node.append(bar, text);
  return {
    node,
    update(message: string, fraction: number) {
      text.textContent = message;
      bar.value = Math.max(0, Math.min(1, fraction));
    },
    done(message = "") {
      node.hidden = !message;
      text.textContent = message;
      bar.remove();
    },
  };
}

/**
 * The page's content width now, read when a chart is drawn. A view that keeps
 * the analyst's edits (builder, what-if) uses this instead of Framework's
 * reactive `width`: a cell that reads `width` runs again when the window is
 * resized or a scroll bar appears, which would throw the edits away.
 */
export function mainWidth(): number {
  const main = typeof document === "undefined" ? null : document.getElementById("observablehq-main");
  return main?.clientWidth || 960;
}

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: (Node | string | null | undefined | false)[]) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  for (const c of children) if (c !== null && c !== undefined && c !== false) e.append(c);
  return e;
}

/** A KPI card: big number, label, optional note. */
export function Kpi(label: string, value: string | Node, note?: string | Node) {
  return el("div", { class: "card" }, el("div", { class: "kpi-label" }, label), el("div", { class: "kpi" }, value), note ? el("div", { class: "muted" }, note) : null);
}

export function ErrorBox(message: string, title = "Problem") {
  return el("div", { class: "error-box", role: "alert" }, el("strong", {}, `${title}: `), message);
}

/** Runs `fn` once the page has marked itself ready (data-ready="1" on <html>), at once if it has. */
export function onPageReady(fn: () => void): void {
  const root = document.documentElement;
  if (root.dataset.ready === "1") return void setTimeout(fn, 0);
  const watch = new MutationObserver(() => {
    if (root.dataset.ready !== "1") return;
    watch.disconnect();
    setTimeout(fn, 0);
  });
  watch.observe(root, { attributes: true, attributeFilter: ["data-ready"] });
}

/**
 * How long after the page is ready (and its first screen painted) the parts
 * further down start being computed: long enough that an analyst who reads
 * the first screen, clicks or moves on at once does not wait for work on
 * parts not seen yet (as the charts further down, chart.ts).
 */
export const LATER_AFTER_READY_MS = 400;

/**
 * Runs `fn` once the page is ready and its first screen painted, then
 * LATER_AFTER_READY_MS later, or at once when `now()` says so at that moment
 * (e.g. the part turned out to be on the first screen).
 */
function onPageSettled(fn: () => void, now: () => boolean = () => false): void {
  onPageReady(() => requestAnimationFrame(() => setTimeout(fn, now() ? 0 : LATER_AFTER_READY_MS)));
}

/** Resolves once the page is ready and its first screen painted, LATER_AFTER_READY_MS after (onPageSettled): for work on parts further down. */
export function afterPageReady(): Promise<void> {
  return new Promise((resolve) => onPageSettled(resolve));
}

/**
 * The progress line of a part further down a page that is computed once the
 * page's first screen is ready: it carries `data-pending="section"` (what the
 * browser tests and the benchmark wait for) from the start until `done`, and
 * `start` makes it pending again when the part is computed anew (an input
 * above changed). Put it on the page before the page is marked ready.
 */
export function PendingLine(initial: string) {
  const line = ProgressLine(`${initial}…`);
  const bar = line.node.querySelector("progress")!;
  line.node.dataset.pending = "section";
  return {
    node: line.node,
    start(message: string) {
      line.node.dataset.pending = "section";
      line.node.hidden = false;
      if (!bar.isConnected) line.node.prepend(bar);
      line.update(message, 0);
    },
    update: line.update,
    done(message = "") {
      line.done(message);
      delete line.node.dataset.pending;
    },
  };
}
export type PendingLine = ReturnType<typeof PendingLine>;

/**
 * A section further down a page, computed once the page's first screen is
 * ready (so that it does not hold it up): until then a line says what is
 * being computed (`data-pending="section"`, which the browser tests wait
 * for); then the section replaces it, or an error box says why it failed.
 */
export function Later(work: () => Promise<Node>, what: string): HTMLElement {
  const box = el("div", { class: "progress", role: "status", "data-pending": "section" }, `${what}…`);
  const run = () => {
    work().then(
      (node) => box.replaceWith(node),
      (e: unknown) => box.replaceWith(ErrorBox((e as Error).message, what)),
    );
  };
  // A section that turns out to be on the first screen is computed as soon as that screen is painted;
  // one further down once the page has settled (LATER_AFTER_READY_MS).
  onPageSettled(run, () => box.isConnected && box.getBoundingClientRect().top < innerHeight);
  return box;
}

/**
 * A value computed once the page's first screen is ready, shared by several
 * Later sections (wrapped in an object: a cell whose value is a promise
 * would hold up the cells that read it).
 */
export function laterValue<T>(compute: () => T | Promise<T>): { value: Promise<T> } {
  return { value: afterPageReady().then(compute) };
}

/**
 * For a page that cannot work on this workspace (e.g. no version scores): shows
 * why and what to do in one box, hides the page's sections below it (their
 * headings and prose speak of figures there are none of), marks the page ready
 * and never resolves, so the cells that need the figures stay quiet instead of
 * showing engine or JavaScript errors.
 */
export function stopPage(display: (node: Node) => unknown, message: string, title = "Nothing to show"): Promise<never> {
  const box = ErrorBox(message, title);
  box.dataset.pageStopped = "1";
  display(box);
  const main = document.getElementById("observablehq-main");
  let cell: Element | null = box;
  while (cell && cell.parentElement !== main) cell = cell.parentElement;
  for (let s = cell?.nextElementSibling ?? null; s; s = s.nextElementSibling) (s as HTMLElement).style.display = "none";
  document.documentElement.dataset.ready = "1";
  return new Promise<never>(() => {});
}

/** Why a page has nothing to show without a scored version, and what to do: "<scoring error> <need>: build one …". */
export function noVersionText(scoringError: string | null, need: string): string {
  const why = scoringError ?? "There is no scored model version in this workspace.";
  return /criteria builder/.test(why)
    ? `${why} ${need}; a first model can also be suggested from the data on the Suggestions page.`
    : `${why} ${need}: build one in the criteria builder, or suggest a first model from the data on the Suggestions page, then come back.`;
}

export function Flag(text: string, kind: "warn" | "bad" | "ok" = "warn") {
  return el("span", { class: `flag${kind === "warn" ? "" : ` ${kind}`}` }, text);
}

export const fmtInt = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString("en-US") : "–");
export const fmtPct = (x: number, digits = 1) => (Number.isFinite(x) ? `${(100 * x).toFixed(digits)} %` : "–");
export const fmtNum = (x: number, digits = 3) => (Number.isFinite(x) ? x.toFixed(digits) : "–");
export const fmtCi = (ci: readonly [number, number], pct = true, digits = 1) =>
  pct ? `${fmtPct(ci[0], digits)} – ${fmtPct(ci[1], digits)}` : `${fmtNum(ci[0])} – ${fmtNum(ci[1])}`;

/** A compact table from rows (cells may be nodes); cells do not wrap unless their column says `wrap` (a long text column, so the others stay in view). */
export function Table(columns: { key: string; label: string | Node; align?: "left" | "right"; wrap?: boolean }[], rows: Record<string, unknown>[], caption?: string) {
  const t = el("table", { class: "compact" });
  if (caption) t.append(el("caption", {}, caption));
  t.append(el("thead", {}, el("tr", {}, ...columns.map((c) => el("th", { style: `text-align:${c.align ?? "left"}` }, c.label)))));
  const body = el("tbody");
  for (const r of rows) {
    body.append(
      el("tr", {}, ...columns.map((c) => {
        const v = r[c.key];
        return el("td", { style: `text-align:${c.align ?? "left"}${c.wrap ? ";white-space:normal" : ""}` }, v instanceof Node ? v : v == null ? "" : String(v));
      })),
    );
  }
  t.append(body);
  return t;
}

/** A button that downloads `text` as a file (made in the browser; nothing is sent anywhere). */
export function DownloadButton(label: string, filename: string | (() => string), text: () => string, type = "application/json") {
  const b = el("button", { type: "button" }, label);
  b.addEventListener("click", () => downloadText(typeof filename === "string" ? filename : filename(), text(), type));
  return b;
}

/** Saves `text` as a file named `filename` (the browser's download, nothing sent anywhere). */
export function downloadText(filename: string, text: string, type = "application/json"): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = el("a", { href: url, download: filename });
  document.body.append(a);
  a.click();
  a.remove();
  // Revoked well after the click: the browser fetches the URL for the download a moment later, which on a busy
  // machine can take over a second (a URL revoked before that gives no download at all; FileSaver.js waits 40 s).
  setTimeout(() => URL.revokeObjectURL(url), 40_000);
}

/** A column name as a label: "lead_source" → "Lead source" (the raw name stays in the hover title where it is shown). */
export function humanLabel(column: string): string {
  const t = column.replace(/[_\s]+/g, " ").trim();
  return t ? t[0].toUpperCase() + t.slice(1) : column;
}

/** How to pick several items in a multi-select box, said once under it. */
export const MULTI_HINT = "Hold Ctrl (⌘ on a Mac) and click to pick several; Shift-click picks a range. Nothing picked = no filter.";

/** An amount with its currency (from the dataset description): "12,300 EUR"; without one, the bare number. */
export const fmtMoney = (n: number, currency?: string) => (Number.isFinite(n) ? `${fmtInt(n)}${currency ? ` ${currency}` : ""}` : "–");
