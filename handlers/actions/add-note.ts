import type { BlockAction, Middleware, SlackActionMiddlewareArgs } from "@slack/bolt";
import { addNoteModal } from "../../blocks/requests/note.ts";
import type { Deps } from "../deps.ts";
import { type RequestMetadata, requestRef } from "../shared/decision-payloads.ts";

/** **Notiz** on a request: opens the note modal at once (no database read before the trigger_id expires). */
export const addNoteClick =
  (deps: Deps): Middleware<SlackActionMiddlewareArgs> =>
  async ({ ack, body, action, client }) => {
    await ack();
    const ref = requestRef.safeParse((action as { value?: string }).value);
    if (!ref.success) {
      deps.log.warn({ issues: ref.error.issues }, "Notiz button with an unusable value");
      return;
    }
    const meta: RequestMetadata = { kind: ref.data.type, id: ref.data.id };
    await client.views.open({
      trigger_id: (body as BlockAction).trigger_id,
      view: addNoteModal(JSON.stringify(meta)),
    });
  };
