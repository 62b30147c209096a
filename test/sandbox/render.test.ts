import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { blocks, EMOJI, formatSlackDate, mrkdwn, type RenderContext } from "../../sandbox/render.ts";

const ctx: RenderContext = {
  users: { U0ANNA0001: "Anna Acker" },
  channels: { CKUNDENTEAM: "kundenteam" },
  tz: "Europe/Berlin",
  now: new Date("2026-12-02T12:00:00Z"),
};

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");

describe("mrkdwn as Slack renders it", () => {
  it("shows escaped control sequences as text, once: &lt;!channel&gt; is <!channel>, not a mention", () => {
    const html = mrkdwn("Hallo &lt;!channel&gt; &amp; &lt;https://x.example|y&gt;", ctx);
    expect(text(html)).toBe("Hallo <!channel> & <https://x.example|y>");
    expect(html).not.toContain("mention");
    expect(html).not.toContain("<a ");
    // Shown once: the entity is decoded a single time, never as "&lt;" on screen.
    expect(html).not.toContain("&amp;lt;");
  });

  it("renders a real <!channel> as a mention", () => {
    expect(mrkdwn("<!channel> bitte", ctx)).toContain('<span class="mention">@channel</span>');
  });

  it("renders *fett*, _kursiv_, ~durch~ and `code`, but not inside words", () => {
    expect(mrkdwn("*fett* _kursiv_ ~durch~ `a*b*c`", ctx)).toBe(
      "<b>fett</b> <i>kursiv</i> <s>durch</s> <code>a*b*c</code>",
    );
    expect(mrkdwn("2*3*4 und snake_case_name", ctx)).toBe("2*3*4 und snake_case_name");
  });

  it("renders links with their text, and refuses javascript: URLs", () => {
    expect(mrkdwn("<https://example.com/a?b=1&amp;c=2|die Seite>", ctx)).toBe(
      '<a href="https://example.com/a?b=1&amp;c=2" target="_blank" rel="noopener noreferrer">die Seite</a>',
    );
    expect(mrkdwn("<javascript:alert(1)|klick>", ctx)).toBe("klick");
  });

  it("names users and channels", () => {
    expect(mrkdwn("von <@U0ANNA0001> in <#CKUNDENTEAM>", ctx)).toBe(
      'von <span class="mention">@Anna Acker</span> in <span class="mention">#kundenteam</span>',
    );
  });

  it("renders <!date^…> in the viewer's time zone, with its tokens", () => {
    // 2026-12-02 09:30 UTC is 10:30 in Berlin.
    const epoch = Date.UTC(2026, 11, 2, 9, 30) / 1000;
    expect(text(mrkdwn(`<!date^${epoch}^{date_short_pretty} um {time}|2. Dez.>`, ctx))).toBe(
      "heute um 10:30",
    );
    expect(formatSlackDate(epoch, "{date_num} {time}", { ...ctx, tz: "America/New_York" })).toBe(
      "2026-12-02 04:30",
    );
    expect(formatSlackDate(epoch - 86_400, "{date_pretty}", ctx)).toBe("gestern");
  });

  it("says {ago} as a German reader would, singular and plural", () => {
    const now = ctx.now.getTime() / 1000;
    expect(formatSlackDate(now - 20, "{ago}", ctx)).toBe("gerade eben");
    expect(formatSlackDate(now - 60, "{ago}", ctx)).toBe("vor einer Minute");
    expect(formatSlackDate(now - 300, "{ago}", ctx)).toBe("vor 5 Minuten");
    expect(formatSlackDate(now - 3600, "{ago}", ctx)).toBe("vor einer Stunde");
    expect(formatSlackDate(now - 3 * 86_400, "{ago}", ctx)).toBe("vor 3 Tagen");
    expect(formatSlackDate(now + 86_400, "{ago}", ctx)).toBe("in einem Tag");
  });

  it("shows every emoji code the bot sends as its emoji, in mrkdwn and in plain_text with emoji", () => {
    const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
    const sources = ["blocks", "handlers", "bot", "domain"].flatMap((dir) =>
      readdirSync(path.join(root, dir), { recursive: true, encoding: "utf8" })
        .filter((f) => f.endsWith(".ts"))
        .map((f) => readFileSync(path.join(root, dir, f), "utf8")),
    );
    // Codes in the bot's strings: ":name:" with a letter first (times like "9:00-18:" are no codes).
    const codes = new Set(
      sources.flatMap((src) =>
        [...src.matchAll(/[\s"`'(]:([a-z][a-z0-9_+-]*):/g)].map((m) => m[1] as string),
      ),
    );
    expect(codes).toContain("hammer_and_wrench");
    expect(codes).toContain("alarm_clock");
    for (const code of codes) {
      expect(text(mrkdwn(`:${code}: x`, ctx)), code).not.toContain(`:${code}:`);
      expect(EMOJI[code], code).toBeDefined();
    }
    const digestName = blocks(
      [{ type: "section", fields: [{ type: "plain_text", text: ":warning: Max", emoji: true }] }],
      ctx,
    );
    expect(text(digestName)).toBe("⚠️ Max");
    // Outside text is sent with emoji: false: a name like ":x: Max" stays text.
    const outside = blocks(
      [{ type: "section", text: { type: "plain_text", text: ":x: Max", emoji: false } }],
      ctx,
    );
    expect(text(outside)).toBe(":x: Max");
  });

  it("escapes HTML in the text itself", () => {
    expect(mrkdwn('"<b>" wird nicht fett', ctx)).not.toContain("<b>");
  });
});

describe("Block Kit as HTML", () => {
  it("renders every block and element type the bot uses", () => {
    const html = blocks(
      [
        { type: "header", block_id: "h", text: { type: "plain_text", text: "Kopf" } },
        {
          type: "section",
          block_id: "s",
          text: { type: "mrkdwn", text: "*Text*" },
          fields: [
            { type: "mrkdwn", text: "*Feld*" },
            { type: "plain_text", text: "*nicht fett*" },
          ],
          accessory: {
            type: "button",
            action_id: "acc",
            text: { type: "plain_text", text: "Öffnen" },
            value: "v",
          },
        },
        { type: "divider", block_id: "d" },
        { type: "context", block_id: "c", elements: [{ type: "mrkdwn", text: "klein" }] },
        {
          type: "actions",
          block_id: "a",
          elements: [
            { type: "button", action_id: "p", style: "primary", text: { type: "plain_text", text: "Ja" } },
            { type: "button", action_id: "n", style: "danger", text: { type: "plain_text", text: "Nein" } },
          ],
        },
        ...[
          { type: "plain_text_input", action_id: "t", multiline: true, initial_value: "a<b" },
          { type: "email_text_input", action_id: "e" },
          { type: "number_input", action_id: "n", is_decimal_allowed: false },
          { type: "datepicker", action_id: "d", initial_date: "2026-12-24" },
          { type: "datetimepicker", action_id: "dt", initial_date_time: Date.UTC(2026, 11, 2, 9, 30) / 1000 },
          { type: "users_select", action_id: "u", initial_user: "U0ANNA0001" },
          {
            type: "static_select",
            action_id: "st",
            options: [{ text: { type: "plain_text", text: "Eins" }, value: "1" }],
          },
          { type: "external_select", action_id: "x" },
        ].map((element, i) => ({
          type: "input",
          block_id: `i${i}`,
          label: { type: "plain_text", text: `Feld ${i}` },
          optional: i === 0,
          element,
        })),
      ],
      ctx,
      { i1: "Bitte eine E-Mail-Adresse" },
    );
    expect(html).toContain('<h3 class="sk-header">Kopf</h3>');
    expect(html).toContain("<b>Text</b>");
    expect(html).toContain("*nicht fett*");
    expect(html).toMatch(
      /<button type="button" class="sk-btn"[^>]*data-action-id="acc"[^>]*>Öffnen<\/button>/,
    );
    expect(html).toContain('<hr class="sk-divider">');
    expect(html).toContain('class="sk-context"');
    expect(html).toMatch(/class="sk-btn primary"[^>]*>Ja</);
    expect(html).toMatch(/class="sk-btn danger"[^>]*>Nein</);
    expect(html).toMatch(/<textarea id="in-\d+"[^>]*>a&lt;b<\/textarea>/);
    expect(html).toMatch(/<input type="email" id="in-\d+"/);
    expect(html).toMatch(/<input type="number" id="in-\d+" step="1"/);
    expect(html).toContain('type="date"');
    expect(html).toContain('value="2026-12-24"');
    expect(html).toContain('type="datetime-local"');
    expect(html).toContain('value="2026-12-02T10:30"');
    expect(html).toMatch(/<option value="U0ANNA0001" selected>Anna Acker<\/option>/);
    expect(html).toContain('<option value="1">Eins</option>');
    expect(html).toContain('aria-label="Feld 7 suchen"');
    // Every input has its label, pointing at it.
    for (let i = 0; i < 8; i++) expect(html).toMatch(new RegExp(`<label for="in-\\d+">Feld ${i}</label>`));
    expect(html).toContain('<span class="optional">(optional)</span>');
    expect(html).toContain('<div class="sk-error" role="alert">Bitte eine E-Mail-Adresse</div>');
  });

  it("never lets a button or value break out of its attribute", () => {
    const html = blocks(
      [
        {
          type: "actions",
          block_id: 'x"><script>',
          elements: [
            {
              type: "button",
              action_id: "a",
              text: { type: "plain_text", text: "<img src=x onerror=alert(1)>" },
            },
          ],
        },
      ],
      ctx,
    );
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<img");
  });
});

describe("the modal Wiedervorlage in the sandbox", () => {
  it("renders Datum as a date input, Uhrzeit as a time input at 09:00, Notiz as a textarea, and Wiedervorlage löschen", async () => {
    const { followUpModal } = await import("../../blocks/requests/follow-up.ts");
    const modal = followUpModal({
      privateMetadata: "{}",
      ref: "inquiry:00000000-0000-4000-8000-000000000001",
      timeZone: "Europe/Berlin",
      existing: { dueAt: new Date("2026-12-24T08:00:00Z"), note: "Anrufen" },
    });
    const html = blocks(modal.blocks as never, ctx);
    expect(html).toMatch(/<input type="date"[^>]*value="2026-12-24"/);
    expect(html).toMatch(/<input type="time"[^>]*value="09:00"/);
    expect(html).toMatch(/<textarea[^>]*>Anrufen<\/textarea>/);
    expect(html).toMatch(/class="sk-btn danger"[^>]*>Wiedervorlage löschen</);
  });
});
