import type { Middleware, SlackViewMiddlewareArgs } from "@slack/bolt";
import { z } from "zod";
import { noticeModal } from "../../blocks/assign-request-modal.ts";
import { alreadyDecidedText } from "../../blocks/decision-notice.ts";
import { AssignMemberBlock } from "../../blocks/ids.ts";
import type { Deps } from "../deps.ts";
import { requestMetadata } from "../shared/decision-payloads.ts";
import { parseMetadata } from "../shared/metadata.ts";
import { teamMemberFieldError } from "../shared/person-input.ts";

const memberState = z.object({
  [AssignMemberBlock.member]: z.object({
    [AssignMemberBlock.member]: z.object({ selected_user: z.string().nullish() }),
  }),
});

const REQUIRED = "Bitte ein Teammitglied wählen.";

/**
 * Submission of the modal Zuweisen: only a team member may be chosen (not the bot, another app,
 * someone outside the channel or of another organisation: a field error, nothing stored). The
 * request is then held by the member; the direct message follows through the outbox.
 */
export function assignMemberSubmission(deps: Deps): Middleware<SlackViewMiddlewareArgs> {
  return async ({ ack, body, view }) => {
    const meta = parseMetadata(requestMetadata, view.private_metadata).data;
    const state = memberState.safeParse(view.state.values);
    if (!meta || !state.success) {
      await ack({
        response_action: "update",
        view: noticeModal("Fehler", "Diese Ansicht ist veraltet. Bitte erneut öffnen."),
      });
      return;
    }
    const member = state.data[AssignMemberBlock.member][AssignMemberBlock.member].selected_user;
    const error = member ? await teamMemberFieldError(deps, member) : REQUIRED;
    if (error || !member) {
      await ack({ response_action: "errors", errors: { [AssignMemberBlock.member]: error ?? REQUIRED } });
      return;
    }
    const result = await deps.triage.assign({
      kind: meta.kind,
      requestId: meta.id,
      actor: body.user.id,
      member,
    });
    switch (result.status) {
      case "not_found":
        await ack({
          response_action: "update",
          view: noticeModal("Nicht gefunden", "Diese Anfrage gibt es nicht (mehr)."),
        });
        return;
      case "already_decided":
        await ack({
          response_action: "update",
          view: noticeModal("Zuweisen", alreadyDecidedText(meta.kind, result.decision)),
        });
        return;
      default:
        await ack();
    }
  };
}
