import type { KnownBlock } from "@slack/types";
import { plain } from "../format.ts";
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

/**
 * The Home has at most 100 blocks and its lists take most of them: Meine Wiedervorlagen is one
 * section (divider, header and section: 3 blocks), one line per follow-up, within a section's
 * 3,000 characters. Each line gets an equal share; the note, then the name, give way first.
 */
const SECTION_MAX = 3000;
const MORE_RESERVE = 40;
const LINE_MAX = Math.floor((SECTION_MAX - MORE_RESERVE) / HOME_FOLLOW_UPS) - 1;
const NAME_MAX = 80;
const NOTE_MAX = 120;
/** A link longer than this (an odd workspace URL) would crowd out the name: leave it out. */
const LINK_MAX = 120;

/** The empty state; in the ISV partner program there are no invitations to name. */
export const noFollowUpsText = (invitations: boolean) =>
  `Keine Wiedervorlagen. Eine Wiedervorlage setzen Sie mit *Wiedervorlage* an der Nachricht einer Anfrage${invitations ? " oder Einladung" : ""}.`;

/** One follow-up: when (overdue marked), which request (linked to its message), the note. */
function followUpLine(
  f: HomeFollowUp,
  now: Date,
  opts: { timeZone: string; workspaceUrl?: string | undefined },
): string {
  const overdue = f.dueAt.getTime() <= now.getTime();
  const when = relativeTime(f.dueAt, now, opts.timeZone);
  const head = `${overdue ? ":alarm_clock: *überfällig* · " : "• "}*${when}* · ${f.kind === "inquiry" ? "Anfrage" : "Einladung"} `;
  const url =
    f.slackChannel && f.slackTs ? messagePermalink(opts.workspaceUrl, f.slackChannel, f.slackTs) : undefined;
  const link = url && url.length <= LINK_MAX ? url : undefined;
  const note = f.note?.trim() ? f.note.trim() : undefined;
  const NOTE_LABEL = " · Notiz: ";
  const room = LINE_MAX - head.length - (link ? link.length + 3 : 0) - (note ? NOTE_LABEL.length : 0);
  const rawName = f.company ? `${f.name} (${f.company})` : f.name;
  const name = shorten(
    rawName.trim() === "" ? "–" : rawName,
    Math.min(NAME_MAX, Math.floor(room / 2)),
    escapeMrkdwn,
  ).text;
  const shownNote = note ? shorten(note, Math.min(NOTE_MAX, room - name.length), escapeMrkdwn).text : "";
  return `${head}${link ? `<${link}|${name}>` : name}${note ? `${NOTE_LABEL}${shownNote}` : ""}`;
}

/** The section Meine Wiedervorlagen of the App Home; an empty state when the viewer has none. */
export function myFollowUpBlocks(
  mine: MyFollowUps,
  now: Date,
  opts: { timeZone: string; workspaceUrl?: string | undefined; invitations?: boolean },
): KnownBlock[] {
  const items = mine.items.slice(0, HOME_FOLLOW_UPS);
  const more = mine.total - items.length;
  const lines = items.map((f) => followUpLine(f, now, opts));
  if (more > 0) lines.push(`_und ${more} weitere_`);
  return [
    { type: "divider" },
    { type: "header", block_id: "home_follow_ups", text: plain(`Meine Wiedervorlagen (${mine.total})`, 150) },
    items.length === 0
      ? {
          type: "context",
          block_id: "home_follow_ups_none",
          elements: [{ type: "mrkdwn", text: noFollowUpsText(opts.invitations !== false) }],
        }
      : {
          type: "section",
          block_id: "home_follow_ups_list",
          // verbatim: a URL or #channel in a name or note stays text; our own links are explicit.
          text: { type: "mrkdwn", text: lines.join("\n"), verbatim: true },
        },
  ];
}
