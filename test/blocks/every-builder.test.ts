import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { assignRequestModal, noticeModal } from "../../blocks/assign-request-modal.ts";
import { answerModal } from "../../blocks/conversation/answer-modal.ts";
import { templateFormModal, templateListModal } from "../../blocks/conversation/template-views.ts";
import { contractFormView, domainFormView, taskFormView } from "../../blocks/customers/card-forms.ts";
import { customerCardView, loadingView, notFoundView } from "../../blocks/customers/customer-card.ts";
import { customerFormView } from "../../blocks/customers/customer-form.ts";
import { customerOption } from "../../blocks/customers/customer-option.ts";
import { helpMessage } from "../../blocks/customers/help.ts";
import { searchModal, searchResultsMessage } from "../../blocks/customers/search-results.ts";
import { alreadyDecidedText, decisionLine, declineMailFailedMessage } from "../../blocks/decision-notice.ts";
import { declineModal } from "../../blocks/decline-modal.ts";
import { digestMessage } from "../../blocks/digest.ts";
import { homeView } from "../../blocks/home/home-view.ts";
import { mailIntakeStatusBlock } from "../../blocks/home/mail-intake-status.ts";
import { blockKitViolations, viewViolations } from "../../blocks/limits.ts";
import { notMemberHome, notMemberText } from "../../blocks/not-member.ts";
import {
  erasedModal,
  eraseLoadingModal,
  eraseModal,
  nothingStoredModal,
} from "../../blocks/privacy/erase-modal.ts";
import { erasedRequestMessage, erasedThreadMessage } from "../../blocks/privacy/erased-message.ts";
import { recordInquiryModal } from "../../blocks/record-inquiry.ts";
import { reportMessage } from "../../blocks/report/report-message.ts";
import {
  fullMessageModal,
  type InquiryForMessage,
  type InvitationForMessage,
  inquiryMessage,
  invitationMessage,
  type RequestDecision,
} from "../../blocks/request-message.ts";
import { answerMailFailedMessage, conversationThreadMessage } from "../../blocks/requests/conversation.ts";
import { followUpModal, followUpThreadMessage } from "../../blocks/requests/follow-up.ts";
import { addNoteModal, noteThreadMessage } from "../../blocks/requests/note.ts";
import { reminderMessage, takenByOtherText } from "../../blocks/requests/triage.ts";
import { inquiriesMessage, invitationsMessage } from "../../blocks/requests/waiting-lists.ts";
import { defaultSignature } from "../../bot/mail/templates.ts";
import type { CustomerCardData, CustomerSummary } from "../../domain/customers/customer-repository.ts";
import type { Decision } from "../../domain/decisions/decision.ts";
import type { RequestForDecision } from "../../domain/decisions/request-repository.ts";
import type { Digest } from "../../domain/digest/digest.ts";
import { renderDeclineMail } from "../../domain/mail/decline-email.ts";
import type { PersonalDataReport } from "../../domain/privacy/privacy-service.ts";
import { SNAPSHOT_CONTEXT, surfaceText } from "../support/block-text.ts";
import { linkableOutsideText } from "../support/outside-text.ts";

// Every builder in blocks/, rendered with realistic data and with what an attacker (or a sloppy
// integrator) sends: control sequences, bare URLs and channel names, invisible characters, empty
// optional fields, 10,000-character messages, emoji. Each rendering must pass blocks/limits.ts (no
// empty string anywhere) and keep the outside text out of mrkdwn that Slack would link.

const NOW = new Date("2026-11-28T12:00:00Z");

/** 13 weeks of report figures: busy weeks with every source, or (scale 0) a quarter without requests. */
const weeklyReport = (invitationsEnabled: boolean, scale = 1) => ({
  asOf: NOW.toISOString(),
  timeZone: "Europe/Berlin",
  invitationsEnabled,
  weeks: Array.from({ length: 13 }, (_, i) => ({
    label: `KW ${36 + i}`,
    start: new Date(NOW.getTime() - (12 - i) * 7 * 86_400_000).toISOString(),
    partial: i === 12,
    received: { api: scale * (3 + (i % 4)), email: scale * (i % 3), manual: scale * (i === 5 ? 1 : 0) },
    inquiries: scale * (2 + (i % 4) + (i % 3)),
    invitations: scale * 1,
    decisions: scale * (2 + (i % 2)),
    answers: scale * (1 + (i % 3)),
    won: scale * (i % 2),
    lost: scale * (i === 7 ? 1 : 0),
    reactionMedianMinutes: scale === 0 ? null : ([12, 45, 75, 130, 1500][i % 5] as number),
    reactions: scale * 3,
  })),
  members:
    scale === 0
      ? []
      : [
          { user: "U0ANNA0001", decisions: 4, answers: 6 },
          { user: "U0BEN00001", decisions: 1, answers: 0 },
        ],
});
const id = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`;

/** Short, distinctive pieces of the hostile text: what must never ping or link. */
const NEEDLES = [
  "<!channel>",
  "<https://evil.example|x>",
  "https://evil.example/login",
  "#allgemein",
  "@here",
];
const BIDI = "\u202Egpj.exe\u202C\u2066\u200B\u200E\u061C\uFEFF\u2060";
const HOSTILE = `${NEEDLES.join(" ")} ${BIDI} 👩‍👩‍👧 🇩🇪 Müller & Söhne`;
const LONG = `${HOSTILE} `.repeat(200).slice(0, 10_000);

interface Data {
  name: string;
  company: string | null;
  email: string;
  phone: string | null;
  message: string | null;
  customerNumber: string | null;
  note: string | undefined;
  query: string;
}
const realistic: Data = {
  name: "Hans Müller",
  company: "Bäckerei Müller GmbH",
  email: "hans@baeckerei-mueller.de",
  phone: "+49 30 1234567",
  message: "Wir brauchen eine neue Website mit Online-Shop.",
  customerNumber: "K-123456",
  note: "Wir sind ausgebucht, melden uns im Frühjahr.",
  query: "müller",
};
const hostile: Data = {
  name: HOSTILE.slice(0, 200),
  company: HOSTILE,
  email: "max+<!channel>@evil.example",
  phone: "#allgemein @here",
  message: LONG,
  customerNumber: "<!channel>",
  note: LONG,
  query: HOSTILE,
};
/** Every optional field left empty, as the intake API and the forms allow. */
const empty: Data = {
  name: "E",
  company: "",
  email: "e@example.com",
  phone: "",
  message: "",
  customerNumber: "",
  note: "",
  query: "",
};

type Rendered = { kind: "message"; text: string; blocks: unknown[] } | { kind: "view"; view: Viewish };
type Viewish = Parameters<typeof viewViolations>[0];
const message = (m: { text: string; blocks: unknown[] }): Rendered => ({ kind: "message", ...m });
const view = (v: unknown): Rendered => ({ kind: "view", view: v as Viewish });

/** Several renderings of one builder in one list: Slack wants each block id once. */
const uniqueBlockId = <T extends { block_id?: string }>(b: T, i: number): T =>
  b.block_id ? { ...b, block_id: `${b.block_id}_${i}` } : b;

function builders(d: Data): Record<string, () => Rendered> {
  const inquiry: InquiryForMessage = {
    id: id(1),
    name: d.name,
    email: d.email,
    phone: d.phone,
    company: d.company,
    message: d.message,
    receivedAt: NOW,
  };
  const invitation: InvitationForMessage = {
    id: id(2),
    name: d.name,
    email: d.email,
    company: d.company,
    customerNumber: d.customerNumber,
    accessLevel: "partial",
    message: d.message,
    receivedAt: NOW,
  };
  const customer: CustomerSummary = {
    id: id(3),
    company: d.company,
    firstName: d.name,
    lastName: d.company,
    email: d.email,
  };
  const decided = (outcome: RequestDecision["outcome"], isNew: boolean): RequestDecision => ({
    outcome,
    by: "U0ANNA0001",
    at: NOW,
    customer: outcome === "declined" ? undefined : { id: customer.id, label: d.company || d.name, isNew },
    ...(outcome === "declined" && d.note ? { note: d.note } : {}),
  });
  const decision: Decision = decided("assigned", false);
  const request = (kind: "inquiry" | "invitation"): RequestForDecision => ({
    kind,
    id: id(4),
    name: d.name,
    email: d.email,
    phone: kind === "inquiry" ? d.phone : null,
    company: d.company,
    message: d.message,
    customerNumber: kind === "invitation" ? d.customerNumber : null,
    accessLevel: kind === "invitation" ? "full" : null,
    receivedAt: NOW,
    status: kind === "inquiry" ? "open" : "pending",
    decidedBy: null,
    decidedAt: null,
    customer: null,
    newCustomer: null,
    slackChannel: "CTEAM0001",
    slackTs: "1700000000.000100",
    takenBy: null,
    takenAt: null,
    erasedAt: null,
    answeredBy: null,
    answeredAt: null,
    repliedAt: null,
    phase: "new",
    followUpDueAt: null,
  });
  const draft = {
    company: d.company || null,
    firstName: d.name,
    lastName: null,
    email: d.email,
    phone: d.phone || null,
    address: null,
    notes: d.message || null,
  };
  const contact = {
    ...customer,
    phone: d.phone,
    address: d.message,
    notes: d.message,
    createdAt: NOW,
    updatedAt: NOW,
  };
  const many = <T>(n: number, f: (i: number) => T) => Array.from({ length: n }, (_, i) => f(i));
  const card: CustomerCardData = {
    customer: contact,
    inquiries: {
      items: many(5, (i) => ({
        id: id(i),
        name: d.name,
        email: d.email,
        receivedAt: NOW,
        decidedAt: NOW,
      })),
      total: 9,
    },
    accessGrants: {
      items: many(5, (i) => ({
        id: id(i),
        name: d.name,
        email: d.email,
        accessLevel: "full" as const,
        customerNumber: d.customerNumber,
        decidedAt: i % 2 ? NOW : null,
      })),
      total: 9,
    },
    domains: { items: many(3, (i) => ({ id: id(i), name: `beispiel-${i}.de` })), total: 3 },
    conversation: {
      items: many(10, (i) =>
        i % 3 === 0
          ? { type: "note" as const, at: NOW, author: "U0ANNA0001", text: d.note || d.name }
          : {
              type: i % 3 === 1 ? ("answer" as const) : ("reply" as const),
              at: NOW,
              author: i % 3 === 1 ? "U0BEN00001" : null,
              name: d.name,
              subject: d.message ?? d.name,
              text: d.message ?? "",
            },
      ),
      total: 27,
    },
    contracts: {
      items: many(3, (i) => ({ id: id(i), title: d.name, number: d.customerNumber, startsOn: NOW })),
      total: 3,
    },
    tasks: {
      items: many(3, (i) => ({
        id: id(i),
        title: d.name,
        dueOn: i ? NOW : null,
        assigneeId: i ? "U0ANNA0001" : null,
        done: i === 1,
      })),
      total: 3,
      open: 2,
    },
    audit: many(3, (i) => ({
      id: BigInt(i),
      actor: i ? "U0ANNA0001" : "api",
      action: "customer.updated",
      createdAt: NOW,
    })),
  };
  const emptyCard: CustomerCardData = {
    ...card,
    customer: {
      ...contact,
      company: null,
      firstName: null,
      lastName: null,
      email: null,
      phone: null,
      address: null,
      notes: null,
    },
    inquiries: { items: [], total: 0 },
    accessGrants: { items: [], total: 0 },
    domains: { items: [], total: 0 },
    contracts: { items: [], total: 0 },
    tasks: { items: [], total: 0, open: 0 },
    audit: [],
    conversation: { items: [], total: 0 },
  };
  const waitingInquiry = (i: number) => ({
    id: id(i),
    name: d.name,
    email: d.email,
    company: d.company,
    phone: d.phone,
    receivedAt: NOW,
    ...(i % 2 ? { takenBy: "U0ANNA0001", takenAt: NOW } : {}),
  });
  const waitingInvitation = (i: number) => ({
    id: id(i),
    name: d.name,
    email: d.email,
    company: d.company,
    customerNumber: d.customerNumber,
    accessLevel: "full" as const,
    receivedAt: NOW,
    ...(i % 2 ? { takenBy: "U0BEN00001", takenAt: NOW } : {}),
  });
  const page = <T>(f: (i: number) => T, n: number, total = n) => ({
    items: many(n, f),
    total,
    page: 0,
    pageSize: 15,
  });
  const counts = { openInquiries: 40, oldestInquiryAt: NOW, pendingInvitations: 30, oldestInvitationAt: NOW };
  const none = { openInquiries: 0, oldestInquiryAt: null, pendingInvitations: 0, oldestInvitationAt: null };
  const one = { openInquiries: 1, oldestInquiryAt: NOW, pendingInvitations: 1, oldestInvitationAt: NOW };
  const failures = {
    items: many(5, (i) => ({
      id: id(i),
      name: d.name,
      email: d.email,
      declineMailError: i ? d.message : null,
      decidedAt: i ? NOW : null,
    })),
    total: 7,
  };
  const digest = (subject: Digest["subject"]): Digest => ({
    subject,
    pendingInvitations: subject === "invitations" ? 30 : undefined,
    openInquiries: 40,
    overdue: 2,
    overdueDays: 3,
    entries: many(20, (i) => ({
      id: id(i),
      name: d.name,
      accessLevel: subject === "invitations" ? ("full" as const) : undefined,
      receivedAt: NOW,
      ageDays: i,
      overdue: i > 3,
      message: i % 2 ? { channel: "CTEAM0001", ts: `1700000000.00010${i % 10}` } : undefined,
      ...(i % 3 ? { takenBy: "U0ANNA0001" } : {}),
    })),
    more: 10,
  });
  const mail = renderDeclineMail(readFileSync("templates/decline-invitation.de.txt", "utf8"), {
    name: d.name,
    agencyName: "Agentur Beispiel",
    signature: "Agentur Beispiel",
    personalMessage: d.note,
  });
  const search = (n: number, total: number) => ({
    query: d.query,
    items: many(n, () => customer),
    total,
    page: 0,
  });
  const meta = { c: customer.id, v: "V0CARD0001" };

  return {
    "inquiry message, open": () => message(inquiryMessage(inquiry)),
    "inquiry message, recorded by hand": () =>
      message(inquiryMessage({ ...inquiry, source: "manual", createdBy: "U0ANNA0001" })),
    "inquiry message, assigned to a new customer": () =>
      message(inquiryMessage(inquiry, decided("assigned", true))),
    "inquiry message, assigned to an existing customer": () =>
      message(inquiryMessage(inquiry, decided("assigned", false))),
    "inquiry message, taken": () =>
      message(inquiryMessage({ ...inquiry, takenBy: "U0ANNA0001", takenAt: NOW })),
    "invitation message, pending": () => message(invitationMessage(invitation)),
    "invitation message, taken": () =>
      message(invitationMessage({ ...invitation, takenBy: "U0ANNA0001", takenAt: NOW })),
    "invitation message, pending, ISV program": () =>
      message(invitationMessage(invitation, undefined, { invitationsEnabled: false })),
    "invitation message, connected": () => message(invitationMessage(invitation, decided("connected", true))),
    "invitation message, declined": () => message(invitationMessage(invitation, decided("declined", false))),
    "inquiry message, answered and replied, decided": () =>
      message(
        inquiryMessage(
          { ...inquiry, answeredBy: "U0ANNA0001", answeredAt: NOW, repliedAt: NOW },
          decided("assigned", false),
        ),
      ),
    "answer modal, with templates and a template's text": () =>
      view(
        answerModal({
          meta: { kind: "inquiry", id: id(1), v: 3 },
          recipient: { name: d.name, email: d.email },
          templates: many(120, (i) => ({ id: id(i), name: `${d.name} ${i}` })),
          subject: `Re: ${d.message ?? d.name}`,
          text: LONG,
        }),
      ),
    "template list, more than fit": () =>
      view(
        templateListModal(
          many(40, (i) => ({ id: id(i), name: `${d.name} ${i}`, subject: d.name, text: LONG })),
          120,
        ),
      ),
    "template list, none": () => view(templateListModal([])),
    "template form, editing": () =>
      view(
        templateFormModal({
          meta: JSON.stringify({ id: id(1), list: "V0LIST0001" }),
          initial: { id: id(1), name: d.name, subject: d.message ?? d.name, text: LONG },
        }),
      ),
    "answer modal, no templates": () =>
      view(
        answerModal({
          meta: { kind: "invitation", id: id(1), v: 0 },
          recipient: { name: d.name, email: d.email },
          templates: [],
          subject: "",
        }),
      ),
    "answer in the thread": () =>
      message(
        conversationThreadMessage({
          direction: "outbound",
          author: "U0ANNA0001",
          name: d.name,
          address: d.email,
          subject: d.name,
          text: d.message ?? "",
          attachments: [],
        }),
      ),
    "reply in the thread, long, with attachments": () =>
      message(
        conversationThreadMessage({
          direction: "inbound",
          author: null,
          name: d.name,
          address: d.email,
          subject: d.message ?? "",
          text: LONG,
          attachments: many(30, (i) => `${d.name}-${i}.pdf`),
        }),
      ),
    "thread notice: refused answer": () =>
      message(
        answerMailFailedMessage({
          direction: "outbound",
          author: "U0ANNA0001",
          name: d.name,
          address: d.email,
          subject: "",
          text: "",
          attachments: [],
          mailError: d.message,
        }),
      ),
    "note modal": () => view(addNoteModal(JSON.stringify({ kind: "inquiry", id: id(1) }))),
    "inquiry with a follow-up": () => message(inquiryMessage({ ...inquiry, followUpDueAt: NOW })),
    "follow-up modal, new": () =>
      view(
        followUpModal({
          privateMetadata: JSON.stringify({ kind: "inquiry", id: id(1) }),
          ref: `inquiry:${id(1)}`,
          timeZone: "Europe/Berlin",
          existing: null,
        }),
      ),
    "follow-up modal, prefilled": () =>
      view(
        followUpModal({
          privateMetadata: JSON.stringify({ kind: "inquiry", id: id(1) }),
          ref: `inquiry:${id(1)}`,
          timeZone: "Europe/Berlin",
          existing: { dueAt: NOW, note: (d.note || "").slice(0, 1000) || null },
        }),
      ),
    "follow-up in the thread": () =>
      message(
        followUpThreadMessage({
          mention: "U0ANNA0001",
          note: d.note ?? null,
          dueAt: NOW,
          late: false,
          timeZone: "Europe/Berlin",
        }),
      ),
    "follow-up in the thread, late, 1,000 characters of & and <": () =>
      message(
        followUpThreadMessage({
          mention: "U0ANNA0001",
          note: "<&>".repeat(333),
          dueAt: NOW,
          late: true,
          timeZone: "Europe/Berlin",
        }),
      ),
    "note in the thread": () =>
      message(noteThreadMessage({ author: "U0ANNA0001", text: d.note || d.name, createdAt: NOW })),
    "note in the thread, 3,000 characters of & and <": () =>
      message(noteThreadMessage({ author: "U0ANNA0001", text: "<&>".repeat(1000), createdAt: NOW })),
    "reminder, nobody has it": () =>
      message(
        reminderMessage({ kind: "inquiry", receivedAt: NOW, now: new Date(NOW.getTime() + 90_000_000) }),
      ),
    "reminder, someone has it": () =>
      message(
        reminderMessage({
          kind: "invitation",
          receivedAt: NOW,
          now: NOW,
          holder: { by: "U0ANNA0001", at: NOW },
        }),
      ),
    "notice: taken by someone else": () =>
      view(noticeModal("Anfrage", takenByOtherText("inquiry", { by: "U0ANNA0001", at: NOW }))),
    "full message modal": () => view(fullMessageModal(d.name, d.message ?? "")),
    "decision modal, inquiry": () =>
      view(assignRequestModal({ request: request("inquiry"), draft, privateMetadata: "{}" })),
    "decision modal, invitation with a match": () =>
      view(
        assignRequestModal({ request: request("invitation"), draft, match: customer, privateMetadata: "{}" }),
      ),
    "decline modal": () =>
      view(declineModal({ invitation: request("invitation"), mail, privateMetadata: "{}" })),
    "notice: decided": () => view(noticeModal("Gespeichert", decisionLine(decision))),
    "notice: already decided": () =>
      view(noticeModal("Bereits entschieden", alreadyDecidedText("invitation", decision))),
    "thread notice: refused decline e-mail": () =>
      message(declineMailFailedMessage({ name: d.name, email: d.email, declineMailError: d.message })),
    "customer card": () => view(customerCardView(card, { invitationsEnabled: true })),
    "customer card, nothing known": () => view(customerCardView(emptyCard, { invitationsEnabled: false })),
    "card loading and not found": () =>
      view({ ...loadingView("Kundenkarte"), blocks: [...loadingView("x").blocks, ...notFoundView().blocks] }),
    "customer form, new": () => view(customerFormView({})),
    "customer form, edit with duplicates": () =>
      view(
        customerFormView({
          initial: contact,
          meta: { c: customer.id, e: d.email },
          duplicates: [customer, customer],
        }),
      ),
    "domain, contract and task forms": () =>
      view({
        ...domainFormView(meta),
        blocks: [
          ...domainFormView(meta).blocks,
          ...contractFormView(meta).blocks,
          ...taskFormView(meta, "U0ANNA0001").blocks,
        ],
      }),
    "search results": () => message(searchResultsMessage(search(10, 95))),
    "search results, none": () => message(searchResultsMessage(search(0, 0))),
    "search modal with results": () => view(searchModal(search(10, 95))),
    "search modal, none found": () => view(searchModal(search(0, 0))),
    "search modal, empty": () => view(searchModal()),
    "existing-customer options": () =>
      view({
        type: "modal",
        title: { text: "x" },
        blocks: [
          {
            type: "section",
            text: { type: "plain_text", text: "x" },
            accessory: { type: "static_select", action_id: "a", options: [customerOption(customer)] },
          },
        ],
      }),
    help: () => message(helpMessage(counts)),
    "help, one of each": () => message(helpMessage(one)),
    "help, ISV program, nothing waits": () => message(helpMessage({ ...none, pendingInvitations: null })),
    "home, member, full": () =>
      view(
        homeView(
          {
            counts,
            inquiries: page(waitingInquiry, 15, 40),
            invitations: page(waitingInvitation, 15, 30),
            declineMailFailures: failures,
          },
          NOW,
        ),
      ),
    "home, member, full, with Meine Wiedervorlagen, Meine Anfragen and a channel warning": () =>
      view(
        homeView(
          {
            counts,
            mine: { inquiries: many(5, waitingInquiry), invitations: many(5, waitingInvitation), total: 12 },
            followUps: {
              items: many(10, (i) => ({
                kind: i % 2 ? ("invitation" as const) : ("inquiry" as const),
                requestId: id(i),
                dueAt: new Date(NOW.getTime() + (i - 3) * 86_400_000),
                note: d.message || null,
                name: d.name,
                company: d.company || null,
                slackChannel: "CTEAM0001",
                slackTs: `1700000000.00010${i}`,
              })),
              total: 25,
            },
            workspaceUrl: "https://agentur.slack.com/",
            inquiries: page(waitingInquiry, 15, 40),
            invitations: page(waitingInvitation, 15, 30),
            declineMailFailures: failures,
            channelExposure: { isPrivate: false, isShared: true },
          },
          NOW,
        ),
      ),
    "home, member, empty": () =>
      view(
        homeView(
          {
            counts: none,
            inquiries: page(waitingInquiry, 0),
            invitations: page(waitingInvitation, 0),
            declineMailFailures: { items: [], total: 0 },
          },
          NOW,
        ),
      ),
    "home, one of each, just arrived": () =>
      view(
        homeView(
          {
            counts: one,
            inquiries: page(waitingInquiry, 1),
            invitations: page(waitingInvitation, 1),
            declineMailFailures: { items: [], total: 0 },
          },
          NOW,
        ),
      ),
    "home, ISV program": () =>
      view(
        homeView({ counts: { ...none, pendingInvitations: null }, inquiries: page(waitingInquiry, 3) }, NOW),
      ),
    "home, not a member": () =>
      view({ type: "home", blocks: notMemberHome(notMemberText("not-member", "CTEAM0001")) }),
    "modal, not a member or unchecked": () =>
      view({
        type: "modal",
        title: { text: "kundenbot" },
        blocks: notMemberHome(notMemberText("unknown", undefined)),
      }),
    "waiting inquiries": () =>
      message(inquiriesMessage({ ...page(waitingInquiry, 10, 40), pageSize: 10 }, NOW)),
    "waiting invitations": () =>
      message(invitationsMessage({ ...page(waitingInvitation, 10, 30), pageSize: 10 }, NOW)),
    "waiting lists, one each": () =>
      message({
        text: "x",
        blocks: [
          ...inquiriesMessage(page(waitingInquiry, 1), NOW).blocks,
          ...invitationsMessage(page(waitingInvitation, 1), NOW).blocks,
        ],
      }),
    "waiting lists, empty": () =>
      message({
        text: "x",
        blocks: [
          ...inquiriesMessage(page(waitingInquiry, 0), NOW).blocks,
          ...invitationsMessage(page(waitingInvitation, 0), NOW).blocks,
        ],
      }),
    "digest of invitations": () =>
      message(digestMessage(digest("invitations"), { workspaceUrl: "https://agentur.slack.com/" })),
    "digest of inquiries (ISV)": () => message(digestMessage(digest("inquiries"))),
    "digest of one invitation, overdue": () =>
      message(
        digestMessage(
          {
            ...digest("invitations"),
            pendingInvitations: 1,
            openInquiries: 1,
            overdue: 1,
            overdueDays: 1,
            entries: digest("invitations").entries.slice(5, 6),
            more: 0,
          },
          { workspaceUrl: "https://agentur.slack.com/" },
        ),
      ),
    "weekly report": () =>
      message(reportMessage(weeklyReport(true), { names: { U0ANNA0001: "Anna Acker" } })),
    "weekly report, ISV program, a quiet quarter": () => message(reportMessage(weeklyReport(false, 0))),
    "record-inquiry modal": () => view(recordInquiryModal()),
    "erase modal": () =>
      view(
        eraseModal(
          {
            email: d.email,
            data: {} as PersonalDataReport["data"],
            counts: [
              { key: "customers", label: "Kunden", count: 1 },
              { key: "inquiries", label: "Anfragen", count: 2 },
              { key: "mails", label: "E-Mails", count: 0 },
            ],
            names: [d.name],
            empty: false,
          },
          "{}",
        ),
      ),
    "erase modal: loading, erased, nothing stored": () =>
      view({
        ...eraseLoadingModal(),
        blocks: [
          ...eraseLoadingModal().blocks,
          ...erasedModal([{ key: "customers", label: "Kunden", count: 1 }]).blocks,
          ...nothingStoredModal().blocks,
        ],
      }),
    "erased request and thread messages": () =>
      message({
        text: "x",
        blocks: [
          ...erasedRequestMessage("inquiry").blocks,
          ...erasedRequestMessage("invitation").blocks,
          ...erasedThreadMessage().blocks,
        ].map(uniqueBlockId),
      }),
    "mail intake status, each state": () =>
      message({
        text: "x",
        blocks: [
          mailIntakeStatusBlock({
            state: "connected",
            mailbox: "anfragen@agentur.de",
            idle: true,
            lastMailAt: NOW.toISOString(),
          }),
          mailIntakeStatusBlock({ state: "connected", mailbox: "anfragen@agentur.de" }),
          mailIntakeStatusBlock({ state: "standby", mailbox: "anfragen@agentur.de" }),
          mailIntakeStatusBlock({
            state: "error",
            mailbox: "anfragen@agentur.de",
            lastError: "Authentication failed",
            lastErrorAt: NOW.toISOString(),
          }),
          mailIntakeStatusBlock({ state: "connecting", mailbox: "anfragen@agentur.de" }),
        ].map(uniqueBlockId),
      }),
  };
}

function violations(r: Rendered): string[] {
  return r.kind === "message"
    ? blockKitViolations("message", r.blocks, { text: r.text })
    : viewViolations(r.view);
}

describe.each([
  ["realistic", realistic],
  ["hostile", hostile],
  ["empty optional fields", empty],
] as const)("every builder with %s data", (_, data) => {
  it.each(Object.entries(builders(data)))(
    "%s passes Slack's limits (no empty string anywhere)",
    (_name, render) => {
      expect(violations(render())).toEqual([]);
    },
  );

  it.each(Object.entries(builders(data)))(
    "%s keeps outside text in plain_text or verbatim mrkdwn",
    (_name, render) => {
      expect(linkableOutsideText(render(), NEEDLES)).toEqual([]);
    },
  );
});

describe("headers and first lines", () => {
  const isInvisible = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C\u200B\u200C\u2060\uFEFF]/;
  it.each(Object.entries(builders(hostile)))(
    "%s: no bidi or zero-width character in a header or the top-level text",
    (_name, render) => {
      const r = render();
      const blocks = (r.kind === "message" ? r.blocks : r.view.blocks) as {
        type: string;
        text?: { text: string };
      }[];
      for (const h of blocks.filter((b) => b.type === "header"))
        expect(h.text?.text).not.toMatch(isInvisible);
      if (r.kind === "message") expect(r.text).not.toMatch(isInvisible);
    },
  );

  it("keeps an emoji's zero-width joiner and the umlauts", () => {
    const { blocks } = inquiryMessage({
      id: id(1),
      name: HOSTILE.slice(0, 200),
      email: "a@b.de",
      receivedAt: NOW,
    });
    expect(JSON.stringify(blocks[0])).toContain("👩‍👩‍👧 🇩🇪 Müller");
  });
});

describe("the checks themselves", () => {
  it("limits.ts rejects an empty string in any field and an empty private_metadata", () => {
    const blocks = [
      {
        type: "actions",
        elements: [{ type: "button", action_id: "a", text: { type: "plain_text", text: "x" }, value: "" }],
      },
      { type: "section", block_id: "", text: { type: "mrkdwn", text: " " } },
      {
        type: "input",
        label: { type: "plain_text", text: "x" },
        element: {
          type: "plain_text_input",
          action_id: "i",
          initial_value: "",
          placeholder: { type: "plain_text", text: "" },
        },
      },
      {
        type: "section",
        text: { type: "plain_text", text: "x" },
        accessory: {
          type: "overflow",
          action_id: "o",
          options: [{ text: { type: "plain_text", text: "x" }, value: "" }],
        },
      },
      {
        type: "actions",
        elements: [{ type: "button", action_id: "", url: "", text: { type: "plain_text", text: "y" } }],
      },
    ];
    expect(viewViolations({ type: "modal", title: { text: "t" }, private_metadata: "", blocks })).toEqual([
      "privateMetadata: empty string (leave the field out instead)",
      "blocks[0].elements[0].value: empty string (Slack rejects it; leave the field out instead)",
      "blocks[1].text: blank text (Slack shows nothing)",
      "blocks[1].block_id: empty string (Slack rejects it; leave the field out instead)",
      "blocks[2].element.initial_value: empty string (Slack rejects it; leave the field out instead)",
      "blocks[2].element.placeholder.text: empty string (Slack rejects it; leave the field out instead)",
      "blocks[3].accessory.options[0].value: empty string (Slack rejects it; leave the field out instead)",
      "blocks[4].elements[0].action_id: empty string (Slack rejects it; leave the field out instead)",
      "blocks[4].elements[0].url: empty string (Slack rejects it; leave the field out instead)",
    ]);
  });

  it("the outside-text check finds a linkable URL, channel name or unescaped control sequence", () => {
    const blocks = [
      { type: "section", text: { type: "mrkdwn", text: "Kunde: https://evil.example/login" } },
      { type: "section", text: { type: "mrkdwn", text: "#allgemein", verbatim: true } },
      { type: "section", text: { type: "mrkdwn", text: "<!channel>", verbatim: true } },
      { type: "section", text: { type: "plain_text", text: "<!channel> https://evil.example/login" } },
    ];
    expect(linkableOutsideText(blocks, NEEDLES)).toEqual([
      '$[0].text: mrkdwn with "https://evil.example/login" lacks verbatim: true',
      '$[2].text: mrkdwn contains "<!channel>" unescaped',
    ]);
  });
});

// Every text a person reads, rendered with realistic data (0, 1 and many where a count shows) as a
// German Slack client would show it, compared with a reviewed snapshot: a wording change is always
// a visible diff in test/blocks/__snapshots__/texts.de.txt. A new builder in the table above lands
// here by itself; update the snapshot with `npx vitest run test/blocks/every-builder.test.ts -u`
// and read the diff before committing it.
describe("the German texts, as a reader sees them", () => {
  it("match the reviewed snapshot", async () => {
    const ctx = { ...SNAPSHOT_CONTEXT, now: new Date(NOW.getTime() + 5 * 60_000) };
    const surfaces = Object.entries(builders(realistic)).map(
      ([name, render]) => `=== ${name}\n${surfaceText(render(), ctx)}`,
    );
    const template = readFileSync("templates/decline-invitation.de.txt", "utf8");
    const mails = [
      ["with AGENCY_NAME and a personal message", "Agentur Beispiel", realistic.note],
      ["without AGENCY_NAME or MAIL_SIGNATURE, no personal message", null, undefined],
    ] as const;
    const mailTexts = mails.map(([what, agencyName, personalMessage]) => {
      const mail = renderDeclineMail(template, {
        name: realistic.name,
        agencyName,
        signature: defaultSignature({ agencyName }),
        personalMessage,
      });
      return `=== decline e-mail, ${what}\nBetreff: ${mail.subject}\n\n${mail.text}`;
    });
    await expect(`${[...surfaces, ...mailTexts].join("\n\n")}\n`).toMatchFileSnapshot(
      "__snapshots__/texts.de.txt",
    );
  });
});
