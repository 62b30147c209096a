import type { SlackMessage } from "../request-message.ts";

export const ERASED_TEXT = "Personenbezogene Daten gelöscht";

/**
 * The channel message of a request whose person was erased: no name, no contact data, no buttons;
 * only what kind of request it was, so that the channel's history still makes sense.
 */
export function erasedRequestMessage(kind: "inquiry" | "invitation"): SlackMessage {
  const what = kind === "inquiry" ? "Anfrage" : "Zugriffsfreigabe";
  return {
    text: `${what}: ${ERASED_TEXT}`,
    blocks: [
      {
        type: "section",
        block_id: "request_erased",
        text: { type: "mrkdwn", text: `*${what}:* ${ERASED_TEXT}.` },
      },
    ],
  };
}

/** A reply of the bot in a request's thread (note, reminder, answer, …) after the person was erased. */
export function erasedThreadMessage(): SlackMessage {
  return {
    text: ERASED_TEXT,
    blocks: [
      {
        type: "context",
        block_id: "thread_erased",
        elements: [{ type: "mrkdwn", text: `_${ERASED_TEXT}._` }],
      },
    ],
  };
}
