import type { KnownBlock } from "@slack/types";
import { moreContext, plain } from "../format.ts";
import { escapeMrkdwn } from "../mrkdwn.ts";
import { messagePermalink } from "../permalink.ts";
import { relativeTime } from "../texts/relative-time.ts";
import { shorten } from "../truncate.ts";

/** How many follow-ups Meine Wiedervorlagen lists; the rest are counted ("und 3 weitere"). */
export const HOME_FOLLOW_UPS = 10;

/** One follow-up (Wiedervorlage) as the App Home lists it. */
export interface HomeFollowUp {
  kind: "inquiry" | "invitation";
  requestId: string;
  dueAt: Date;
  note: string | null;
  name: string;
  company: string | null;
  /** Where the request's message is; null while it has not been posted. */
  slackChannel: string | null;
  slackTs: string | null;
}

/** Meine Wiedervorlagen: the viewer's follow-ups, soonest first, and how many there are in all. */
export interface MyFollowUps {
  items: HomeFollowUp[];
  total: number;
}

const NAME_MAX = 80;
const NOTE_MAX = 150;

export const NO_FOLLOW_UPS_TEXT =
  "Keine Wiedervorlagen. Eine Wiedervorlage setzen Sie mit *Wiedervorlage* an der Nachricht einer Anfrage oder Einladung.";

/** "Eva Schäfer (Bäckerei Schäfer)", shortened, escaped: outside text. */
function requestLabel(f: HomeFollowUp): string {
  const raw = f.company ? `${f.name} (${f.company})` : f.name;
  return shorten(raw.trim() === "" ? "–" : raw, NAME_MAX, escapeMrkdwn).text;
}

function followUpBlock(
  f: HomeFollowUp,
  now: Date,
  opts: { timeZone: string; workspaceUrl?: string | undefined },
): KnownBlock {
  const overdue = f.dueAt.getTime() <= now.getTime();
  const when = relativeTime(f.dueAt, now, opts.timeZone);
  const what = f.kind === "inquiry" ? "Anfrage" : "Einladung";
  const label = requestLabel(f);
  const link =
    f.slackChannel && f.slackTs ? messagePermalink(opts.workspaceUrl, f.slackChannel, f.slackTs) : undefined;
  const lines = [
    `${overdue ? ":alarm_clock: *überfällig* · " : ""}*fällig ${when}*`,
    `${what}: ${link ? `<${link}|${label}>` : label}`,
  ];
  if (f.note?.trim()) lines.push(`Notiz: ${shorten(f.note.trim(), NOTE_MAX, escapeMrkdwn).text}`);
  return {
    type: "section",
    block_id: `follow_up_${f.kind}_${f.requestId}`,
    // verbatim: a URL or #channel in a name or note stays text; our own link is explicit.
    text: { type: "mrkdwn", text: lines.join("\n"), verbatim: true },
  };
}

/** The section Meine Wiedervorlagen of the App Home; an empty state when the viewer has none. */
export function myFollowUpBlocks(
  mine: MyFollowUps,
  now: Date,
  opts: { timeZone: string; workspaceUrl?: string | undefined },
): KnownBlock[] {
  const items = mine.items.slice(0, HOME_FOLLOW_UPS);
  const more = moreContext(items.length, mine.total);
  return [
    { type: "divider" },
    { type: "header", block_id: "home_follow_ups", text: plain(`Meine Wiedervorlagen (${mine.total})`, 150) },
    ...(items.length === 0
      ? [
          {
            type: "context" as const,
            block_id: "home_follow_ups_none",
            elements: [{ type: "mrkdwn" as const, text: NO_FOLLOW_UPS_TEXT }],
          },
        ]
      : items.map((f) => followUpBlock(f, now, opts))),
    ...(more.length ? [{ type: "context" as const, block_id: "home_follow_ups_more", elements: more }] : []),
  ];
}
