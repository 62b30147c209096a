import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../bot/config.ts";
import { type RunningSandbox, startSandbox } from "../../sandbox/start.ts";
import { chromiumPath, launchChromium } from "../support/browser.ts";

/** Tomorrow as the datepicker sends it, in Berlin (the sandbox's DIGEST_TIMEZONE). */
function tomorrowInBerlin(): string {
  return new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Berlin" }).format(
    new Date(Date.now() + 86_400_000),
  );
}

// Wiedervorlage in the sandbox: set on a message, listed on the Startseite under Meine
// Wiedervorlagen with a link back to the message; the message's controls wrap on a narrow window.
describe.skipIf(!chromiumPath)("Meine Wiedervorlagen in the sandbox", () => {
  let dataDir: string;
  let sandbox: RunningSandbox;
  let browser: Browser;
  let page: Page;
  /** Elements wider than their box: the document and those `selector` names. */
  const scrollingSideways = (selector: string) =>
    page.evaluate<string[]>(
      `[document.scrollingElement, ...document.querySelectorAll(${JSON.stringify(selector)})]
        .filter((e) => e.scrollWidth > e.clientWidth + 1)
        .map((e) => e.tagName + "." + e.className + ": " + e.scrollWidth + " > " + e.clientWidth)`,
    );

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), "kundenbot-sandbox-follow-ups-"));
    sandbox = await startSandbox(loadConfig({ DATA_DIR: dataDir, PORT: "0", LOG_LEVEL: "silent" }));
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: "de-DE" });
    await page.goto(sandbox.url);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await sandbox?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it("sets a follow-up on a message; the Startseite lists it with its note and a link to the message", async () => {
    await page.getByRole("button", { name: "Anfrage simulieren" }).click();
    const message = page.getByRole("tabpanel", { name: "Kanal" }).getByRole("article").first();
    await message.getByRole("button", { name: "Wiedervorlage", exact: true }).click();
    const modal = page.getByRole("dialog", { name: "Wiedervorlage" });
    await modal.getByLabel("Datum").fill(tomorrowInBerlin());
    await modal.getByLabel("Uhrzeit").fill("10:30");
    await modal.getByLabel("Notiz").fill("Angebot nachfassen");
    await modal.getByRole("button", { name: "Speichern" }).click();
    await modal.waitFor({ state: "detached" });

    await page.getByRole("tab", { name: "Startseite" }).click();
    const home = page.getByRole("tabpanel", { name: "Startseite" });
    await home.getByText("Meine Wiedervorlagen (1)").waitFor({ timeout: 15_000 });
    await expect.poll(() => home.textContent()).toContain("morgen um 10:30 · Anfrage");
    await expect.poll(() => home.textContent()).toContain("Notiz: Angebot nachfassen");

    // The link jumps to the request's message in the channel, inside the sandbox.
    const link = home.getByRole("link", { name: /Eva Schäfer/ });
    expect(await link.getAttribute("href")).toMatch(new RegExp(`^${sandbox.url}archives/`));
    await link.click();
    await expect.poll(() => message.evaluate((e) => e.classList.contains("highlight"))).toBe(true);
  }, 60_000);

  it("on a narrow window the message's controls wrap and nothing scrolls sideways", async () => {
    await page.setViewportSize({ width: 400, height: 900 });
    await page.getByRole("tab", { name: "Kanal" }).click();
    const message = page.getByRole("tabpanel", { name: "Kanal" }).getByRole("article").first();
    const buttons = ["Kunde hinzufügen", "Übernehmen", "Antworten", "Notiz", "Wiedervorlage", "Zuweisen"];
    for (const name of buttons) {
      const box = await message.getByRole("button", { name, exact: true }).boundingBox();
      expect(box, name).not.toBeNull();
      expect((box?.x ?? 0) + (box?.width ?? 0), name).toBeLessThanOrEqual(400);
    }
    expect(await scrollingSideways("#messages, #messages article")).toEqual([]);
    await page.getByRole("tab", { name: "Startseite" }).click();
    expect(await scrollingSideways("[role=tabpanel]")).toEqual([]);
  }, 30_000);
});
