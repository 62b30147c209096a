import type {
  BlockAction,
  Middleware,
  SlackActionMiddlewareArgs,
  SlackViewMiddlewareArgs,
  ViewOutput,
} from "@slack/bolt";
import type { View } from "@slack/types";
import { z } from "zod";
import { type CardMetadata, cardMetadata } from "../../blocks/customers/customer-card.ts";
import type { Deps } from "../deps.ts";
import { fieldErrors, refreshCard } from "./customer-card.ts";
import { parseMetadata } from "./metadata.ts";
import { openViewFast } from "./open-view.ts";

const customerId = z.uuid();

/**
 * A button of the customer card (value: the customer id) that pushes a form on top of the card.
 * The form carries the card's view id, so that saving it redraws the card underneath.
 */
export function pushCardForm(
  title: string,
  build: (deps: Deps, meta: CardMetadata, userId: string) => View | Promise<View>,
) {
  return (deps: Deps): Middleware<SlackActionMiddlewareArgs> =>
    async ({ ack, body, action, client }) => {
      await ack();
      const b = body as BlockAction;
      const meta: CardMetadata = { c: customerId.parse((action as { value?: string }).value), v: b.view?.id };
      await openViewFast(client, {
        triggerId: b.trigger_id,
        push: b.view?.type === "modal",
        title,
        build: Promise.resolve(build(deps, meta, b.user.id)),
      });
    };
}

type State = ViewOutput["state"];
type Input = State["values"][string][string];

/** A form's field: its block (which is also its input's action_id) and how its value is read. */
type Fields = Record<string, [block: string, read: (input: Input | undefined) => unknown]>;
export const text = (i: Input | undefined) => i?.value ?? "";
export const optionalText = (i: Input | undefined) => i?.value;
export const date = (i: Input | undefined) => i?.selected_date;

/** The form's inputs parsed with the schema; each zod issue goes under its field's block (else the first). */
export function parseFields<T extends z.ZodType>(
  schema: T,
  state: State,
  fields: Fields,
): { data: z.output<T> } | { errors: Record<string, string> } {
  const raw = Object.fromEntries(
    Object.entries(fields).map(([key, [block, read]]) => [key, read(state.values[block]?.[block])]),
  );
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { data: parsed.data };
  const first = Object.values(fields)[0]?.[0] ?? "";
  return { errors: fieldErrors(parsed.error, (p) => fields[String(p)]?.[0] ?? first) };
}

/** Errors to show in the form, or nothing when the change is saved. */
type Save = (
  deps: Deps,
  meta: CardMetadata,
  state: State,
  actor: string,
) => Promise<Record<string, string> | undefined>;

/** The error shown when the customer was deleted while the form was open. */
export const GONE = "Diesen Kunden gibt es nicht mehr.";

/**
 * A form pushed from the customer card: parse, save through the domain, then close the form and
 * redraw the card underneath (or show the errors in the form).
 */
export function cardForm(save: Save) {
  return (deps: Deps): Middleware<SlackViewMiddlewareArgs> =>
    async ({ ack, body, view, client }) => {
      const parsed = parseMetadata(cardMetadata, view.private_metadata);
      if (!parsed.success) throw parsed.error;
      const meta = parsed.data;
      const errors = await save(deps, meta, view.state, body.user.id);
      if (errors) {
        await ack({ response_action: "errors", errors });
        return;
      }
      await ack();
      await refreshCard(deps, client, meta.v, meta.c);
    };
}
