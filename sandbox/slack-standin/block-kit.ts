import { parseJson } from "./wire.ts";

const MESSAGE_METHODS = new Set(["chat.postMessage", "chat.update", "chat.postEphemeral"]);
const VIEW_METHODS = new Set(["views.open", "views.push", "views.update", "views.publish"]);

/**
 * Slack's own validation of blocks and views, written here on its own (not with blocks/limits.ts),
 * so that a gap in one is caught by the other: an empty string in any field, and more blocks than
 * a message (50) or a view (100) takes. Answers like Slack, with the json-pointer of each problem.
 */
export function invalidBlockKit(method: string, args: Record<string, unknown>) {
  const isMessage = MESSAGE_METHODS.has(method);
  if (!isMessage && !VIEW_METHODS.has(method)) return undefined;
  const errors: string[] = [];
  const emptyStrings = (node: unknown, pointer: string) => {
    if (node === "") errors.push(`[ERROR] must be more than 0 characters [json-pointer:${pointer}]`);
    else if (Array.isArray(node))
      node.forEach((n, i) => {
        emptyStrings(n, `${pointer}/${i}`);
      });
    else if (node && typeof node === "object")
      for (const [k, v] of Object.entries(node))
        emptyStrings(v, `${pointer}/${k.replace(/~/g, "~0").replace(/\//g, "~1")}`);
  };
  const tooMany = (blocks: unknown, pointer: string, max: number) => {
    if (Array.isArray(blocks) && blocks.length > max)
      errors.push(`[ERROR] no more than ${max} items allowed [json-pointer:${pointer}]`);
  };
  if (isMessage) {
    const blocks = parseJson(args.blocks);
    tooMany(blocks, "/blocks", 50);
    emptyStrings(blocks, "/blocks");
  } else {
    const view = parseJson(args.view) as Record<string, unknown> | undefined;
    if (view && typeof view === "object") {
      tooMany(view.blocks, "/view/blocks", 100);
      // Only what is known to be checked: the blocks and the view's own text objects. Whether Slack
      // refuses an empty private_metadata or callback_id is not documented (blocks/limits.ts does).
      for (const key of ["blocks", "title", "submit", "close"]) emptyStrings(view[key], `/view/${key}`);
      for (const key of ["title", "submit", "close"]) {
        const text = (view[key] as { text?: unknown } | undefined)?.text;
        if (typeof text === "string" && text.length > 24)
          errors.push(`[ERROR] must be less than 25 characters [json-pointer:/view/${key}/text]`);
      }
    }
  }
  if (errors.length === 0) return undefined;
  return {
    ok: false,
    error: isMessage ? "invalid_blocks" : "invalid_arguments",
    response_metadata: { messages: errors },
  };
}

/** Slack fills in a block_id (and an action_id) where the app sent none; clicks carry them. */
export function withBlockIds<T>(blocks: T[]): T[] {
  return blocks.map((b, i) => {
    if (!b || typeof b !== "object") return b;
    const block = { ...(b as Record<string, unknown>) };
    block.block_id ??= `b${i}`;
    const fill = (e: unknown, j: number) =>
      e &&
      typeof e === "object" &&
      "type" in e &&
      !("action_id" in e) &&
      e.type !== "mrkdwn" &&
      e.type !== "plain_text" &&
      e.type !== "image"
        ? { ...e, action_id: `a${i}_${j}` }
        : e;
    if (Array.isArray(block.elements) && block.type === "actions") block.elements = block.elements.map(fill);
    if (block.accessory) block.accessory = fill(block.accessory, 0);
    if (block.element) block.element = fill(block.element, 0);
    return block as T;
  });
}
