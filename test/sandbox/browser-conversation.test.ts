import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../bot/config.ts";
import { type RunningSandbox, startSandbox } from "../../sandbox/start.ts";
import { chromiumPath, launchChromium } from "../support/browser.ts";

const SHOTS =
  process.env.SCREENSHOTS === "docs"
    ? path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../docs")
    : path.join(tmpdir(), "kundenbot-screenshots");

/**
 * The conversation in the sandbox, as a person uses it: Antworten on a request, a template fills
 * the modal, Senden mails it (E-Mails), and Antwort simulieren brings the prospect's reply back
 * into the request's thread through the mailbox's path.
 */
describe.skipIf(!chromiumPath)("the conversation in the sandbox's browser page", () => {
  let dataDir: string;
  let sandbox: RunningSandbox;
  let browser: Browser;
  let page: Page;

  const channel = () => page.getByRole("tabpanel", { name: "Kanal" });
  const dialog = (name: string) => page.getByRole("dialog", { name });

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), "kundenbot-sandbox-conv-"));
    await mkdir(SHOTS, { recursive: true });
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

  it("Antworten with a template, the mail in E-Mails, and Antwort simulieren back in the thread", async () => {
    await page.getByRole("button", { name: "Anfrage simulieren" }).click();
    const request = channel().getByRole("article").filter({ hasText: "Neue Anfrage von" }).first();
    await request.getByRole("button", { name: "Antworten" }).click();
    const modal = dialog("Antworten");
    await expect.poll(() => modal.isVisible(), { timeout: 10_000 }).toBe(true);
    await modal.getByLabel("Vorlage").selectOption({ label: "Erstantwort" });
    const text = modal.getByRole("textbox", { name: "Nachricht" });
    await expect.poll(() => text.inputValue(), { timeout: 10_000 }).toContain("vielen Dank für Ihre Anfrage");
    expect(await text.inputValue()).toMatch(/^Guten Tag \S/);
    expect(await text.inputValue()).not.toContain("{");
    await text.fill(`${await text.inputValue()}\nP.S.: Aus der Sandbox.`);
    await modal.getByRole("button", { name: "Senden" }).click();
    await expect.poll(() => modal.isVisible(), { timeout: 10_000 }).toBe(false);

    // The thread shows the answer, the message who answered.
    await expect.poll(() => request.textContent(), { timeout: 10_000 }).toContain("Antwort an");
    await expect.poll(() => request.textContent(), { timeout: 10_000 }).toContain("beantwortet von");

    await page.getByRole("tab", { name: "E-Mails" }).click();
    const mail = page
      .getByRole("tabpanel", { name: "E-Mails" })
      .getByRole("article")
      .filter({ hasText: "P.S.: Aus der Sandbox." });
    await expect.poll(() => mail.count(), { timeout: 10_000 }).toBe(1);
    await mail.getByRole("button", { name: "Antwort simulieren" }).click();

    await page.getByRole("tab", { name: "Kanal" }).click();
    await expect.poll(() => request.textContent(), { timeout: 10_000 }).toContain("Antwort von");
    await expect.poll(() => request.textContent(), { timeout: 10_000 }).toContain("Antwort erhalten");
    const thread = (await request.textContent()) ?? "";
    expect(thread).toContain("Passt Ihnen ein kurzes Telefonat am Donnerstag um 10 Uhr?");
    // The quoted history of the reply stays out of the thread: the answer's text is there once only.
    expect(thread.split("P.S.: Aus der Sandbox.").length - 1).toBe(1);
    // A reply, not a new inquiry.
    expect(await channel().getByRole("article").filter({ hasText: "Neue Anfrage von" }).count()).toBe(1);
    // The README's picture of a thread with an answer and a reply (SCREENSHOTS=docs writes it into docs/).
    await request.getByText("Antwort von").scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, "sandbox-conversation.png") });
  });
});
