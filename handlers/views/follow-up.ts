import type { Middleware, SlackViewMiddlewareArgs } from "@slack/bolt";
import { z } from "zod";
import { noticeModal } from "../../blocks/assign-request-modal.ts";
import { FollowUpBlock } from "../../blocks/ids.ts";
import { FOLLOW_UP_INPUT_ACTION, shiftedNotice } from "../../blocks/requests/follow-up.ts";
import type { FollowUpField } from "../../domain/follow-ups/follow-up-service.ts";
import type { Deps } from "../deps.ts";
import { requestMetadata } from "../shared/decision-payloads.ts";
import { parseMetadata } from "../shared/metadata.ts";
import { publishHome } from "../shared/publish-home.ts";

const input = <K extends string>(key: K) =>
  z.object({ [FOLLOW_UP_INPUT_ACTION]: z.object({ [key]: z.string().nullish() }) });

const followUpState = z.object({
  [FollowUpBlock.date]: input("selected_date"),
  [FollowUpBlock.time]: input("selected_time").optional(),
  [FollowUpBlock.note]: input("value").optional(),
});

const BLOCK_OF: Record<FollowUpField, string> = {
  date: FollowUpBlock.date,
  time: FollowUpBlock.time,
  note: FollowUpBlock.note,
};

/**
 * Submission of the modal Wiedervorlage: Datum, Uhrzeit and Notiz are checked here (a time in the
 * past is an error under Datum or Uhrzeit), the follow-up stored before the ack (one short
 * transaction), and the message refreshed through the outbox. A time the clocks skip (daylight
 * saving) is moved forward, and the modal says so.
 */
export function followUpSubmission(deps: Deps): Middleware<SlackViewMiddlewareArgs> {
  return async ({ ack, body, view }) => {
    const meta = parseMetadata(requestMetadata, view.private_metadata).data;
    const state = followUpState.safeParse(view.state.values);
    if (!meta || !state.success) {
      await ack({
        response_action: "update",
        view: noticeModal("Fehler", "Diese Ansicht ist veraltet. Bitte erneut öffnen."),
      });
      return;
    }
    const values = state.data;
    const date = values[FollowUpBlock.date][FOLLOW_UP_INPUT_ACTION].selected_date ?? null;
    const time = values[FollowUpBlock.time]?.[FOLLOW_UP_INPUT_ACTION].selected_time ?? null;
    const note = values[FollowUpBlock.note]?.[FOLLOW_UP_INPUT_ACTION].value ?? null;
    const result = await deps.followUps.set({
      kind: meta.kind,
      requestId: meta.id,
      date,
      time,
      note,
      actor: body.user.id,
    });
    switch (result.status) {
      case "invalid":
        await ack({
          response_action: "errors",
          errors: Object.fromEntries(
            Object.entries(result.errors).map(([field, text]) => [BLOCK_OF[field as FollowUpField], text]),
          ),
        });
        return;
      case "not_found":
        await ack({
          response_action: "update",
          view: noticeModal("Nicht gefunden", "Diese Anfrage gibt es nicht (mehr)."),
        });
        return;
      default:
        if (result.due.shifted && date && time) {
          await ack({
            response_action: "update",
            view: noticeModal(
              "Wiedervorlage",
              shiftedNotice({ date, time }, result.due, deps.config.digest.timezone),
            ),
          });
        } else {
          await ack();
        }
        // Meine Wiedervorlagen of whoever set it, as after a decision (others see theirs when they open it).
        await publishHome(deps, body.user.id);
    }
  };
}
