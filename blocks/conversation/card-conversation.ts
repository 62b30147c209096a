import type { KnownBlock } from "@slack/types";
import type { CardConversation } from "../../domain/conversation/card-conversation-repository.ts";
import { stripInvisible } from "../../domain/text/invisible.ts";
import { plain, slackTime } from "../format.ts";
import { userMention } from "../mrkdwn.ts";
import { truncate } from "../truncate.ts";

/**
 * The customer card's **Verlauf**: answers, replies and notes of its requests, newest first. Who and
 * when are ours (mrkdwn, names escaped, verbatim); what was written is plain_text.
 */
export function conversationBlocks(conversation: CardConversation): KnownBlock[] {
  if (conversation.total === 0) return [];
  const blocks: KnownBlock[] = [
    {
      type: "section",
      block_id: "card_conversation",
      text: { type: "mrkdwn", text: `*Verlauf* (${conversation.total})` },
    },
  ];
  for (const item of conversation.items) {
    const when = slackTime(item.at, "{date_short} {time}");
    // Ours in mrkdwn (who of the team, when); the prospect's name and every text as plain_text.
    const who =
      item.type === "note"
        ? `:memo: Notiz von ${userMention(item.author)}`
        : item.type === "answer"
          ? `:outbox_tray: Antwort${item.author ? ` von ${userMention(item.author)}` : ""}`
          : ":inbox_tray: Antwort";
    const body =
      item.type === "note"
        ? item.text
        : `${item.type === "answer" ? "an" : "von"} ${stripInvisible(item.name)} – ${item.subject}\n${item.text}`;
    blocks.push({
      type: "context",
      elements: [
        { type: "mrkdwn", text: `${who} · ${when}`, verbatim: true },
        plain(truncate(body, 1000), 2000),
      ],
    });
  }
  const more = conversation.total - conversation.items.length;
  if (more > 0) {
    blocks.push({
      type: "context",
      elements: [plain(`und ${more} ältere Einträge (Auskunft und Thread der Anfrage zeigen alle)`, 2000)],
    });
  }
  return blocks;
}
