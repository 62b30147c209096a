import type { Db } from "../db.ts";
import { CARD_CONVERSATION } from "./limits.ts";

/** One item of a customer's conversation on the card: an answer, a reply, or a note of the team. */
export type CardConversationItem =
  | {
      type: "answer" | "reply";
      at: Date;
      /** The member who answered (answers only). */
      author: string | null;
      name: string;
      subject: string;
      text: string;
    }
  | { type: "note"; at: Date; author: string; text: string };

export interface CardConversation {
  items: CardConversationItem[];
  total: number;
}

/**
 * The conversation of a customer's requests (inquiries and access grants assigned to it): answers,
 * replies and notes, newest first, the last CARD_CONVERSATION, and how many there are in all.
 */
export async function loadCardConversation(db: Db, customerId: string): Promise<CardConversation> {
  const ofCustomer = { OR: [{ inquiry: { customerId } }, { invitation: { customerId } }] };
  const newest = [{ createdAt: "desc" as const }, { id: "desc" as const }];
  const [entries, entryCount, notes, noteCount] = await Promise.all([
    db.conversationEntry.findMany({
      where: ofCustomer,
      orderBy: newest,
      take: CARD_CONVERSATION,
      select: { direction: true, author: true, name: true, subject: true, text: true, createdAt: true },
    }),
    db.conversationEntry.count({ where: ofCustomer }),
    db.requestNote.findMany({
      where: ofCustomer,
      orderBy: newest,
      take: CARD_CONVERSATION,
      select: { author: true, text: true, createdAt: true },
    }),
    db.requestNote.count({ where: ofCustomer }),
  ]);
  const items: CardConversationItem[] = [
    ...entries.map((e) => ({
      type: e.direction === "outbound" ? ("answer" as const) : ("reply" as const),
      at: e.createdAt,
      author: e.author,
      name: e.name,
      subject: e.subject,
      text: e.text,
    })),
    ...notes.map((n) => ({ type: "note" as const, at: n.createdAt, author: n.author, text: n.text })),
  ];
  items.sort((a, b) => b.at.getTime() - a.at.getTime());
  return { items: items.slice(0, CARD_CONVERSATION), total: entryCount + noteCount };
}
