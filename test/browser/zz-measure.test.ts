import { it } from "vitest";
import { openPage, startSession } from "/work/wt-15/test/browser/harness.js";
import { layoutDefects } from "/work/wt-15/test/browser/layout.js";
const PAGES = ["/", "/data", "/models", "/what-if", "/distributions", "/calibration", "/suggest", "/review", "/workshop", "/report"];
it("measure", async () => {
  for (const [name, dir] of (process.env.SITES ?? "sample:dist,xed:/tmp/site15-xed").split(",").map((s) => s.split(":"))) {
    const s = await startSession(dir);
    for (const p of (process.env.PAGES ? process.env.PAGES.split(",") : PAGES)) {
      const { page, close } = await openPage(s, p);
      try { await page.waitForFunction(() => document.documentElement.dataset.ready === "1" || document.querySelector(".observablehq--error"), undefined, { timeout: 90000 }); } catch { console.log("NOT READY", p); }
      await page.waitForTimeout(1500);
      const d = await layoutDefects(page);
      console.log(`== ${name} ${p} doc ${d.docWidth}/${d.winWidth}\n cut: ${d.cut.join("\n      ")}\n overlaps: ${d.overlaps.join("\n      ")}\n unexplained: ${d.unexplained}`);
      await page.screenshot({ path: `/tmp/shots15/${name}${p === "/" ? "-index" : p.replace("/", "-")}.png`, fullPage: true });
      await close();
    }
    await s.close();
  }
}, 900_000);
