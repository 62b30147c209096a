import type { KnownBlock, SectionBlock } from "@slack/types";
import type { Digest, DigestEntry } from "../domain/digest/digest.ts";
import { accessLevelLabel } from "./format.ts";
import { userMention } from "./mrkdwn.ts";
import { messagePermalink } from "./permalink.ts";
import { phaseCountsText } from "./requests/phase.ts";
import { countOf, pluralForm } from "./texts/plural.ts";
import { truncate } from "./truncate.ts";

/** Names are shown whole up to this length; longer ones are cut so 20 entries stay far below Slack's size limits. */
const NAME_MAX = 150;

export function ageText(days: number): string {
  if (days <= 0) return "seit heute";
  if (days === 1) return "seit gestern";
  return `seit ${days} Tagen`;
}

const days = (n: number) => countOf(n, { one: "Tag", other: "Tage" });

/** The invitations (or, in the ISV partner program, inquiries) waiting for the team, as a channel message. */
export function digestMessage(
  digest: Digest,
  opts: { workspaceUrl?: string } = {},
): { text: string; blocks: KnownBlock[] } {
  const invitations = digest.subject === "invitations";
  const waiting = invitations ? (digest.pendingInvitations ?? 0) : digest.openInquiries;
  const waitingPhrase = invitations
    ? `${countOf(waiting, { one: "Zugriffsfreigabe wartet", other: "Zugriffsfreigaben warten" })} auf eine Entscheidung`
    : `${countOf(waiting, { one: "Anfrage ist", other: "Anfragen sind" })} offen`;
  const overduePhrase =
    digest.overdue > 0
      ? `${digest.overdue} davon ${pluralForm(digest.overdue, { one: "wartet", other: "warten" })} länger als ${days(digest.overdueDays)}`
      : undefined;

  const summary = [`*${waitingPhrase}.*`];
  if (invitations) {
    const n = digest.openInquiries;
    summary.push(`${countOf(n, { one: "Anfrage ist", other: "Anfragen sind" })} offen.`);
  }
  if (overduePhrase) summary.push(`:warning: *${overduePhrase}.*`);

  const blocks: KnownBlock[] = [
    {
      type: "header",
      text: { type: "plain_text", text: invitations ? "Offene Zugriffsfreigaben" : "Offene Anfragen" },
    },
    { type: "section", text: { type: "mrkdwn", text: summary.join("\n") } },
    ...phaseCounts(digest),
    { type: "divider" },
    ...digest.entries.map((e) => entryBlock(e, opts.workspaceUrl)),
  ];
  if (digest.more > 0) {
    const command = invitations ? "/kunden einladungen" : "/kunden anfragen";
    blocks.push({
      type: "context",
      elements: [{ type: "mrkdwn", text: `… und ${digest.more} weitere. Alle zeigt \`${command}\`.` }],
    });
  }
  const text = overduePhrase ? `${waitingPhrase}, ${overduePhrase}.` : `${waitingPhrase}.`;
  return { text, blocks };
}

/** "Phasen: Neu 3 · In Kontakt 1 · Angebot 0 · Gewonnen 2 · Verloren 0" (all requests, decided or not). */
function phaseCounts(digest: Digest): KnownBlock[] {
  if (!digest.phases) return [];
  const text = phaseCountsText(digest.phases);
  return [
    { type: "context", block_id: "digest_phases", elements: [{ type: "mrkdwn", text: `Phasen: ${text}` }] },
  ];
}

/**
 * One waiting request. The name came from outside, so it goes into a plain_text field, where
 * `<!channel>` or `<url|text>` stay text; our own facts go into a mrkdwn field next to it.
 */
function entryBlock(entry: DigestEntry, workspaceUrl: string | undefined): SectionBlock {
  const name = truncate(entry.name.trim() === "" ? "–" : entry.name, NAME_MAX);
  const age = entry.overdue ? `*${ageText(entry.ageDays)} – überfällig*` : ageText(entry.ageDays);
  const facts = [
    entry.accessLevel ? accessLevelLabel(entry.accessLevel) : undefined,
    age,
    entry.takenBy ? `in Bearbeitung: ${userMention(entry.takenBy)}` : "noch nicht übernommen",
  ];
  const link = entry.message && messagePermalink(workspaceUrl, entry.message.channel, entry.message.ts);
  if (link) facts.push(`<${link}|Zur Nachricht>`);
  return {
    type: "section",
    fields: [
      { type: "plain_text", text: entry.overdue ? `:warning: ${name}` : name, emoji: true },
      { type: "mrkdwn", text: facts.filter(Boolean).join(" · ") },
    ],
  };
}
