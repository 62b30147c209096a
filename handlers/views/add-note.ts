import type { Middleware, SlackViewMiddlewareArgs } from "@slack/bolt";
import { z } from "zod";
import { noticeModal } from "../../blocks/assign-request-modal.ts";
import { NoteBlock } from "../../blocks/ids.ts";
import { NOTE_INPUT_ACTION } from "../../blocks/requests/note.ts";
import { noteText } from "../../domain/triage/note.schema.ts";
import type { Deps } from "../deps.ts";
import { requestMetadata } from "../shared/decision-payloads.ts";
import { parseMetadata } from "../shared/metadata.ts";

const noteState = z.object({
  [NoteBlock.text]: z.object({ [NOTE_INPUT_ACTION]: z.object({ value: z.string().nullish() }) }),
});

/**
 * Submission of the Notiz modal: the note is stored (one short transaction) before the ack, so that
 * a bad text is shown under the field; the thread post follows through the outbox.
 */
export function addNoteSubmission(deps: Deps): Middleware<SlackViewMiddlewareArgs> {
  return async ({ ack, body, view }) => {
    const meta = parseMetadata(requestMetadata, view.private_metadata).data;
    const state = noteState.safeParse(view.state.values);
    if (!meta || !state.success) {
      await ack({
        response_action: "update",
        view: noticeModal("Fehler", "Diese Ansicht ist veraltet. Bitte erneut öffnen."),
      });
      return;
    }
    const text = noteText.safeParse(state.data[NoteBlock.text][NOTE_INPUT_ACTION].value ?? "");
    if (!text.success) {
      await ack({
        response_action: "errors",
        errors: { [NoteBlock.text]: text.error.issues[0]?.message ?? "ungültig" },
      });
      return;
    }
    const result = await deps.triage.addNote({
      kind: meta.kind,
      requestId: meta.id,
      author: body.user.id,
      text: text.data,
    });
    if (result.status === "not_found") {
      await ack({
        response_action: "update",
        view: noticeModal("Nicht gefunden", "Diese Anfrage gibt es nicht (mehr)."),
      });
      return;
    }
    await ack();
  };
}
