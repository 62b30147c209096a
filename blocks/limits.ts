// Slack's Block Kit limits (see ../shared/slack-facts.md), checked in one place. Builders are tested
// against these: a message past them is rejected by Slack with `invalid_blocks` or
// `msg_blocks_too_long`, a modal with an error that the user never sees explained.

export type Surface = "message" | "modal" | "home";

export interface SurfaceExtras {
  /** The message's top-level `text`. */
  text?: string;
  /** Modal title, submit and close texts. */
  title?: string;
  submit?: string;
  close?: string;
  privateMetadata?: string;
  callbackId?: string;
  externalId?: string;
}

const MAX_BLOCKS: Record<Surface, number> = { message: 50, modal: 100, home: 100 };
/** Slack cuts messages after 40,000 characters. */
const MAX_MESSAGE_TEXT = 40_000;
/** Long block texts together fail with msg_blocks_too_long at about 13,000 characters (undocumented); keep a margin. */
const MAX_MESSAGE_BLOCK_TEXT = 12_000;
/** A view payload of about 250 kB is the documented ceiling (unverified). */
const MAX_VIEW_BYTES = 250_000;
const MAX_ID = 255;

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const textOf = (v: unknown): string | undefined =>
  isObj(v) && typeof v.text === "string" ? v.text : typeof v === "string" ? v : undefined;

/**
 * Every way `blocks` (and the surface's own fields) break Slack's limits, as readable strings with
 * a path (`blocks[3].fields[1]: text longer than 2000`). An empty array means Slack will accept it.
 */
export function blockKitViolations(surface: Surface, blocks: unknown[], extra: SurfaceExtras = {}): string[] {
  const out: string[] = [];
  const max = (path: string, value: string | undefined, limit: number, what = "text") => {
    if (value !== undefined && value.length > limit)
      out.push(`${path}: ${what} is ${value.length} characters, more than ${limit}`);
  };

  if (blocks.length > MAX_BLOCKS[surface])
    out.push(`${blocks.length} blocks, more than ${MAX_BLOCKS[surface]} per ${surface}`);

  if (surface === "message") {
    if (extra.text === undefined || extra.text.trim() === "")
      out.push("text: a message needs a top-level text (notifications, screen readers)");
    max("text", extra.text, MAX_MESSAGE_TEXT);
  } else {
    if (surface === "modal" && extra.title === undefined) out.push("title: a modal needs a title");
    for (const [key, value] of Object.entries(extra))
      if (value === "") out.push(`${key}: empty string (leave the field out instead)`);
    max("title", extra.title, 24);
    max("submit", extra.submit, 24);
    max("close", extra.close, 24);
    max("private_metadata", extra.privateMetadata, 3000, "private_metadata");
    max("callback_id", extra.callbackId, MAX_ID, "callback_id");
    max("external_id", extra.externalId, MAX_ID, "external_id");
    const bytes = Buffer.byteLength(JSON.stringify({ blocks, ...extra }));
    if (bytes > MAX_VIEW_BYTES) out.push(`view: ${bytes} bytes, more than ${MAX_VIEW_BYTES}`);
  }

  let blockText = 0;
  const blockIds = new Set<string>();
  blocks.forEach((block, i) => {
    const path = `blocks[${i}]`;
    if (!isObj(block)) {
      out.push(`${path}: not an object`);
      return;
    }
    if (typeof block.block_id === "string") {
      max(`${path}.block_id`, block.block_id, MAX_ID, "block_id");
      if (blockIds.has(block.block_id)) out.push(`${path}.block_id: "${block.block_id}" used twice`);
      blockIds.add(block.block_id);
    }
    switch (block.type) {
      case "section": {
        const fields = Array.isArray(block.fields) ? block.fields : [];
        if (block.text === undefined && fields.length === 0)
          out.push(`${path}: a section needs text or fields`);
        max(`${path}.text`, textOf(block.text), 3000);
        if (fields.length > 10) out.push(`${path}.fields: ${fields.length} fields, more than 10`);
        fields.forEach((f, j) => {
          max(`${path}.fields[${j}]`, textOf(f), 2000);
        });
        if (block.accessory !== undefined) element(`${path}.accessory`, block.accessory);
        break;
      }
      case "header":
        max(`${path}.text`, textOf(block.text), 150);
        break;
      case "context": {
        const elements = Array.isArray(block.elements) ? block.elements : [];
        if (elements.length === 0 || elements.length > 10)
          out.push(`${path}.elements: ${elements.length} elements, must be 1 to 10`);
        elements.forEach((e, j) => {
          max(`${path}.elements[${j}]`, textOf(e), 3000);
        });
        break;
      }
      case "actions": {
        const elements = Array.isArray(block.elements) ? block.elements : [];
        if (elements.length === 0 || elements.length > 25)
          out.push(`${path}.elements: ${elements.length} elements, must be 1 to 25`);
        elements.forEach((e, j) => {
          element(`${path}.elements[${j}]`, e);
        });
        break;
      }
      case "input":
        max(`${path}.label`, textOf(block.label), 2000);
        max(`${path}.hint`, textOf(block.hint), 2000);
        if (surface === "message") out.push(`${path}: input blocks belong in modals or the Home tab`);
        element(`${path}.element`, block.element);
        break;
      case "divider":
      case "image":
      case "rich_text":
        break;
      default:
        out.push(`${path}: unknown block type ${String(block.type)}`);
    }
    walkTexts(block, path, (p, text) => {
      blockText += text.length;
      // Whether Slack takes a text of only spaces is undocumented; it says nothing, so treat it as empty.
      if (text !== "" && text.trim() === "") out.push(`${p}: blank text (Slack shows nothing)`);
    });
    emptyStrings(block, path, out);
  });
  if (surface === "message" && blockText > MAX_MESSAGE_BLOCK_TEXT)
    out.push(
      `blocks: ${blockText} characters of text together, more than ${MAX_MESSAGE_BLOCK_TEXT} (msg_blocks_too_long)`,
    );
  return out;

  function element(path: string, e: unknown) {
    if (!isObj(e)) {
      out.push(`${path}: missing`);
      return;
    }
    max(`${path}.action_id`, typeof e.action_id === "string" ? e.action_id : undefined, MAX_ID, "action_id");
    max(`${path}.placeholder`, textOf(e.placeholder), 150);
    switch (e.type) {
      case "button":
        max(`${path}.text`, textOf(e.text), 75);
        max(`${path}.value`, typeof e.value === "string" ? e.value : undefined, 2000, "value");
        max(`${path}.url`, typeof e.url === "string" ? e.url : undefined, 3000, "url");
        break;
      case "plain_text_input": {
        const m = e.max_length;
        if (m !== undefined && (typeof m !== "number" || m < 1 || m > 3000))
          out.push(`${path}.max_length: ${String(m)}, must be 1 to 3000`);
        max(`${path}.initial_value`, typeof e.initial_value === "string" ? e.initial_value : undefined, 3000);
        break;
      }
      case "overflow":
        options(path, e.options, 5);
        break;
      default:
        if (Array.isArray(e.options)) options(path, e.options, 100);
    }
  }

  function options(path: string, list: unknown, limit: number) {
    const opts = Array.isArray(list) ? list : [];
    if (opts.length > limit) out.push(`${path}.options: ${opts.length} options, more than ${limit}`);
    opts.forEach((o, j) => {
      if (!isObj(o)) return;
      max(`${path}.options[${j}].text`, textOf(o.text), 75);
      max(`${path}.options[${j}].value`, typeof o.value === "string" ? o.value : undefined, 75, "value");
    });
  }
}

/**
 * Slack refuses an empty string in any field of a block (`invalid_blocks`, "must be more than 0
 * characters"): a button value, a url, an id, an initial value, an option, a text.
 */
function emptyStrings(node: unknown, path: string, out: string[]) {
  if (node === "") out.push(`${path}: empty string (Slack rejects it; leave the field out instead)`);
  else if (Array.isArray(node))
    node.forEach((n, i) => {
      emptyStrings(n, `${path}[${i}]`, out);
    });
  else if (isObj(node)) for (const [k, v] of Object.entries(node)) emptyStrings(v, `${path}.${k}`, out);
}

/** Calls `visit` for every text object (`{type: "plain_text" | "mrkdwn", text}`) below `node`. */
function walkTexts(node: unknown, path: string, visit: (path: string, text: string) => void) {
  if (Array.isArray(node)) {
    node.forEach((n, i) => {
      walkTexts(n, `${path}[${i}]`, visit);
    });
    return;
  }
  if (!isObj(node)) return;
  if ((node.type === "plain_text" || node.type === "mrkdwn") && typeof node.text === "string") {
    visit(path, node.text);
    return;
  }
  for (const [k, v] of Object.entries(node)) walkTexts(v, `${path}.${k}`, visit);
}

/** The limits of a whole view (modal or Home tab). */
export function viewViolations(view: {
  type: "modal" | "home";
  blocks: unknown[];
  title?: { text: string };
  submit?: { text: string };
  close?: { text: string };
  private_metadata?: string;
  callback_id?: string;
  external_id?: string;
}): string[] {
  return blockKitViolations(view.type, view.blocks, {
    title: view.title?.text,
    submit: view.submit?.text,
    close: view.close?.text,
    privateMetadata: view.private_metadata,
    callbackId: view.callback_id,
    externalId: view.external_id,
  });
}
