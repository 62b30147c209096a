import type { HomeView, KnownBlock } from "@slack/types";
import { z } from "zod";
import type { Phase } from "../../domain/pipeline/phase.ts";
import type {
  WaitingCounts,
  WaitingInquiry,
  WaitingInvitation,
  WaitingPage,
} from "../../domain/requests/pending-request-repository.ts";
import type { ChannelExposure } from "../../domain/team/membership.ts";
import { moreContext, plain } from "../format.ts";
import { ActionId } from "../ids.ts";
import { phaseCountsText } from "../requests/phase.ts";
import {
  inquiryItemBlocks,
  inquiryListBlocks,
  invitationItemBlocks,
  invitationListBlocks,
} from "../requests/waiting-lists.ts";
import { NO_ADMINS_TEXT } from "../roles/not-admin.ts";
import { DEFAULT_TIME_ZONE, waitingSince } from "../texts/relative-time.ts";
import { channelWarningBlocks } from "./channel-warning.ts";
import { type DeclineMailFailures, declineMailFailureBlocks } from "./decline-mail-failures.ts";
import { type MyFollowUps, myFollowUpBlocks } from "./follow-ups.ts";
import { type MailIntakeState, mailIntakeStatusBlock } from "./mail-intake-status.ts";

/** Items per list and page in the Home tab: 3 × 15 blocks + header blocks stay under Slack's 100. */
export const HOME_PAGE_SIZE = 15;

/** The pages the Home shows, kept in its private_metadata so that turning one list keeps the other. */
export const homePages = z.object({
  i: z.number().int().min(0).default(0),
  v: z.number().int().min(0).default(0),
});
export type HomePages = z.infer<typeof homePages>;

/** How many of the viewer's own requests (Meine Anfragen) the Home lists; the rest are counted. */
export const HOME_MINE = 5;

/** The undecided requests the viewer took (Übernehmen), oldest first. */
export interface MyRequests {
  inquiries: WaitingInquiry[];
  invitations: WaitingInvitation[];
  total: number;
}

export interface HomeData {
  counts: WaitingCounts;
  /** Meine Wiedervorlagen: the viewer's follow-ups, soonest first (absent: the section is left out). */
  followUps?: MyFollowUps;
  /** DIGEST_TIMEZONE: the time zone of the follow-ups' dates (default Europe/Berlin). */
  timeZone?: string;
  /** The workspace's URL (auth.test), for links to request messages; absent: no links. */
  workspaceUrl?: string;
  /** Meine Anfragen: absent when the viewer holds none. */
  mine?: MyRequests;
  inquiries: WaitingPage<WaitingInquiry>;
  /** Absent in the ISV partner program. */
  invitations?: WaitingPage<WaitingInvitation>;
  /** Decline e-mails refused for good; absent in the ISV partner program. */
  declineMailFailures?: DeclineMailFailures;
  /** Declined invitations past RETENTION_DAYS whose data the daily retention job erases next; absent in ISV. */
  erasuresDue?: { count: number; retentionDays: number };
  /** How the team channel is set up, when it is known (read at start). */
  channelExposure?: ChannelExposure;
  /** The mailbox watcher's state; absent without IMAP_URL. */
  mailIntake?: MailIntakeState;
  /** How many requests (inquiries and invitations, decided or not) are in each pipeline phase. */
  phases?: { phase: Phase; count: number }[];
  /** ADMIN_USERS is unset: the Home says that anyone in the channel may see, erase and export data. */
  noAdmins?: boolean;
}

function countLine(label: string, count: number, oldest: Date | null, now: Date, verb: string): string {
  const since = oldest && count > 0 ? ` – die älteste wartet ${waitingSince(oldest, now)}` : "";
  return `*${label}:* ${count} ${verb}${since}`;
}

function myRequestBlocks(mine: MyRequests, now: Date): KnownBlock[] {
  const items = [
    ...mine.invitations.map((v) => ({ at: v.receivedAt, blocks: invitationItemBlocks(v, now) })),
    ...mine.inquiries.map((q) => ({ at: q.receivedAt, blocks: inquiryItemBlocks(q, now) })),
  ]
    .sort((a, b) => a.at.getTime() - b.at.getTime())
    .slice(0, HOME_MINE);
  const more = moreContext(items.length, mine.total);
  return [
    { type: "divider" },
    { type: "header", text: plain(`Meine Anfragen (${mine.total})`, 150) },
    // Block ids must be unique in a view: these requests appear in the lists below, too.
    ...items.flatMap((i) => i.blocks).map((b) => ({ ...b, block_id: `mine_${b.block_id}` })),
    ...(more.length ? [{ type: "context" as const, elements: more }] : []),
  ];
}

/** The App Home: what waits (the portal's badge), the lists with their decision buttons, and search. */
export function homeView(data: HomeData, now: Date): HomeView {
  const { counts } = data;
  const lines = [];
  if (counts.pendingInvitations !== null) {
    lines.push(
      countLine("Einladungen", counts.pendingInvitations, counts.oldestInvitationAt, now, "ausstehend"),
    );
  }
  lines.push(countLine("Anfragen", counts.openInquiries, counts.oldestInquiryAt, now, "offen"));
  if (data.phases) lines.push(`*Phasen:* ${phaseCountsText(data.phases)}`);
  if (data.erasuresDue) {
    lines.push(
      `*Löschfristen:* ${data.erasuresDue.count} zur Löschung fällig (abgelehnte Einladungen, ${data.erasuresDue.retentionDays} Tage nach der Ablehnung; die tägliche Löschung läuft von selbst)`,
    );
  }
  const blocks: KnownBlock[] = [
    { type: "header", text: plain("Kundenverwaltung", 150) },
    ...channelWarningBlocks(data.channelExposure),
    ...(data.noAdmins
      ? [
          {
            type: "context" as const,
            block_id: "home_roles",
            elements: [{ type: "mrkdwn" as const, text: NO_ADMINS_TEXT }],
          },
        ]
      : []),
    { type: "section", block_id: "home_counts", text: { type: "mrkdwn", text: lines.join("\n") } },
    {
      type: "actions",
      block_id: "home_actions",
      elements: [
        {
          type: "button",
          action_id: ActionId.homeSearch,
          text: plain("Kunden suchen", 75),
          style: "primary",
        },
        {
          type: "button",
          action_id: ActionId.createCustomer,
          text: plain("Kunden-Eintrag hinzufügen", 75),
        },
      ],
    },
  ];
  // First what the viewer is working on, with its age and buttons, then what is due for them.
  if (data.mine && data.mine.total > 0) blocks.push(...myRequestBlocks(data.mine, now));
  if (data.followUps) {
    blocks.push(
      ...myFollowUpBlocks(data.followUps, now, {
        timeZone: data.timeZone ?? DEFAULT_TIME_ZONE,
        workspaceUrl: data.workspaceUrl,
        invitations: counts.pendingInvitations !== null,
      }),
    );
  }
  if (data.mailIntake) blocks.push(mailIntakeStatusBlock(data.mailIntake));
  // Right under the counts: each of these is a prospect who was never told.
  if (data.declineMailFailures) blocks.push(...declineMailFailureBlocks(data.declineMailFailures));
  if (data.invitations) {
    blocks.push(
      { type: "divider" },
      { type: "header", text: plain(`Einladungen (${data.invitations.total} ausstehend)`, 150) },
      ...invitationListBlocks(data.invitations, now),
    );
  }
  blocks.push(
    { type: "divider" },
    { type: "header", text: plain(`Anfragen (${data.inquiries.total} offen)`, 150) },
    ...inquiryListBlocks(data.inquiries, now),
  );
  return {
    type: "home",
    private_metadata: JSON.stringify({
      i: data.inquiries.page,
      v: data.invitations?.page ?? 0,
    } satisfies HomePages),
    blocks,
  };
}
