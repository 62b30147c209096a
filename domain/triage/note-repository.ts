import type { Db } from "../db.ts";
import type { RequestKind } from "../requests/request-kind.ts";

/**
 * Notes (Notiz) on requests, all in one table (RequestNote): author, time, text, and the inquiry or
 * invitation. An export or erasure of a person's data finds every note through the request here.
 */

export interface StoredNote {
  id: string;
  author: string;
  text: string;
  createdAt: Date;
}

export const noteSelect = { id: true, author: true, text: true, createdAt: true } as const;

const requestColumn = (kind: RequestKind, id: string) =>
  kind === "inquiry" ? { inquiryId: id } : { invitationId: id };

export async function createNote(
  db: Db,
  note: { kind: RequestKind; requestId: string; author: string; text: string; at: Date },
): Promise<StoredNote> {
  return db.requestNote.create({
    data: {
      ...requestColumn(note.kind, note.requestId),
      author: note.author,
      text: note.text,
      createdAt: note.at,
    },
    select: noteSelect,
  });
}

/** A note with where its request's channel message is (for the thread post). */
export async function findNoteForThread(db: Db, id: string) {
  const note = await db.requestNote.findUnique({
    where: { id },
    select: {
      ...noteSelect,
      inquiry: { select: { id: true, slackChannel: true, slackTs: true } },
      invitation: { select: { id: true, slackChannel: true, slackTs: true } },
    },
  });
  if (!note) return null;
  const { inquiry, invitation, ...rest } = note;
  const request = inquiry
    ? { kind: "inquiry" as const, id: inquiry.id }
    : { kind: "invitation" as const, id: invitation?.id ?? "" };
  const message = inquiry ?? invitation;
  return {
    ...rest,
    request,
    slackChannel: message?.slackChannel ?? null,
    slackTs: message?.slackTs ?? null,
  };
}

export async function listNotes(db: Db, kind: RequestKind, requestId: string): Promise<StoredNote[]> {
  return db.requestNote.findMany({
    where: requestColumn(kind, requestId),
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: noteSelect,
  });
}
