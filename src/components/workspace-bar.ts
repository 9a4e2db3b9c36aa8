/**
 * The workspace manager on the Data page: which workspace is active, switch
 * to another, rename, delete, export it as one file and import one.
 * Everything stays in this browser.
 */
import { deleteKeptFile } from "./opfs-copy.js";
import { dropKeptResults } from "./kept-results.js";
import { dropCached } from "./workspace-cache.js";
import { BUILT_IN, builtInName, deleteWorkspace, exportWorkspace, importWorkspace, listWorkspaces, renameWorkspace, switchWorkspace } from "./workspaces.js";
import { DownloadButton, ErrorBox, Table, el } from "./ui.js";

export async function WorkspaceBar(activeId: string) {
  const [list, builtIn] = await Promise.all([listWorkspaces(), builtInName()]);
  const status = el("div", { role: "status" });
  const fail = (e: unknown, title: string) => status.replaceChildren(ErrorBox((e as Error).message, title));
  const act = (label: string, action: string, fn: () => Promise<unknown>, title = "") => {
    const b = el("button", { type: "button", "data-action": action, title }, label) as HTMLButtonElement;
    b.addEventListener("click", async () => {
      b.disabled = true;
      try {
        await fn();
        location.reload();
      } catch (e) {
        fail(e, `Could not ${label.toLowerCase()}`);
        b.disabled = false;
      }
    });
    return b;
  };
  const rows = list.map((w) => {
    const rowAttrs = { "data-workspace-row": w.id };
    const active = w.id === activeId;
    // Another workspace's dataset is named only by its workspace name: the built-in one as "built into this site".
    const name = w.id === BUILT_IN ? (active ? `${builtIn} (built into this site)` : "The dataset built into this site") : w.name;
    const what = w.id === BUILT_IN
      ? `${w.models.length} version(s), ${w.reviews.length} decision(s) and ${w.votes.length} vote file(s) added in this browser`
      : `${Object.keys(w.files ?? {}).length} file(s), ${w.models.length} version(s), ${w.reviews.length} decision(s), ${w.votes.length} vote file(s)`;
    return {
      name: el("span", { "data-workspace": w.id }, active ? el("strong", {}, name) : name, active ? " ✓ active" : ""),
      what,
      created: w.id === BUILT_IN ? "–" : w.createdAt.slice(0, 10),
      actions: el("span", rowAttrs,
        active ? "" : act("Open", "open-workspace", () => switchWorkspace(w.id)),
        " ",
        w.id === BUILT_IN ? "" : act("Rename", "rename-workspace", async () => {
          const n = prompt("New name of the workspace", w.name);
          if (n) await renameWorkspace(w.id, n);
        }),
        " ",
        act(w.id === BUILT_IN ? "Forget additions" : "Delete", "delete-workspace", async () => {
          const what = w.id === BUILT_IN ? "the versions, decisions and votes added in this browser to the built-in workspace" : `the workspace "${w.name}" and its files`;
          if (!confirm(`Delete ${what}? This cannot be undone (export it first to keep a copy).`)) throw new Error("cancelled: nothing was deleted.");
          await deleteWorkspace(w.id);
          await dropCached(w.id);
          await dropKeptResults(w.id);
          await deleteKeptFile(w.id);
        })),
    };
  });
  const importInput = el("input", { type: "file", accept: ".json,application/json", "data-action": "import-workspace" }) as HTMLInputElement;
  importInput.addEventListener("change", async () => {
    const f = importInput.files?.[0];
    if (!f) return;
    try {
      status.replaceChildren(el("p", { class: "progress" }, `Importing ${f.name}…`));
      const ws = await importWorkspace(await f.text(), f.name);
      status.replaceChildren(el("p", {}, `Imported "${ws.name}"; it is now active. Reloading…`));
      location.reload();
    } catch (e) {
      fail(e, "Could not import the workspace");
    }
  });
  let exported: { name: string; text: string } | null = null;
  const exportButton = DownloadButton("Export the active workspace", () => exported?.name ?? "workspace.leadscore.json", () => exported?.text ?? "");
  exportButton.setAttribute("data-action", "export-workspace");
  // The export reads the files: prepare it when the button is pressed, then download.
  exportButton.addEventListener("click", (e) => {
    if (exported) return;
    e.stopImmediatePropagation();
    exportButton.setAttribute("disabled", "");
    exportWorkspace().then((x) => {
      exported = x;
      exportButton.removeAttribute("disabled");
      exportButton.click();
      exported = null;
    }, (err) => fail(err, "Could not export the workspace"));
  }, { capture: true });
  return el("div", { class: "workspaces", "data-workspaces": "" },
    Table([{ key: "name", label: "Workspace" }, { key: "what", label: "Kept in this browser", wrap: true }, { key: "created", label: "Created" }, { key: "actions", label: "" }], rows),
    el("p", {}, exportButton, " ", el("label", {}, "Import a workspace file: ", importInput)),
    el("p", { class: "muted" }, "A workspace is one dataset with its model versions, review decisions and workshop votes. Every page reads only the active one. An exported workspace file holds the data itself: share it only with whom may see the data."),
    status);
}
