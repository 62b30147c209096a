import type { AllMiddlewareArgs, Middleware, SlackActionMiddlewareArgs } from "@slack/bolt";
import { z } from "zod";
import { fullMessageModal } from "../../blocks/request-message.ts";
import type { Deps } from "../deps.ts";
import { requestRef } from "../shared/decision-payloads.ts";

const buttonBody = z.object({
  trigger_id: z.string(),
  actions: z.tuple([z.object({ value: z.string() })], z.unknown()),
});

/** "Ganze Nachricht": opens a modal with the whole message of a request. */
export function showFullMessageClick(deps: Deps): Middleware<SlackActionMiddlewareArgs> {
  return async ({ ack, body, client }: SlackActionMiddlewareArgs & AllMiddlewareArgs) => {
    await ack();
    const parsed = buttonBody.parse(body);
    const ref = requestRef.parse(parsed.actions[0].value);
    // One indexed read: quick enough for the trigger_id's 3 seconds.
    const request = await deps.waiting.requestMessage(ref.type, ref.id);
    const view = request
      ? fullMessageModal(request.name, request.message ?? "")
      : fullMessageModal("", "Diese Anfrage gibt es nicht mehr.");
    await client.views.open({ trigger_id: parsed.trigger_id, view });
  };
}
