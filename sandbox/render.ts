/**
 * Block Kit and mrkdwn as HTML, the way Slack shows them: pure functions from what the bot sent to
 * markup. Everything from the bot is escaped here; the page's script never builds markup itself.
 * Interactive elements carry data-* attributes that the script turns into bridge calls.
 */

export interface RenderContext {
  /** Display names of users (`<@U…>`). */
  users: Record<string, string>;
  /** Names of channels (`<#C…>`). */
  channels: Record<string, string>;
  /** The viewer's time zone, for `<!date^…>`. */
  tz: string;
  now: Date;
}

type Obj = Record<string, unknown>;
type TextObject = { type?: string; text?: string; verbatim?: boolean };

export const escapeHtml = (s: string) =>
  s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");

/** Slack's three entities, decoded once: `&amp;lt;` stays `&lt;` as text. */
const decodeEntities = (s: string) =>
  s.replace(/&(amp|lt|gt);/g, (_, e: string) => ({ amp: "&", lt: "<", gt: ">" })[e] ?? "");

/**
 * The emoji codes Slack turns into pictures: every code the bot uses (test/sandbox/render.test.ts
 * scans the sources for them) and a few common ones. Screenshots need a colour emoji font
 * (fonts-noto-color-emoji), or these show as empty boxes.
 */
export const EMOJI: Record<string, string> = {
  white_check_mark: "✅",
  heavy_check_mark: "✔️",
  x: "❌",
  warning: "⚠️",
  hammer_and_wrench: "🛠️",
  alarm_clock: "⏰",
  incoming_envelope: "📨",
  mailbox_with_mail: "📬",
  bar_chart: "📊",
  chart_with_upwards_trend: "📈",
  page_facing_up: "📄",
  paperclip: "📎",
  speech_balloon: "💬",
  leftwards_arrow_with_hook: "↩️",
  outbox_tray: "📤",
  clipboard: "📋",
  white_circle: "⚪",
  large_green_circle: "🟢",
  red_circle: "🔴",
  hourglass: "⌛",
  hourglass_flowing_sand: "⏳",
  bell: "🔔",
  email: "📧",
  envelope: "✉️",
  memo: "📝",
  bust_in_silhouette: "👤",
  busts_in_silhouette: "👥",
  link: "🔗",
  lock: "🔒",
  mag: "🔍",
  calendar: "📅",
  date: "📅",
  inbox_tray: "📥",
  information_source: "ℹ️",
  no_entry: "⛔",
  wave: "👋",
  tada: "🎉",
  point_right: "👉",
};

const SAFE_URL = /^(https?:|mailto:)/i;

const dateFormats = (tz: string) => ({
  date_num: new Intl.DateTimeFormat("sv-SE", {
    timeZone: tz,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }),
  date: new Intl.DateTimeFormat("de-DE", { timeZone: tz, day: "numeric", month: "long", year: "numeric" }),
  date_short: new Intl.DateTimeFormat("de-DE", {
    timeZone: tz,
    day: "numeric",
    month: "short",
    year: "numeric",
  }),
  date_long: new Intl.DateTimeFormat("de-DE", {
    timeZone: tz,
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
  }),
  time: new Intl.DateTimeFormat("de-DE", { timeZone: tz, hour: "2-digit", minute: "2-digit" }),
  time_secs: new Intl.DateTimeFormat("de-DE", {
    timeZone: tz,
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }),
});

/** `<!date^epoch^format|fallback>` in the viewer's time zone, with Slack's tokens. */
export function formatSlackDate(epoch: number, format: string, ctx: RenderContext): string {
  const at = new Date(epoch * 1000);
  const f = dateFormats(ctx.tz);
  const dayKey = (d: Date) => f.date_num.format(d);
  const pretty = (fallback: Intl.DateTimeFormat) => {
    const day = 86_400_000;
    const key = dayKey(at);
    if (key === dayKey(ctx.now)) return "heute";
    if (key === dayKey(new Date(ctx.now.getTime() - day))) return "gestern";
    if (key === dayKey(new Date(ctx.now.getTime() + day))) return "morgen";
    return fallback.format(at);
  };
  const ago = () => {
    const s = Math.round((ctx.now.getTime() - at.getTime()) / 1000);
    const abs = Math.abs(s);
    if (abs < 60) return "gerade eben";
    // "vor" and "in" both take the dative: "vor einer Minute", "in 3 Tagen".
    const [n, one, many] =
      abs < 3600
        ? [Math.round(abs / 60), "einer Minute", "Minuten"]
        : abs < 86_400
          ? [Math.round(abs / 3600), "einer Stunde", "Stunden"]
          : [Math.round(abs / 86_400), "einem Tag", "Tagen"];
    const amount = n === 1 ? one : `${n} ${many}`;
    return s >= 0 ? `vor ${amount}` : `in ${amount}`;
  };
  return format.replace(/\{(\w+)\}/g, (token, name: string) => {
    switch (name) {
      case "date_num":
      case "date":
      case "date_short":
      case "date_long":
      case "time":
      case "time_secs":
        return f[name].format(at);
      case "date_pretty":
        return pretty(f.date);
      case "date_short_pretty":
        return pretty(f.date_short);
      case "date_long_pretty":
        return pretty(f.date_long);
      case "ago":
        return ago();
      default:
        return token;
    }
  });
}

/** One `<…>` control sequence of mrkdwn as HTML. */
function controlSequence(inner: string, ctx: RenderContext): string {
  const [target = "", ...rest] = inner.split("|");
  const label = rest.length > 0 ? decodeEntities(rest.join("|")) : undefined;
  if (target.startsWith("@")) {
    const id = target.slice(1);
    return `<span class="mention">@${escapeHtml(ctx.users[id] ?? label ?? id)}</span>`;
  }
  if (target.startsWith("#")) {
    const id = target.slice(1);
    return `<span class="mention">#${escapeHtml(ctx.channels[id] ?? label ?? id)}</span>`;
  }
  if (target.startsWith("!date^")) {
    const [, epoch, format = "{date}"] = target.split("^");
    const n = Number(epoch);
    if (!Number.isFinite(n)) return escapeHtml(label ?? "");
    const iso = new Date(n * 1000).toISOString();
    return `<time datetime="${iso}">${escapeHtml(formatSlackDate(n, format, ctx))}</time>`;
  }
  if (target.startsWith("!subteam^")) return `<span class="mention">${escapeHtml(label ?? "@Gruppe")}</span>`;
  if (target.startsWith("!")) return `<span class="mention">@${escapeHtml(target.slice(1))}</span>`;
  const url = decodeEntities(target);
  if (!SAFE_URL.test(url)) return escapeHtml(label ?? url);
  return `<a href="${escapeHtml(url)}" target="_blank" rel="noopener noreferrer">${escapeHtml(label ?? url)}</a>`;
}

/**
 * mrkdwn as Slack renders it: `*fett*`, `_kursiv_`, `~durch~`, `` `code` ``, ``` blocks, `>` quotes,
 * links and mentions; `&lt;` and friends shown once as the character. A literal `<` in the text is
 * always escaped by the sender, so every raw `<…>` is a control sequence.
 */
export function mrkdwn(text: string, ctx: RenderContext): string {
  const pieces: string[] = [];
  const hold = (html: string) => {
    pieces.push(html);
    return `\uE000${pieces.length - 1}\uE000`;
  };
  // Text containing our placeholder character cannot be confused with a placeholder.
  let s = text.replace(/\uE000/g, "");
  s = s.replace(/```([\s\S]*?)```/g, (_, code: string) =>
    hold(`<pre>${escapeHtml(decodeEntities(code))}</pre>`),
  );
  // Code, like every span, starts and ends with something visible: `` ` x ` `` is no code.
  s = s.replace(/`([^`\s\u200B](?:[^`\n]*?[^`\s\u200B])?)`/g, (_, code: string) =>
    hold(`<code>${escapeHtml(decodeEntities(code))}</code>`),
  );
  s = s.replace(/<([^<>\n]+)>/g, (_, inner: string) => hold(controlSequence(inner, ctx)));
  s = emojify(escapeHtml(decodeEntities(s)));
  // A span opens at a word's edge and closes at one, and its text starts and ends with something
  // visible: a marker with a (zero-width) space on either side formats nothing (blocks/mrkdwn.ts).
  const edge = "(^|[\\s\\u200B([{\"'„“])";
  const end = "(?=$|[\\s\\u200B.,;:!?)\\]}\"'“”])";
  const span = (m: string) =>
    `${edge}\\${m}([^${m}\\s\\u200B](?:[^${m}\\n]*?[^${m}\\s\\u200B])?)\\${m}${end}`;
  s = s.replace(new RegExp(span("*"), "g"), "$1<b>$2</b>");
  s = s.replace(new RegExp(span("_"), "g"), "$1<i>$2</i>");
  s = s.replace(new RegExp(span("~"), "g"), "$1<s>$2</s>");
  s = s
    .split("\n")
    .map((line) => (line.startsWith("&gt; ") ? `<blockquote>${line.slice(5)}</blockquote>` : line))
    .join("\n")
    .replace(/\n/g, "<br>")
    .replace(/<\/blockquote><br>/g, "</blockquote>");
  return s.replace(/\uE000(\d+)\uE000/g, (_, i: string) => pieces[Number(i)] ?? "");
}

/** `:code:` as its emoji, in text that is already HTML; unknown codes stay as Slack shows them. */
export const emojify = (html: string) =>
  html.replace(/:([a-z0-9_+-]+):/g, (code, name: string) => EMOJI[name] ?? code);

/** A text object: mrkdwn rendered, plain_text shown as written (with emoji, unless `emoji: false`). */
export function textObject(t: (TextObject & { emoji?: boolean }) | undefined, ctx: RenderContext): string {
  if (!t || typeof t.text !== "string") return "";
  if (t.type === "mrkdwn") return mrkdwn(t.text, ctx);
  const html = escapeHtml(t.text).replace(/\n/g, "<br>");
  return t.emoji === false ? html : emojify(html);
}

const plain = (t: unknown) =>
  t && typeof t === "object" && typeof (t as TextObject).text === "string"
    ? ((t as TextObject).text ?? "")
    : "";

let idCounter = 0;
const freshId = (prefix: string) => `${prefix}-${++idCounter}`;

const data = (blockId: string, e: Obj) =>
  `data-block-id="${escapeHtml(blockId)}" data-action-id="${escapeHtml(String(e.action_id ?? ""))}" data-kind="${escapeHtml(String(e.type))}"`;

function option(o: Obj, selected: boolean) {
  return `<option value="${escapeHtml(String(o.value ?? ""))}"${selected ? " selected" : ""}>${escapeHtml(plain(o.text))}</option>`;
}

/** The local wall-clock value of a datetime-local input for Unix seconds in the viewer's zone. */
function localDateTime(epoch: number, tz: string): string {
  const p = new Intl.DateTimeFormat("sv-SE", {
    timeZone: tz,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(new Date(epoch * 1000));
  return p.replace(" ", "T");
}

/** An interactive element: a button, a select or a picker, in a message, actions block or input. */
export function element(
  e: Obj,
  blockId: string,
  ctx: RenderContext,
  label?: { id: string; text: string },
): string {
  const labelled = label ? ` id="${label.id}"` : "";
  const placeholder = plain(e.placeholder) ? ` placeholder="${escapeHtml(plain(e.placeholder))}"` : "";
  switch (e.type) {
    case "button": {
      const style = e.style === "primary" ? " primary" : e.style === "danger" ? " danger" : "";
      const text = escapeHtml(plain(e.text));
      if (typeof e.url === "string" && SAFE_URL.test(e.url))
        return `<a class="sk-btn${style}" href="${escapeHtml(e.url)}" target="_blank" rel="noopener noreferrer" ${data(blockId, e)}>${text}</a>`;
      return `<button type="button" class="sk-btn${style}" ${data(blockId, e)}>${text}</button>`;
    }
    case "plain_text_input": {
      const value = typeof e.initial_value === "string" ? e.initial_value : "";
      const max = typeof e.max_length === "number" ? ` maxlength="${e.max_length}"` : "";
      if (e.multiline === true)
        return `<textarea${labelled} rows="4"${max}${placeholder} ${data(blockId, e)}>${escapeHtml(value)}</textarea>`;
      return `<input type="text"${labelled}${max}${placeholder} value="${escapeHtml(value)}" ${data(blockId, e)}>`;
    }
    case "email_text_input":
    case "url_text_input":
    case "number_input": {
      const type = e.type === "email_text_input" ? "email" : e.type === "url_text_input" ? "url" : "number";
      const step = e.type === "number_input" ? ` step="${e.is_decimal_allowed ? "any" : "1"}"` : "";
      const value = typeof e.initial_value === "string" ? e.initial_value : "";
      return `<input type="${type}"${labelled}${step}${placeholder} value="${escapeHtml(value)}" ${data(blockId, e)}>`;
    }
    case "datepicker":
      return `<input type="date"${labelled} value="${escapeHtml(String(e.initial_date ?? ""))}" ${data(blockId, e)}>`;
    case "timepicker":
      return `<input type="time"${labelled} value="${escapeHtml(String(e.initial_time ?? ""))}" ${data(blockId, e)}>`;
    case "datetimepicker": {
      const v = typeof e.initial_date_time === "number" ? localDateTime(e.initial_date_time, ctx.tz) : "";
      return `<input type="datetime-local"${labelled} value="${v}" ${data(blockId, e)}>`;
    }
    case "users_select": {
      const initial = String(e.initial_user ?? "");
      const opts = Object.entries(ctx.users)
        .map(
          ([id, name]) =>
            `<option value="${escapeHtml(id)}"${id === initial ? " selected" : ""}>${escapeHtml(name)}</option>`,
        )
        .join("");
      return `<select${labelled} ${data(blockId, e)}><option value="">${escapeHtml(plain(e.placeholder) || "Person wählen")}</option>${opts}</select>`;
    }
    case "static_select": {
      const initial = (e.initial_option as Obj | undefined)?.value;
      const groups = Array.isArray(e.option_groups)
        ? (e.option_groups as Obj[])
            .map(
              (g) =>
                `<optgroup label="${escapeHtml(plain(g.label))}">${((g.options as Obj[]) ?? []).map((o) => option(o, o.value === initial)).join("")}</optgroup>`,
            )
            .join("")
        : ((e.options as Obj[]) ?? []).map((o) => option(o, o.value === initial)).join("");
      return `<select${labelled} ${data(blockId, e)}><option value="">${escapeHtml(plain(e.placeholder) || "Auswählen")}</option>${groups}</select>`;
    }
    case "external_select": {
      // Slack's type-to-search: a search field sends block_suggestion; the matches fill the select.
      const initial = e.initial_option as Obj | undefined;
      const searchLabel = `${label?.text ?? "Auswahl"} suchen`;
      return `<div class="external-select"><input type="search" class="suggest" aria-label="${escapeHtml(searchLabel)}" placeholder="${escapeHtml(plain(e.placeholder) || "Tippen zum Suchen …")}" ${data(blockId, e)} data-suggest="1"><select${labelled} ${data(blockId, e)} data-external="1"><option value="">– keine Auswahl –</option>${initial ? option(initial, true) : ""}</select></div>`;
    }
    case "overflow":
      return `<select class="overflow" aria-label="Weitere Aktionen" ${data(blockId, e)}><option value="">⋯</option>${((e.options as Obj[]) ?? []).map((o) => option(o, false)).join("")}</select>`;
    case "image":
      return `<img class="sk-image small" src="${escapeHtml(String(e.image_url ?? ""))}" alt="${escapeHtml(String(e.alt_text ?? ""))}">`;
    default:
      return `<span class="unknown">[${escapeHtml(String(e.type))}]</span>`;
  }
}

/** Blocks as Slack lays them out; `errors` (block_id → message) go under their input. */
export function blocks(
  list: unknown[] | undefined,
  ctx: RenderContext,
  errors: Record<string, string> = {},
): string {
  return (list ?? [])
    .map((raw) => {
      const b = raw as Obj;
      const blockId = String(b.block_id ?? "");
      switch (b.type) {
        case "section": {
          const text = b.text ? `<div class="sk-text">${textObject(b.text as TextObject, ctx)}</div>` : "";
          const fields = Array.isArray(b.fields)
            ? `<div class="sk-fields">${(b.fields as TextObject[]).map((f) => `<div>${textObject(f, ctx)}</div>`).join("")}</div>`
            : "";
          const accessory = b.accessory
            ? `<div class="sk-accessory">${element(b.accessory as Obj, blockId, ctx)}</div>`
            : "";
          return `<div class="sk-section"><div class="sk-main">${text}${fields}</div>${accessory}</div>`;
        }
        case "actions":
          return `<div class="sk-actions">${((b.elements as Obj[]) ?? []).map((e) => element(e, blockId, ctx)).join("")}</div>`;
        case "context":
          return `<div class="sk-context">${((b.elements as Obj[]) ?? [])
            .map((e) =>
              e.type === "image"
                ? element(e, blockId, ctx)
                : `<span>${textObject(e as TextObject, ctx)}</span>`,
            )
            .join("")}</div>`;
        case "header":
          return `<h3 class="sk-header">${escapeHtml(plain(b.text))}</h3>`;
        case "divider":
          return `<hr class="sk-divider">`;
        case "image":
          return `<figure class="sk-image-block">${b.title ? `<figcaption>${escapeHtml(plain(b.title))}</figcaption>` : ""}<img src="${escapeHtml(String(b.image_url ?? ""))}" alt="${escapeHtml(String(b.alt_text ?? ""))}"></figure>`;
        case "input": {
          const id = freshId("in");
          const labelText = plain(b.label);
          const optional = b.optional === true ? ` <span class="optional">(optional)</span>` : "";
          const hint = b.hint ? `<div class="sk-hint">${escapeHtml(plain(b.hint))}</div>` : "";
          const error = errors[blockId]
            ? `<div class="sk-error" role="alert">${escapeHtml(errors[blockId] as string)}</div>`
            : "";
          // dispatch_action: a choice in this input acts at once (block_actions), as in Slack.
          return `<div class="sk-input${error ? " invalid" : ""}"${b.dispatch_action === true ? ' data-dispatch="1"' : ""}><div class="sk-label"><label for="${id}">${escapeHtml(labelText)}</label>${optional}</div>${element(
            b.element as Obj,
            blockId,
            ctx,
            { id, text: labelText },
          )}${hint}${error}</div>`;
        }
        default:
          return `<div class="unknown">[${escapeHtml(String(b.type))}]</div>`;
      }
    })
    .join("");
}
