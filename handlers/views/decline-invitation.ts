import type { Middleware, SlackViewMiddlewareArgs } from "@slack/bolt";
import { z } from "zod";
import { noticeModal } from "../../blocks/assign-request-modal.ts";
import { PERSONAL_MESSAGE_MAX } from "../../blocks/decline-modal.ts";
import { PERSONAL_MESSAGE_ACTION, PERSONAL_MESSAGE_BLOCK } from "../../blocks/ids.ts";
import { storableString } from "../../domain/fields.ts";
import type { Deps } from "../deps.ts";
import { answerDecision } from "../shared/decision-answer.ts";
import { requestMetadata } from "../shared/decision-payloads.ts";
import { parseMetadata } from "../shared/metadata.ts";
import { publishHome } from "../shared/publish-home.ts";

const personalMessage = z.object({
  [PERSONAL_MESSAGE_BLOCK]: z.object({
    [PERSONAL_MESSAGE_ACTION]: z.object({
      value: storableString()
        .max(PERSONAL_MESSAGE_MAX, `Höchstens ${PERSONAL_MESSAGE_MAX} Zeichen.`)
        .nullish(),
    }),
  }),
});

/** Submission of Einladung ablehnen: decline (first decision wins) and queue the e-mail, then close. */
export function declineInvitationSubmission(deps: Deps): Middleware<SlackViewMiddlewareArgs> {
  return async ({ ack, body, view, client }) => {
    const meta = parseMetadata(requestMetadata, view.private_metadata).data;
    if (meta?.kind !== "invitation") {
      await ack({
        response_action: "update",
        view: noticeModal("Fehler", "Diese Ansicht ist veraltet. Bitte erneut öffnen."),
      });
      return;
    }
    const parsed = personalMessage.safeParse(view.state.values);
    if (!parsed.success) {
      await ack({
        response_action: "errors",
        errors: { [PERSONAL_MESSAGE_BLOCK]: parsed.error.issues[0]?.message ?? "" },
      });
      return;
    }
    const result = await answerDecision({
      ack,
      client,
      viewId: view.id,
      kind: "invitation",
      decide: deps.decisions.declineInvitation({
        invitationId: meta.id,
        actor: body.user.id,
        personalMessage: parsed.data[PERSONAL_MESSAGE_BLOCK][PERSONAL_MESSAGE_ACTION].value,
      }),
    });
    if (result.status !== "decided") return;
    await publishHome(deps, body.user.id);
    deps.log.info({ user: body.user.id, invitation: meta.id }, "invitation declined");
  };
}
