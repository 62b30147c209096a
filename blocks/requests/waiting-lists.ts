import type { Button, KnownBlock } from "@slack/types";
import type {
  WaitingInquiry,
  WaitingInvitation,
  WaitingPage,
} from "../../domain/requests/pending-request-repository.ts";
import { accessLevelLabel, plain, slackTime } from "../format.ts";
import { ActionId } from "../ids.ts";
import { pagerBlocks } from "../pager.ts";
import { OPEN_INQUIRIES, PENDING_INVITATIONS } from "../texts/nouns.ts";
import { countOf } from "../texts/plural.ts";
import { waitingSince } from "../texts/relative-time.ts";
import { holderText, triageButtons } from "./triage.ts";

/** Items per page in an ephemeral message (max. 50 blocks: each request takes 2). */
export const MESSAGE_PAGE_SIZE = 10;

function who(r: { name: string; company: string | null; email: string }, extra: (string | null)[] = []) {
  return plain(
    [`${r.name}${r.company ? ` · ${r.company}` : ""}`, r.email, ...extra].filter(Boolean).join("\n"),
    2000,
  );
}

const decisionButton = (action_id: string, text: string, id: string, primary = false): Button => ({
  type: "button",
  action_id,
  text: { type: "plain_text", text },
  value: id,
  ...(primary ? { style: "primary" as const } : {}),
});

/** When it came, how long it waits, and who has it: our own mrkdwn (the holder is a checked user id). */
function ageField(r: WaitingInquiry | WaitingInvitation, now: Date, first: string[] = []) {
  const lines = [
    ...first,
    `eingegangen ${slackTime(r.receivedAt)}`,
    `wartet ${waitingSince(r.receivedAt, now)}`,
  ];
  const holder = holderText(r);
  if (holder) lines.push(holder);
  return { type: "mrkdwn" as const, text: lines.join("\n"), verbatim: true };
}

/** One open inquiry with **Kunde hinzufügen**, **Übernehmen** (or **Abgeben**) and **Notiz**. */
export function inquiryItemBlocks(q: WaitingInquiry, now: Date): KnownBlock[] {
  return [
    {
      type: "section",
      block_id: `inquiry_${q.id}`,
      fields: [who(q, [q.phone]), ageField(q, now)],
    },
    {
      type: "actions",
      block_id: `inquiry_actions_${q.id}`,
      elements: [
        decisionButton(ActionId.assignRequestInquiry, "Kunde hinzufügen", q.id, true),
        ...triageButtons("inquiry", q.id, q),
      ],
    },
  ];
}

/** One pending invitation with **Kunde verbinden** and **Einladung ablehnen** (value: the invitation id). */
export function invitationItemBlocks(v: WaitingInvitation, now: Date): KnownBlock[] {
  return [
    {
      type: "section",
      block_id: `invitation_${v.id}`,
      fields: [
        who(v, [v.customerNumber && `Kd.-Nr. ${v.customerNumber}`]),
        ageField(v, now, [`*${accessLevelLabel(v.accessLevel)}*`]),
      ],
    },
    {
      type: "actions",
      block_id: `invitation_actions_${v.id}`,
      elements: [
        decisionButton(ActionId.assignRequestInvitation, "Kunde verbinden", v.id, true),
        decisionButton(ActionId.declineInvitation, "Einladung ablehnen", v.id),
        ...triageButtons("invitation", v.id, v),
      ],
    },
  ];
}

export function inquiryListBlocks(p: WaitingPage<WaitingInquiry>, now: Date): KnownBlock[] {
  if (p.total === 0) return [{ type: "section", text: plain("Keine offenen Anfragen.") }];
  return [
    ...p.items.flatMap((q) => inquiryItemBlocks(q, now)),
    ...pagerBlocks({ l: "inquiries" }, p.page, p.pageSize, p.total),
  ];
}

export function invitationListBlocks(p: WaitingPage<WaitingInvitation>, now: Date): KnownBlock[] {
  if (p.total === 0) return [{ type: "section", text: plain("Keine ausstehenden Einladungen.") }];
  return [
    ...p.items.flatMap((v) => invitationItemBlocks(v, now)),
    ...pagerBlocks({ l: "invitations" }, p.page, p.pageSize, p.total),
  ];
}

/** `/kunden anfragen`: the open inquiries, oldest first. */
export function inquiriesMessage(p: WaitingPage<WaitingInquiry>, now: Date) {
  return {
    text: countOf(p.total, OPEN_INQUIRIES),
    blocks: [
      { type: "header", text: plain(`Offene Anfragen (${p.total}), die älteste zuerst`, 150) },
      ...inquiryListBlocks(p, now),
    ] satisfies KnownBlock[],
  };
}

/** `/kunden einladungen`: the pending invitations, oldest first. */
export function invitationsMessage(p: WaitingPage<WaitingInvitation>, now: Date) {
  return {
    text: countOf(p.total, PENDING_INVITATIONS),
    blocks: [
      { type: "header", text: plain(`Ausstehende Einladungen (${p.total}), die älteste zuerst`, 150) },
      ...invitationListBlocks(p, now),
    ] satisfies KnownBlock[],
  };
}

export const NO_INVITATIONS_TEXT =
  "Im ISV-Partnerprogramm gibt es keine Zugriffsfreigaben, also auch keine Einladungen.";
