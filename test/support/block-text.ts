import { formatSlackDate, type RenderContext } from "../../sandbox/render.ts";

/**
 * Block Kit as plain text, the way a reader takes it in: what each block says, in order, with
 * buttons as `[Text]`, inputs as `Label: ____`, and mrkdwn's mentions and dates resolved (dates as
 * a German Slack client shows them, at `ctx.now` in `ctx.tz`). For the snapshot of every text, so a
 * wording change is a readable diff, not a JSON one.
 */

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === "object" ? (v as Obj) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

export const SNAPSHOT_CONTEXT: RenderContext = {
  users: { U0ANNA0001: "Anna Acker", U0BEN00001: "Ben Berger", U0CARLA001: "Carla Conrad" },
  channels: { CTEAM0001: "kundenteam" },
  tz: "Europe/Berlin",
  now: new Date(0),
};

function mrkdwnText(text: string, ctx: RenderContext): string {
  return text
    .replace(/<([^<>\n]+)>/g, (_m, inner: string) => {
      const [target = "", ...rest] = inner.split("|");
      const label = rest.length ? rest.join("|") : undefined;
      if (target.startsWith("@")) return `@${ctx.users[target.slice(1)] ?? target.slice(1)}`;
      if (target.startsWith("#")) return `#${ctx.channels[target.slice(1)] ?? target.slice(1)}`;
      if (target.startsWith("!date^")) {
        const [, epoch, format = "{date}"] = target.split("^");
        return formatSlackDate(Number(epoch), format, ctx);
      }
      if (target.startsWith("!")) return `@${target.slice(1)}`;
      return label ? `${label} ‹${target}›` : target;
    })
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

function textOf(t: unknown, ctx: RenderContext): string {
  const o = obj(t);
  const s = typeof o.text === "string" ? o.text : "";
  return o.type === "mrkdwn" ? mrkdwnText(s, ctx) : s;
}

function element(e: unknown, ctx: RenderContext): string {
  const o = obj(e);
  switch (o.type) {
    case "button":
      return `[${textOf(o.text, ctx)}]${o.style === "danger" ? "!" : ""}`;
    case "overflow":
      return `[⋯ ${arr(o.options)
        .map((x) => textOf(obj(x).text, ctx))
        .join(" | ")}]`;
    case "static_select":
    case "external_select":
    case "users_select":
    case "conversations_select":
    case "radio_buttons":
    case "checkboxes": {
      const options = [...arr(o.options), ...arr(o.option_groups).flatMap((g) => arr(obj(g).options))];
      const initial = o.initial_option ? ` = ${textOf(obj(o.initial_option).text, ctx)}` : "";
      const placeholder = o.placeholder ? ` (${textOf(o.placeholder, ctx)})` : "";
      const list = options.length ? ` {${options.map((x) => textOf(obj(x).text, ctx)).join(" | ")}}` : "";
      return `<${o.type}${placeholder}${initial}${list}>`;
    }
    case "plain_text_input":
    case "email_text_input":
    case "number_input":
    case "url_text_input":
    case "datepicker":
    case "datetimepicker":
    case "timepicker": {
      const placeholder = o.placeholder ? ` (${textOf(o.placeholder, ctx)})` : "";
      const initial = typeof o.initial_value === "string" ? ` = ${o.initial_value}` : "";
      return `____${placeholder}${initial}`;
    }
    case "image":
      return `[Bild: ${String(o.alt_text ?? "")}]`;
    default:
      return textOf(o, ctx);
  }
}

export function blocksText(blocks: unknown[], ctx: RenderContext): string[] {
  const lines: string[] = [];
  for (const b of blocks) {
    const o = obj(b);
    switch (o.type) {
      case "header":
        lines.push(`# ${textOf(o.text, ctx)}`);
        break;
      case "section":
        if (o.text) lines.push(textOf(o.text, ctx));
        for (const f of arr(o.fields)) lines.push(`  ▪ ${textOf(f, ctx).replace(/\n/g, "\n    ")}`);
        if (o.accessory) lines.push(`  → ${element(o.accessory, ctx)}`);
        break;
      case "context":
        lines.push(
          `  ‹${arr(o.elements)
            .map((e) => element(e, ctx))
            .join(" · ")}›`,
        );
        break;
      case "actions":
        lines.push(
          arr(o.elements)
            .map((e) => element(e, ctx))
            .join(" "),
        );
        break;
      case "input":
        lines.push(`${textOf(o.label, ctx)}${o.optional ? " (optional)" : ""}: ${element(o.element, ctx)}`);
        if (o.hint) lines.push(`  ‹${textOf(o.hint, ctx)}›`);
        break;
      case "divider":
        lines.push("———");
        break;
      case "rich_text":
        lines.push(JSON.stringify(o.elements));
        break;
      default:
        lines.push(`<${String(o.type)}>`);
    }
  }
  return lines;
}

/** A message (notification text, then the blocks) or a view (title, buttons, blocks). */
export function surfaceText(
  r: { kind: "message"; text: string; blocks: unknown[] } | { kind: "view"; view: unknown },
  ctx: RenderContext,
): string {
  if (r.kind === "message")
    return [`(Benachrichtigung: ${mrkdwnText(r.text, ctx)})`, ...blocksText(r.blocks, ctx)].join("\n");
  const v = obj(r.view);
  const head =
    v.type === "home"
      ? ["[Startseite]"]
      : [
          `[Modal: ${textOf(v.title, ctx)}]${v.submit ? ` [${textOf(v.submit, ctx)}]` : ""}${v.close ? ` [${textOf(v.close, ctx)}]` : ""}`,
        ];
  return [...head, ...blocksText(arr(v.blocks), ctx)].join("\n");
}
