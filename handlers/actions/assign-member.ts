import type { BlockAction, Middleware, SlackActionMiddlewareArgs } from "@slack/bolt";
import { assignMemberModal } from "../../blocks/requests/assign-member.ts";
import type { Deps } from "../deps.ts";
import { requestMetadataJson, requestRef } from "../shared/decision-payloads.ts";

/** **Zuweisen** on a request: opens the modal Zuweisen at once (no database read before the trigger_id expires). */
export const assignMemberClick =
  (deps: Deps): Middleware<SlackActionMiddlewareArgs> =>
  async ({ ack, body, action, client }) => {
    await ack();
    const ref = requestRef.safeParse((action as { value?: string }).value);
    if (!ref.success) {
      deps.log.warn({ issues: ref.error.issues }, "Zuweisen button with an unusable value");
      return;
    }
    await client.views.open({
      trigger_id: (body as BlockAction).trigger_id,
      view: assignMemberModal(requestMetadataJson(ref.data.type, ref.data.id)),
    });
  };
