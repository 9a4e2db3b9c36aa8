/**
 * "Save in this workspace": a new version (what-if draft, suggestion,
 * workshop consensus, criteria builder) is kept in the active workspace in
 * this browser and scored on every page at once, with no rebuild. It can
 * still be downloaded as a file for data/models/.
 */
import type { Model } from "../lib/model/schema.js";
import { modelText } from "../lib/workspace/model-files.js";
import { saveModel } from "./workspaces.js";
import { DownloadButton, ErrorBox, el } from "./ui.js";

/** A save button, a download button and a status line; `make` builds the version when clicked. */
export function SaveVersion(make: () => Model, options: { label?: string } = {}) {
  const status = el("span", { class: "muted", role: "status" });
  const save = el("button", { type: "button", "data-action": "save-version" }, options.label ?? "Save as a new version in this workspace") as HTMLButtonElement;
  save.addEventListener("click", async () => {
    save.disabled = true;
    status.replaceChildren(" Saving…");
    try {
      const model = make();
      await saveModel(model);
      const label = `${model.id} v${model.version}`;
      status.replaceChildren(" Saved ", el("strong", {}, label), " (", model.status, "). It is scored on every page: ",
        el("a", { href: "./models" }, "see it on the Models page"), " or ", el("a", { href: location.pathname }, "reload this page"), ".");
      status.dataset.saved = label;
    } catch (e) {
      status.replaceChildren(ErrorBox((e as Error).message, "Could not save the version"));
    } finally {
      save.disabled = false;
    }
  });
  const download = DownloadButton("Download the file (for data/models/)", () => { const m = make(); return `${m.id}-v${m.version}.json`; }, () => modelText(make()));
  return el("div", { class: "save-version no-print" }, save, " ", download, status);
}
