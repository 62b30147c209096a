import type { KnownBlock } from "@slack/types";
import { stripInvisible } from "../../domain/text/invisible.ts";
import { plain, slackTime } from "../format.ts";

/** A decline e-mail that the mail server refused for good (domain: listDeclineMailFailures). */
export interface DeclineMailFailure {
  id: string;
  name: string;
  email: string;
  declineMailError: string | null;
  decidedAt: Date | null;
}

export interface DeclineMailFailures {
  items: DeclineMailFailure[];
  total: number;
}

/** How many refused decline e-mails the Home lists (newest first); the rest are counted. */
export const HOME_MAIL_FAILURES = 5;

/**
 * The App Home's section on refused decline e-mails: these prospects were never told, so the team
 * must reach them another way. Name, address and the server's reason come from outside: plain_text only.
 * Nothing at all when there are none.
 */
export function declineMailFailureBlocks(f: DeclineMailFailures): KnownBlock[] {
  if (f.total === 0) return [];
  const blocks: KnownBlock[] = [
    { type: "divider" },
    { type: "header", text: plain(`Abgelehnte Absage-E-Mails (${f.total})`, 150) },
    {
      type: "context",
      elements: [
        plain(
          "Der Mailserver hat diese Absagen endgültig abgelehnt: die Personen wissen noch nichts davon. Bitte informieren Sie sie auf anderem Weg.",
        ),
      ],
    },
  ];
  for (const item of f.items.slice(0, HOME_MAIL_FAILURES)) {
    const reason = item.declineMailError?.trim() || "unbekannt";
    blocks.push({
      type: "section",
      block_id: `decline_mail_failed_${item.id}`,
      text: plain(`${stripInvisible(item.name)} (${item.email})\nGrund: ${reason}`),
      ...(item.decidedAt
        ? { fields: [{ type: "mrkdwn" as const, text: `abgelehnt ${slackTime(item.decidedAt)}` }] }
        : {}),
    });
  }
  const more = f.total - Math.min(f.items.length, HOME_MAIL_FAILURES);
  if (more > 0) blocks.push({ type: "context", elements: [plain(`… und ${more} weitere`)] });
  return blocks;
}
