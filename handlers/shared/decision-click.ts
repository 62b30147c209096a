import type { Middleware, SlackActionMiddlewareArgs } from "@slack/bolt";
import type { View } from "@slack/types";
import { noticeModal } from "../../blocks/assign-request-modal.ts";
import { alreadyDecidedText } from "../../blocks/decision-notice.ts";
import type { ClosedRequest } from "../../domain/decisions/decision-service.ts";
import type { RequestKind } from "../../domain/requests/request-kind.ts";
import type { Deps } from "../deps.ts";
import { buttonClick, requestId } from "./decision-payloads.ts";

function closedNotice(kind: RequestKind, closed: ClosedRequest): View {
  switch (closed.status) {
    case "not_available":
      return noticeModal("Nicht verfügbar", "Zugriffsfreigaben gibt es im ISV-Partnerprogramm nicht.");
    case "not_found":
      return noticeModal("Nicht gefunden", "Diese Anfrage gibt es nicht (mehr).");
    case "already_decided":
      return noticeModal("Bereits entschieden", alreadyDecidedText(kind, closed.decision));
  }
}

/**
 * A click on a decision button: ack, ask the decision service for the request (one indexed read,
 * about a millisecond), and open the modal while the trigger_id is fresh, or a notice of why not.
 */
export function decisionClick<Open extends { status: "open" }>(
  kind: RequestKind,
  open: (deps: Deps, requestId: string) => Promise<Open | ClosedRequest>,
  modal: (opened: Open) => View,
) {
  return (deps: Deps): Middleware<SlackActionMiddlewareArgs> =>
    async ({ ack, body, client }) => {
      // The ack resolves once the acks of clicks that arrived meanwhile are out (handlers/dispatch.ts).
      await ack();
      const click = buttonClick.safeParse(body);
      const id = requestId.safeParse(click.data?.actions[0]?.value);
      if (!click.success || !id.success) {
        deps.log.warn(
          { issues: click.error?.issues ?? id.error?.issues },
          "decision button with an unusable payload",
        );
        return;
      }
      const opened = await open(deps, id.data);
      const view =
        opened.status === "open" ? modal(opened as Open) : closedNotice(kind, opened as ClosedRequest);
      await client.views.open({ trigger_id: click.data.trigger_id, view });
    };
}
