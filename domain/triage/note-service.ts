import { recordAudit } from "../audit/audit-repository.ts";
import { findRequestForDecision } from "../decisions/request-repository.ts";
import { enqueue, jobs } from "../outbox/jobs.ts";
import { slackLane } from "../outbox/outbox-repository.ts";
import type { RequestKind } from "../requests/request-kind.ts";
import { createNote, type StoredNote } from "./note-repository.ts";
import type { TriageDeps } from "./triage-service.ts";

export type NoteResult = { status: "added"; note: StoredNote } | { status: "not_found" };

/**
 * Notiz: stores the note with its request and enqueues its thread post, in one transaction, so a
 * stored note is always posted (and a post never lacks its note). The text is posted from the
 * database at delivery time: a note erased meanwhile is not posted.
 */
export async function addNote(
  deps: TriageDeps,
  input: { kind: RequestKind; requestId: string; author: string; text: string },
): Promise<NoteResult> {
  return deps.db.$transaction(async (tx) => {
    const request = await findRequestForDecision(tx, input.kind, input.requestId);
    // Erased meanwhile (the modal was opened before): a note would store and post data about the person.
    if (!request || request.erasedAt) return { status: "not_found" } as const;
    const note = await createNote(tx, { ...input, at: deps.now() });
    await recordAudit(tx, {
      actor: input.author,
      action: `${input.kind}.note_added`,
      entityType: input.kind,
      entityId: input.requestId,
      customerId: request.customer?.id ?? null,
      // The note's id, not its text: the audit log keeps no personal data of its own.
      after: { noteId: note.id },
    });
    await enqueue(
      tx,
      jobs.postNote,
      { noteId: note.id },
      { lane: slackLane(request.slackChannel ?? "unposted"), dedupeKey: `note:${note.id}` },
    );
    return { status: "added", note } as const;
  });
}
