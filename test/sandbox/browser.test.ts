import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { crc32, deflateSync } from "node:zlib";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../bot/config.ts";
import { type RunningSandbox, startSandbox } from "../../sandbox/start.ts";
import { chromiumPath, launchChromium } from "../support/browser.ts";

// The README's screenshots: refreshed with SCREENSHOTS=docs; other runs write them to the temp
// folder, so that a test run leaves the work tree as it was.
const DOCS =
  process.env.SCREENSHOTS === "docs"
    ? path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../docs")
    : path.join(tmpdir(), "kundenbot-screenshots");
// The other tabs' screenshots, for whoever reviews the page: never into docs/.
const SHOTS = path.join(tmpdir(), "kundenbot-screenshots");

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

  /** The page's elements matching `selector` (and the page itself) that are wider than their box. */
  const scrollingSideways = (selector: string) =>
    page.evaluate<string[]>(
      `[document.scrollingElement, ...document.querySelectorAll(${JSON.stringify(selector)})]
        .filter((e) => e.scrollWidth > e.clientWidth + 1)
        .map((e) => e.tagName + "." + e.className + ": " + e.scrollWidth + " > " + e.clientWidth + " " + [...e.querySelectorAll("*")].filter((c) => c.getBoundingClientRect().right > e.getBoundingClientRect().right + 1).map((c) => c.tagName + "." + c.className + "«" + (c.textContent || "").slice(0, 30) + "»").slice(0, 3).join(" | "))`,
    );
  /** Shares a file into `user`'s DM as the bot would (conversations.open, then Slack's external upload). */
  const shareAsBot = async (user: string, filename: string, bytes: Buffer, title: string) => {
    const api = async (method: string, args: Record<string, string>) =>
      (await (
        await fetch(`${sandbox.standin.url}${method}`, { method: "POST", body: new URLSearchParams(args) })
      ).json()) as Record<string, unknown>;
    const dm = (await api("conversations.open", { users: user })).channel as { id: string };
    const announced = await api("files.getUploadURLExternal", { filename, length: String(bytes.length) });
    await fetch(String(announced.upload_url), { method: "POST", body: bytes });
    const done = await api("files.completeUploadExternal", {
      files: JSON.stringify([{ id: announced.file_id, title }]),
      channel_id: dm.id,
      initial_comment: "Der Bericht für November.",
    });
    expect(done.ok).toBe(true);
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), "kundenbot-sandbox-"));
    await start();
    browser = await launchChromium();
    // 1280 × 800: the size of the README's screenshots, and a laptop's screen.
    page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: "de-DE" });
    await page.goto(sandbox.url);
  }, 60_000);
  beforeEach(({ onTestFailed, task }) => {
    // What the page showed when a step failed, for whoever reads the failure.
    onTestFailed(async () => {
      await page?.screenshot({ path: path.join(tmpdir(), `sandbox-failed-${task.name.slice(0, 30)}.png`) });
    });
  });
  afterEach(async () => {
    // A modal left open by a failed step would block every later click: each test starts without one.
    if (sandbox && sandbox.standin.modals.size > 0) {
      sandbox.standin.modals.clear();
      await page.reload();
    }
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

  // Issue 22: the sandbox behaves as Slack does where a person notices. Each test is one point.

  it("takes a request, and the channel shows a decided and a taken one (screenshot)", async () => {
    await mkdir(SHOTS, { recursive: true });
    await page.getByRole("tab", { name: "Kanal" }).click();
    await article("Neue Anfrage von Jörg Müller").getByRole("button", { name: "Übernehmen" }).click();
    await article("Neue Anfrage von Jörg Müller").getByRole("button", { name: "Abgeben" }).waitFor();
    await page.screenshot({ path: path.join(DOCS, "sandbox-channel.png") });
    await page.getByRole("tab", { name: "Startseite" }).click();
    await page.getByRole("tabpanel", { name: "Startseite" }).getByText("Meine Anfragen").waitFor();
    await page.screenshot({ path: path.join(DOCS, "sandbox-home.png") });
    await page.getByRole("tab", { name: "E-Mails" }).click();
    await page.getByRole("tabpanel", { name: "E-Mails" }).getByRole("article").first().waitFor();
    await page.screenshot({ path: path.join(SHOTS, "sandbox-mails.png") });
  });

  it("shows emoji codes as emoji, never as :code: text", async () => {
    await page.getByRole("tab", { name: "Kanal" }).click();
    const taken = article("Neue Anfrage von Jörg Müller");
    expect(await taken.textContent()).toContain("🛠️");
    const shown = (await page.locator("main").innerText()) + (await page.locator("#modal-root").innerText());
    expect(shown.match(/:[a-z][a-z0-9_+-]*:/g) ?? []).toEqual([]);
  });

  it("Direktnachrichten: the Auskunft as a link that downloads it, and an image shown", async () => {
    await say("/kunden auskunft eva.schaefer@example.com");
    await page.getByRole("tab", { name: "Direktnachrichten" }).click();
    const dms = page.getByRole("tabpanel", { name: "Direktnachrichten" });
    const link = dms.getByRole("link", { name: /^auskunft-\d{4}-\d{2}-\d{2}\.json$/ });
    await link.waitFor();
    const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
    expect(download.suggestedFilename()).toMatch(/^auskunft-.*\.json$/);
    const saved = await download.path();
    expect(JSON.stringify(JSON.parse(await readFile(saved, "utf8")))).toContain("eva.schaefer@example.com");

    // A picture the bot sends (the report's chart) is shown in the message, and downloads too.
    await shareAsBot("U0ANNA0001", "bericht.png", chartPng(), "Bericht November");
    const image = dms.getByRole("img", { name: "Bericht November" });
    await image.waitFor();
    expect(
      await image.evaluate((i) => (i as unknown as { complete: boolean; naturalWidth: number }).naturalWidth),
    ).toBe(160);
    await dms.getByRole("link", { name: "bericht.png" }).waitFor();
    await page.screenshot({ path: path.join(SHOTS, "sandbox-dms.png") });

    // Ben sees none of it.
    await signIn("Ben Berger");
    await page.getByRole("tab", { name: "Direktnachrichten" }).click();
    await page
      .getByRole("tabpanel", { name: "Direktnachrichten" })
      .getByText("Noch keine Direktnachrichten")
      .waitFor();
    await signIn("Anna Acker");
  });

  it("Direktnachrichten: /kunden export as kunden.csv that downloads, a CSV with its BOM and header", async () => {
    await page.getByRole("tab", { name: "Kanal" }).click();
    await say("/kunden export");
    await page.getByRole("tab", { name: "Direktnachrichten" }).click();
    const link = page
      .getByRole("tabpanel", { name: "Direktnachrichten" })
      .getByRole("link", { name: "kunden.csv" });
    await link.waitFor();
    const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
    expect(download.suggestedFilename()).toBe("kunden.csv");
    const bytes = await readFile(await download.path());
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(bytes.toString("utf8").slice(1).split("\r\n")[0]).toBe(
      "Firma,Vorname,Nachname,E-Mail,Telefon,Adresse,Domains,Angelegt,Kunden-ID",
    );
    await page.getByRole("tab", { name: "Kanal" }).click();
  });

  it("closes the top modal with Escape", async () => {
    await page.getByRole("tab", { name: "Kanal" }).click();
    await say("/kunden neu");
    await dialog("Neuer Kunde").waitFor();
    await page.keyboard.press("Escape");
    await dialog("Neuer Kunde").waitFor({ state: "detached" });
  });

  it("scrolls the channel to the newest message, with the composer always in view", async () => {
    await page.getByRole("tab", { name: "Kanal" }).click();
    for (let i = 1; i <= 6; i++) await say(`Testnachricht ${i}`);
    const newest = article("Testnachricht 6");
    await newest.waitFor();
    const viewport = page.viewportSize() ?? { width: 1280, height: 800 };
    const composer = await page.getByRole("textbox", { name: "Nachricht" }).boundingBox();
    expect(composer && composer.y + composer.height).toBeLessThanOrEqual(viewport.height);
    const box = await newest.boundingBox();
    expect(box && box.y + box.height).toBeLessThanOrEqual(composer?.y ?? 0);
    expect(await page.evaluate<number>("document.scrollingElement.scrollHeight")).toBeLessThanOrEqual(
      viewport.height,
    );
  });

  it("updates the Startseite by itself while it is shown", async () => {
    await page.getByRole("tab", { name: "Startseite" }).click();
    const home = page.getByRole("tabpanel", { name: "Startseite" });
    await home.getByText("Anfragen (1 offen)").waitFor();
    await page.getByRole("button", { name: "Anfrage simulieren" }).click();
    await home.getByText("Anfragen (2 offen)").waitFor({ timeout: 10_000 });
  });

  it("updates the channel by itself when a request comes from outside the page", async () => {
    await page.getByRole("tab", { name: "Kanal" }).click();
    // Not through the page: the sandbox's own API, as a second browser tab would.
    const res = await fetch(`${sandbox.url}sandbox/simulate`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ kind: "inquiry" }),
    });
    expect(res.status).toBe(200);
    await article("Neue Anfrage von Eva Schäfer").nth(1).waitFor();
  });

  it("wraps long words in messages and threads; nothing scrolls sideways", async () => {
    // 3,900 characters: the composer takes up to 4,000.
    const word = "Donaudampfschifffahrtsgesellschaft".repeat(115);
    await say(word);
    await article(word.slice(0, 60)).waitFor();
    await article("Neue Anfrage von Jörg Müller").getByRole("button", { name: "Notiz" }).click();
    await dialog("Notiz").getByLabel("Notiz", { exact: true }).fill(word);
    await dialog("Notiz").getByRole("button", { name: "Speichern" }).click();
    await article("Neue Anfrage von Jörg Müller")
      .getByRole("region", { name: "Thread" })
      .getByText(word.slice(0, 40))
      .waitFor();
    const sideways = await scrollingSideways("#messages, #messages article, .thread");
    expect(sideways).toEqual([]);
    const list = await page.locator("#messages").boundingBox();
    const box = await article(word.slice(0, 60)).last().boundingBox();
    expect(box && box.x + box.width).toBeLessThanOrEqual((list?.x ?? 0) + (list?.width ?? 0) + 1);
  });

  it("wraps long words in modals", async () => {
    const word = "Grundstücksverkehrsgenehmigungszuständigkeit".repeat(100);
    await say(`/kunden ${word.slice(0, 3000)}`);
    await channel().getByRole("article").filter({ hasText: "Kein Kunde gefunden" }).last().waitFor();
    await say("/kunden neu");
    const modal = dialog("Neuer Kunde");
    await modal.getByLabel("Firma", { exact: true }).fill(word.slice(0, 200));
    await modal.getByLabel("E-Mail", { exact: true }).fill("kein-at-zeichen");
    await modal.getByRole("button", { name: "Speichern" }).click();
    await modal.locator(".sk-error").first().waitFor();
    const sideways = await scrollingSideways("[role=dialog], .modal-body");
    expect(sideways).toEqual([]);
    await page.keyboard.press("Escape");
    await modal.waitFor({ state: "detached" });
  });

  it("jumps to the message from the digest's Zur Nachricht link, inside the sandbox", async () => {
    const digests = channel().getByRole("article").filter({ hasText: "Offene Zugriffsfreigaben" });
    const before = await digests.count();
    await page.getByRole("button", { name: "Einladung simulieren" }).click();
    const target = article("Neue Zugriffsfreigabe von Klaus Weber").last();
    await target.getByRole("button", { name: "Einladung ablehnen" }).waitFor();
    await say("/kunden digest");
    await expect.poll(() => digests.count(), { timeout: 10_000 }).toBe(before + 1);
    const link = digests.last().getByRole("link", { name: "Zur Nachricht" }).first();
    expect(await link.getAttribute("href")).toMatch(new RegExp(`^${sandbox.url}archives/`));
    await link.click();
    await expect.poll(() => target.evaluate((e) => e.classList.contains("highlight"))).toBe(true);
    expect(page.url()).toMatch(new RegExp(`^${sandbox.url}`));
    expect(page.context().pages()).toHaveLength(1);
    const box = await target.boundingBox();
    expect(box && box.y).toBeGreaterThanOrEqual(0);
    expect(box && box.y).toBeLessThan(800);
  });

  it("asks before Zurücksetzen, and keeps everything when the answer is no", async () => {
    let asked = "";
    page.once("dialog", (d) => {
      asked = d.message();
      void d.dismiss();
    });
    await page.getByRole("button", { name: "Zurücksetzen" }).click();
    await expect.poll(() => asked).toContain("zurücksetzen");
    await page.waitForTimeout(300);
    await article("Neue Anfrage von Eva Schäfer").first().waitFor();
    expect(await sandbox.prisma.inquiry.count()).toBeGreaterThan(0);
  });

  it("serves /favicon.ico, so the browser logs no 404", async () => {
    const notFound: string[] = [];
    page.on("response", (r) => {
      if (r.status() === 404) notFound.push(r.url());
    });
    await page.reload();
    await channel().getByRole("article").first().waitFor();
    expect((await page.request.get(`${sandbox.url}favicon.ico`)).status()).toBe(200);
    expect(notFound).toEqual([]);
  });

  it("says, for Olaf outside the team, that E-Mails and the log are the operator's view", async () => {
    await signIn("Olaf Außenstehend (nicht im Team)");
    await page.getByRole("tab", { name: "E-Mails" }).click();
    const note = page.getByRole("tabpanel", { name: "E-Mails" }).getByRole("note");
    expect(await note.innerText()).toMatch(/Betreiberansicht.*Olaf Außenstehend ist nicht im Team/s);
    expect(await page.getByRole("complementary", { name: "Protokoll" }).innerText()).toContain(
      "Betreiberansicht",
    );
    await signIn("Anna Acker");
  });

  it("keeps the JSON log collapsed until opened, then readable: one line per call, no sideways scrolling", async () => {
    const log = page.getByRole("complementary", { name: "Protokoll" });
    const panel = log.locator("details#log-panel");
    expect(await panel.evaluate((d) => (d as unknown as { open: boolean }).open)).toBe(false);
    expect(await log.getByText("chat.postMessage").first().isVisible()).toBe(false);
    await log.getByText("Protokoll (JSON)").click();
    const call = log.locator("summary").filter({ hasText: "chat.postMessage" }).first();
    await call.waitFor();
    expect(await call.innerText()).toMatch(/^\d{2}:\d{2}:\d{2} chat\.postMessage ok$/);
    await call.click();
    const json = log.locator("details.log-entry[open] pre").first();
    expect(JSON.parse(await json.innerText())).toMatchObject({ method: "chat.postMessage" });
    expect(await log.evaluate((e) => e.scrollWidth <= e.clientWidth + 1)).toBe(true);
    await page.screenshot({ path: path.join(SHOTS, "sandbox-log.png") });
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

/** A 160 × 90 PNG with three bars, like a report's chart. */
function chartPng(): Buffer {
  const width = 160;
  const height = 90;
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3, 255);
    row[0] = 0;
    for (let x = 0; x < width; x++) {
      const bar = Math.floor(x / 50);
      const top = [50, 20, 35][bar] ?? height;
      if (x % 50 > 8 && y > top) row.set([18, 100, 163], 1 + x * 3);
    }
    rows.push(row);
  }
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(Buffer.concat(rows))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}
