import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../bot/config.ts";
import { type RunningSandbox, startSandbox } from "../../sandbox/start.ts";
import { chromiumPath, launchChromium } from "../support/browser.ts";

/**
 * Issue 20, point 7: the sandbox page keeps what was typed in a modal exactly as Slack does: after
 * a failed submission (`response_action: "errors"`) every input keeps its value; a view redrawn with
 * the same block_id and action_id keeps it too.
 */
describe.skipIf(!chromiumPath)("a modal in the sandbox keeps what was typed", () => {
  let dataDir: string;
  let sandbox: RunningSandbox;
  let browser: Browser;
  let page: Page;
  const dialog = (name: string) => page.getByRole("dialog", { name });

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), "kundenbot-sandbox-values-"));
    sandbox = await startSandbox(loadConfig({ DATA_DIR: dataDir, PORT: "0", LOG_LEVEL: "silent" }));
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 860 }, locale: "de-DE" });
    await page.goto(sandbox.url);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await sandbox?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it("after a failed submission, every typed value is still there; then saving works", async () => {
    await page.getByRole("textbox", { name: "Nachricht" }).fill("/kunden neu");
    await page.getByRole("textbox", { name: "Nachricht" }).press("Enter");
    const modal = dialog("Neuer Kunde");
    await modal.waitFor();
    // No company and no name: the bot answers with an error under Firma.
    await modal.getByLabel("E-Mail", { exact: true }).fill("getippt@firma.de");
    await modal.getByLabel("Telefon", { exact: true }).fill("+49 30 555");
    await modal.getByLabel("Notiz", { exact: true }).fill("Zeile eins\nZeile zwei");
    await modal.getByRole("button", { name: "Speichern" }).click();
    await modal.getByRole("alert").filter({ hasText: "Bitte eine Firma oder einen Namen angeben" }).waitFor();

    expect(await modal.getByLabel("E-Mail", { exact: true }).inputValue()).toBe("getippt@firma.de");
    expect(await modal.getByLabel("Telefon", { exact: true }).inputValue()).toBe("+49 30 555");
    expect(await modal.getByLabel("Notiz", { exact: true }).inputValue()).toBe("Zeile eins\nZeile zwei");

    await modal.getByLabel("Firma", { exact: true }).fill("Getippt GmbH");
    await modal.getByRole("button", { name: "Speichern" }).click();
    // The bot answers with the customer card (response_action update): the stored values are what was typed.
    await page.getByRole("dialog").getByText("Getippt GmbH").first().waitFor();
    const stored = await sandbox.prisma.customer.findFirstOrThrow({
      where: { company: "Getippt GmbH" },
      select: { email: true, phone: true, notes: true },
    });
    expect(stored).toEqual({
      email: "getippt@firma.de",
      phone: "+49 30 555",
      notes: "Zeile eins\nZeile zwei",
    });
  }, 60_000);
});
