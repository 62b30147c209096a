import { z } from "zod";
import { zonedTimeToInstant } from "../../domain/time/calendar.ts";
import type { StoredView } from "../slack-standin.ts";

/**
 * What the page sends for the inputs of a view or message, turned into what Slack puts into
 * `state.values` and into an action: each element type has its own field.
 */

/** What the page sends for one input: a text or date, or a chosen option with its text. */
export const rawValue = z.union([z.string(), z.object({ value: z.string(), text: z.string() }), z.null()]);
export const rawValues = z.record(z.string(), z.record(z.string(), rawValue));
export type RawValues = z.infer<typeof rawValues>;

export type Block = StoredView["blocks"][number];
export type Element = { type: string; action_id?: string; [k: string]: unknown };

/** The wall-clock time `local` ("2026-12-02T10:30") in time zone `tz`, as Unix seconds. */
export function zonedToEpoch(local: string, tz: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!m) return undefined;
  const [year, month, day, hour, minute] = m.slice(1).map(Number) as [number, number, number, number, number];
  return Math.floor(zonedTimeToInstant({ year, month, day, hour, minute, second: 0 }, tz).getTime() / 1000);
}

/** One element's value as Slack puts it into `view.state.values` (null when empty, as Slack sends it). */
export function elementState(element: Element, raw: z.infer<typeof rawValue> | undefined, tz: string) {
  const text = typeof raw === "string" && raw !== "" ? raw : null;
  switch (element.type) {
    case "datepicker":
      return { type: element.type, selected_date: text };
    case "timepicker":
      return { type: element.type, selected_time: text };
    case "datetimepicker":
      return { type: element.type, selected_date_time: text ? (zonedToEpoch(text, tz) ?? null) : null };
    case "users_select":
      return { type: element.type, selected_user: text };
    case "conversations_select":
      return { type: element.type, selected_conversation: text };
    case "static_select":
    case "external_select": {
      const option = raw && typeof raw === "object" ? raw : undefined;
      const known =
        option ??
        (text
          ? ((element.options as { value: string; text: { text: string } }[] | undefined) ?? [])
              .filter((o) => o.value === text)
              .map((o) => ({ value: o.value, text: o.text.text }))[0]
          : undefined);
      return {
        type: element.type,
        selected_option: known
          ? { text: { type: "plain_text", text: known.text, emoji: true }, value: known.value }
          : null,
      };
    }
    default:
      return { type: element.type, value: text };
  }
}

/** `view.state.values` for a view: every input block, and every select in an actions block, keyed like Slack. */
export function stateValues(view: Pick<StoredView, "blocks">, raw: RawValues, tz: string) {
  const values: Record<string, Record<string, unknown>> = {};
  for (const block of view.blocks as Block[]) {
    if (!block.block_id) continue;
    const elements: Element[] =
      block.type === "input" && block.element
        ? [block.element as Element]
        : block.type === "actions"
          ? ((block.elements as Element[]) ?? []).filter((e) => e.type !== "button")
          : [];
    for (const element of elements) {
      if (!element.action_id) continue;
      values[block.block_id] ??= {};
      (values[block.block_id] as Record<string, unknown>)[element.action_id] = elementState(
        element,
        raw[block.block_id]?.[element.action_id],
        tz,
      );
    }
  }
  return values;
}
