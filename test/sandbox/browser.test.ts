import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../bot/config.ts";
import { type RunningSandbox, startSandbox } from "../../sandbox/start.ts";
import { chromiumPath, launchChromium } from "../support/browser.ts";

// The README's screenshots: refreshed with SCREENSHOTS=docs; other runs write them to the temp
// folder, so that a test run leaves the work tree as it was.
const DOCS =
  process.env.SCREENSHOTS === "docs"
    ? path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../docs")
    : path.join(tmpdir(), "kundenbot-screenshots");

// A newcomer's flows in a real browser, through the page only: the page talks to the sandbox server,
// the bridge signs Slack's requests to the unchanged bot, the bot calls the stand-in.
describe.skipIf(!chromiumPath)("the sandbox in a browser", () => {
  let dataDir: string;
  let sandbox: RunningSandbox;
  let browser: Browser;
  let page: Page;

  const start = async () => {
    sandbox = await startSandbox(loadConfig({ DATA_DIR: dataDir, PORT: "0", LOG_LEVEL: "silent" }));
  };
  const channel = () => page.getByRole("tabpanel", { name: "Kanal" });
  const article = (text: string) => channel().getByRole("article").filter({ hasText: text });
  const dialog = (name: string) => page.getByRole("dialog", { name });
  const say = async (text: string) => {
    await page.getByRole("textbox", { name: "Nachricht" }).fill(text);
    await page.getByRole("textbox", { name: "Nachricht" }).press("Enter");
  };
  const signIn = async (name: string) => {
    await page.getByRole("combobox", { name: "Angemeldet als" }).selectOption({ label: name });
    await page.waitForURL(/als=/);
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), "kundenbot-sandbox-"));
    await start();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 860 }, locale: "de-DE" });
    await page.goto(sandbox.url);
  }, 60_000);
  beforeEach(({ onTestFailed, task }) => {
    // What the page showed when a step failed, for whoever reads the failure.
    onTestFailed(async () => {
      await page?.screenshot({ path: path.join(tmpdir(), `sandbox-failed-${task.name.slice(0, 30)}.png`) });
    });
  });
  afterAll(async () => {
    await browser?.close();
    await sandbox?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it("simulates an inquiry, adds it as a customer through the modal, and the message shows the decision", async () => {
    await page.getByRole("button", { name: "Anfrage simulieren" }).click();
    const message = article("Eva Schäfer");
    await message.getByRole("button", { name: "Kunde hinzufügen" }).click();

    const modal = dialog("Kunde hinzufügen");
    await modal.waitFor();
    // Prefilled from the request, labelled with the Block Kit labels.
    expect(await modal.getByLabel("Firma", { exact: true }).inputValue()).toBe("Bäckerei Schäfer & Söhne");
    await modal.getByLabel("Firma", { exact: true }).fill("Bäckerei Schäfer & Söhne OHG");
    await mkdir(DOCS, { recursive: true });
    await page.screenshot({ path: path.join(DOCS, "sandbox-modal.png") });
    await modal.getByRole("button", { name: "Hinzufügen" }).click();

    await message.getByText("Bäckerei Schäfer & Söhne OHG").waitFor();
    await message.getByText("@Anna Acker").waitFor();
    expect(await message.getByRole("button", { name: "Kunde hinzufügen" }).count()).toBe(0);
    await dialog("Kunde hinzufügen").waitFor({ state: "detached" });
    await page.screenshot({ path: path.join(DOCS, "sandbox-channel.png") });
  });

  it("finds the customer with /kunden and opens the card with its buttons", async () => {
    await say("/kunden schafer");
    const results = channel().getByRole("article").filter({ hasText: "Nur für dich sichtbar" }).last();
    await results.getByRole("button", { name: "Öffnen" }).first().click();
    const card = page.getByRole("dialog").filter({ hasText: "Bäckerei Schäfer & Söhne OHG" });
    await card.waitFor();
    for (const name of ["Bearbeiten", "Domain zuordnen", "Vertrag zuordnen", "Aufgabe anlegen"])
      await card.getByRole("button", { name }).waitFor();
    await card.getByRole("button", { name: "Schließen" }).click();
    await card.waitFor({ state: "detached" });
  });

  it("declines an invitation with a personal message, and the mail is in E-Mails", async () => {
    await page.getByRole("button", { name: "Einladung simulieren" }).click();
    await article("Klaus Weber").getByRole("button", { name: "Einladung ablehnen" }).click();
    const modal = dialog("Einladung ablehnen");
    await modal
      .getByLabel("Persönliche Nachricht", { exact: true })
      .fill("Leider sind wir ausgebucht, Herr Weber.");
    await modal.getByRole("button", { name: "Ablehnen" }).click();
    await article("Klaus Weber").getByText("@Anna Acker").waitFor();

    await page.getByRole("tab", { name: "E-Mails" }).click();
    const mail = page.getByRole("tabpanel", { name: "E-Mails" }).getByRole("article").first();
    await mail.getByText("Leider sind wir ausgebucht, Herr Weber.").waitFor();
    expect(await mail.textContent()).toContain("klaus.weber@example.net");
  });

  it("shows the counts on the Startseite", async () => {
    await page.getByRole("tab", { name: "Kanal" }).click();
    await page.getByRole("button", { name: "Anfrage simulieren" }).click();
    await article("Jörg Müller").waitFor();
    await page.getByRole("tab", { name: "Startseite" }).click();
    const home = page.getByRole("tabpanel", { name: "Startseite" });
    await home.getByText("Anfragen (1 offen)").waitFor();
    await home.getByText("Einladungen (0 ausstehend)").waitFor();
  });

  it("refuses Olaf, who is not in the team channel, and shows him no data", async () => {
    await signIn("Olaf Außenstehend (nicht im Team)");
    await page.getByRole("tab", { name: "Kanal" }).click();
    await say("/kunden schafer");
    const refusal = channel().getByRole("article").filter({ hasText: "Nur für dich sichtbar" });
    await refusal.first().waitFor();
    await page.getByRole("tab", { name: "Startseite" }).click();
    await page
      .getByRole("tabpanel", { name: "Startseite" })
      .getByText("Mitglied", { exact: false })
      .first()
      .waitFor();
    const body = (await page.locator("main").textContent()) ?? "";
    expect(body).not.toContain("Schäfer");
    expect(body).not.toContain("Jörg Müller");
    await signIn("Anna Acker");
  });

  it("assigns a domain, a contract and a task on the customer card", async () => {
    await page.getByRole("tab", { name: "Kanal" }).click();
    await say("/kunden schafer");
    const results = channel().getByRole("article").filter({ hasText: "Nur für dich sichtbar" }).last();
    await results.getByRole("button", { name: "Öffnen" }).first().click();
    const card = () => page.getByRole("dialog").filter({ hasText: "Bäckerei Schäfer & Söhne OHG" });

    await card().getByRole("button", { name: "Domain zuordnen" }).click();
    await dialog("Domain zuordnen").getByLabel("Domain", { exact: true }).fill("baeckerei-schaefer.de");
    await dialog("Domain zuordnen").getByRole("button", { name: "Speichern" }).click();
    await card().getByText("baeckerei-schaefer.de").waitFor();

    await card().getByRole("button", { name: "Vertrag zuordnen" }).click();
    await dialog("Vertrag zuordnen").getByLabel("Bezeichnung", { exact: true }).fill("Managed Cloud Hosting");
    await dialog("Vertrag zuordnen").getByLabel("Beginn", { exact: true }).fill("2026-12-01");
    await dialog("Vertrag zuordnen").getByRole("button", { name: "Speichern" }).click();
    await card().getByText("Managed Cloud Hosting").waitFor();

    await card().getByRole("button", { name: "Aufgabe anlegen" }).click();
    await dialog("Aufgabe anlegen").getByLabel("Titel", { exact: true }).fill("Shop-Entwurf schicken");
    await dialog("Aufgabe anlegen").getByLabel("Fällig am", { exact: true }).fill("2026-12-10");
    await dialog("Aufgabe anlegen").getByRole("button", { name: "Speichern" }).click();
    await card().getByText("Shop-Entwurf schicken").waitFor();
    await card().getByRole("button", { name: "Schließen" }).click();
    await card().waitFor({ state: "detached" });
  });

  it("posts the digest with /kunden digest, and connects an invitation to an existing customer", async () => {
    await page.getByRole("button", { name: "Einladung simulieren" }).click();
    await article("Lena Fischer").getByRole("button", { name: "Kunde verbinden" }).waitFor();
    await say("/kunden digest");
    await channel().getByRole("article").filter({ hasText: "Lena Fischer" }).nth(1).waitFor();

    await article("Neue Zugriffsfreigabe von Lena Fischer")
      .getByRole("button", { name: "Kunde verbinden" })
      .click();
    const modal = dialog("Kunde verbinden");
    await modal.getByLabel("Bestehender Kunde suchen", { exact: true }).fill("schäfer");
    await modal.getByRole("option", { name: /Bäckerei Schäfer/ }).waitFor({ state: "attached" });
    await modal.getByRole("button", { name: "Verbinden" }).click();
    const decided = article("Neue Zugriffsfreigabe von Lena Fischer");
    await decided.getByText("@Anna Acker").waitFor();
    expect(await decided.textContent()).toContain("Bäckerei Schäfer & Söhne OHG");
  });

  it("keeps everything across a restart", async () => {
    await sandbox.stop();
    await start();
    await page.goto(sandbox.url);
    await article("Neue Anfrage von Eva Schäfer").getByText("Kunde zugeordnet").waitFor();
    await article("Neue Zugriffsfreigabe von Lena Fischer").getByText("@Anna Acker").waitFor();
    await page.getByRole("tab", { name: "E-Mails" }).click();
    await page.getByRole("tabpanel", { name: "E-Mails" }).getByText("Leider sind wir ausgebucht").waitFor();
  }, 60_000);
});
