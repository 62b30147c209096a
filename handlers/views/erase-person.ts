import type { Middleware, SlackViewMiddlewareArgs } from "@slack/bolt";
import { noticeModal } from "../../blocks/assign-request-modal.ts";
import { erasedModal, nothingStoredModal } from "../../blocks/privacy/erase-modal.ts";
import { eraseMetadata } from "../../domain/privacy/address.schema.ts";
import type { Deps } from "../deps.ts";
import { adminRefusal } from "../guards/admin.ts";
import { publishHome } from "../shared/publish-home.ts";

function parseMetadata(raw: string | undefined) {
  try {
    return eraseMetadata.safeParse(JSON.parse(raw ?? "")).data;
  } catch {
    return undefined;
  }
}

/** Endgültig löschen: erases the address everywhere (one transaction), then the channel messages follow. */
export function erasePersonSubmission(deps: Deps): Middleware<SlackViewMiddlewareArgs> {
  return async ({ ack, body, view }) => {
    const meta = parseMetadata(view.private_metadata);
    if (!meta) {
      await ack({
        response_action: "update",
        view: noticeModal("Fehler", "Diese Ansicht ist veraltet. Bitte erneut öffnen."),
      });
      return;
    }
    // ADMIN_USERS may have changed since the modal opened (a restart): checked again on submit.
    const refusal = adminRefusal(deps, body.user.id, "/kunden löschen");
    if (refusal) {
      await ack({ response_action: "update", view: noticeModal("Nicht erlaubt", refusal) });
      return;
    }
    const result = await deps.privacy.erase(meta.email, body.user.id);
    if (result.status === "nothing_stored") {
      await ack({ response_action: "update", view: nothingStoredModal() });
      return;
    }
    await ack({ response_action: "update", view: erasedModal(result.counts) });
    // No address in the log: the audit log has who erased which records when.
    deps.log.info({ user: body.user.id }, "personal data erased");
    await publishHome(deps, body.user.id);
  };
}
