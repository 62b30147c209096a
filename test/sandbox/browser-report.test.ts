import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../bot/config.ts";
import { type RunningSandbox, startSandbox } from "../../sandbox/start.ts";
import { chromiumPath, launchChromium } from "../support/browser.ts";

const DOCS =
  process.env.SCREENSHOTS === "docs"
    ? path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../docs")
    : path.join(tmpdir(), "kundenbot-screenshots");

/** The chart is visible: loaded, and drawn at a real size. */
async function imageShown(page: Page, panel: string) {
  const img = page
    .getByRole("tabpanel", { name: panel })
    .getByRole("img", { name: /Wochenbericht/ })
    .last();
  await img.waitFor({ timeout: 30_000 });
  await expect
    .poll(() =>
      img.evaluate((el) => {
        const picture = el as unknown as { complete: boolean; naturalWidth: number };
        return picture.complete ? picture.naturalWidth : 0;
      }),
    )
    .toBeGreaterThanOrEqual(800);
  // The page re-renders itself on every change (the element may be replaced): ask again until it holds.
  await expect.poll(async () => (await img.boundingBox())?.width ?? 0).toBeGreaterThan(100);
}

// The weekly report in the sandbox: in the channel on REPORT_CRON (every 5 s here), and in the
// member's Direktnachrichten after /kunden bericht, each with its chart shown as a picture.
describe.skipIf(!chromiumPath)("the weekly report in the sandbox", () => {
  let dataDir: string;
  let sandbox: RunningSandbox;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), "kundenbot-sandbox-report-"));
    sandbox = await startSandbox(
      loadConfig({ DATA_DIR: dataDir, PORT: "0", LOG_LEVEL: "silent", REPORT_CRON: "*/5 * * * * *" }),
    );
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: "de-DE" });
    await page.goto(sandbox.url);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await sandbox?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it("posts the report with its chart to the channel, and /kunden bericht to the Direktnachrichten", async () => {
    await page.getByRole("button", { name: "Anfrage simulieren" }).click();
    await page.getByRole("button", { name: "Einladung simulieren" }).click();
    const report = page
      .getByRole("tabpanel", { name: "Kanal" })
      .getByRole("article")
      .filter({ hasText: "Wochenbericht" });
    await report.first().waitFor({ timeout: 30_000 });
    await imageShown(page, "Kanal");
    await expect.poll(() => report.first().textContent()).toContain("Reaktionszeit (Median)");

    await page.getByRole("textbox", { name: "Nachricht" }).fill("/kunden bericht");
    await page.getByRole("textbox", { name: "Nachricht" }).press("Enter");
    await page.getByRole("tab", { name: "Direktnachrichten" }).click();
    const dm = page.getByRole("tabpanel", { name: "Direktnachrichten" });
    await dm.getByRole("article").filter({ hasText: "Wochenbericht" }).first().waitFor({ timeout: 30_000 });
    await imageShown(page, "Direktnachrichten");
    await mkdir(DOCS, { recursive: true });
    await dm
      .getByRole("img", { name: /Wochenbericht/ })
      .last()
      .scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(DOCS, "sandbox-report.png") });
  }, 90_000);
});
