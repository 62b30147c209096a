import type { ContextBlock, KnownBlock, ModalView, PlainTextElement, SectionBlock } from "@slack/types";
import { z } from "zod";
import { customerLabel } from "../../domain/customers/customer-label.ts";
import type { CustomerCardData } from "../../domain/customers/customer-repository.ts";
import { stripInvisible } from "../../domain/text/invisible.ts";
import { conversationBlocks } from "../conversation/card-conversation.ts";
import { accessLevelLabel, calendarDay, moreContext, plain, slackTime } from "../format.ts";
import { ActionId, CallbackId } from "../ids.ts";
import { userMention } from "../mrkdwn.ts";
import { PHASE_LABEL } from "../requests/phase.ts";

/** What the card and its forms carry: the customer, and (for forms) the card's view to refresh. */
export const cardMetadata = z.object({
  c: z.uuid(),
  /** The view id of the customer card a form was pushed from. */
  v: z.string().max(100).optional(),
});
export type CardMetadata = z.infer<typeof cardMetadata>;

/** Value of a task's done button: the task and the state the click asks for (so a double click is harmless). */
export const toggleTaskValue = z.object({ t: z.uuid(), d: z.boolean() });

const AUDIT_LABELS: Record<string, string> = {
  "customer.created": "Kunde angelegt",
  "customer.updated": "Kontaktdaten geändert",
  "domain.assigned": "Domain zugeordnet",
  "contract.assigned": "Vertrag zugeordnet",
  "task.created": "Aufgabe angelegt",
  "task.done": "Aufgabe erledigt",
  "task.reopened": "Aufgabe wieder geöffnet",
  "inquiry.assigned": "Anfrage zugeordnet",
  "invitation.connected": "Zugriffsfreigabe verbunden",
  "invitation.declined": "Zugriffsfreigabe abgelehnt",
  "privacy.erased": "Personenbezogene Daten gelöscht",
};

/** What happened to a request, for both kinds ("der Anfrage" / "der Zugriffsfreigabe" is added). */
const REQUEST_AUDIT_LABELS: Record<string, (of: { nom: string; gen: string; dat: string }) => string> = {
  note_added: (k) => `Notiz ${k.dat}`,
  answered: (k) => `${k.nom} beantwortet`,
  reply_received: (k) => `Antwort ${k.dat} erhalten`,
  follow_up_set: (k) => `Wiedervorlage ${k.dat} gesetzt`,
  follow_up_deleted: (k) => `Wiedervorlage ${k.dat} gelöscht`,
  taken: (k) => `${k.nom} übernommen`,
  released: (k) => `${k.nom} abgegeben`,
  assigned_to_member: (k) => `${k.nom} zugewiesen`,
  phase_changed: (k) => `Phase ${k.gen} geändert`,
};
const KIND_WORDS = {
  inquiry: { nom: "Anfrage", gen: "der Anfrage", dat: "zur Anfrage" },
  invitation: { nom: "Zugriffsfreigabe", gen: "der Zugriffsfreigabe", dat: "zur Zugriffsfreigabe" },
} as const;

/** An audit entry on the card, in German; a phase change with the phase it went to. Never the action's key. */
function auditLabel(a: { action: string; after?: unknown }): string {
  const fixed = AUDIT_LABELS[a.action];
  if (fixed) return fixed;
  const [kind, what = ""] = a.action.split(".", 2) as [string, string | undefined];
  const words = kind === "inquiry" || kind === "invitation" ? KIND_WORDS[kind] : undefined;
  const label = words && REQUEST_AUDIT_LABELS[what];
  if (!words || !label) return "Geändert";
  if (what === "phase_changed") {
    const phase = (a.after as { phase?: unknown } | null | undefined)?.phase;
    if (typeof phase === "string" && phase in PHASE_LABEL) {
      return `Phase ${words.gen}: ${PHASE_LABEL[phase as keyof typeof PHASE_LABEL]}`;
    }
  }
  return label(words);
}

/** Who did something: a Slack user as a mention; the intake API ("api") and the bot itself as a word. */
const actor = (id: string) => userMention(id, (other) => (other === "api" ? "Partnerportal" : "System"));

const heading = (text: string): SectionBlock => ({ type: "section", text: { type: "mrkdwn", text } });

function field(label: string, value: string | null): PlainTextElement | undefined {
  return value ? plain(`${label}\n${value}`, 2000) : undefined;
}

function more(shown: number, total: number): ContextBlock[] {
  const elements = moreContext(shown, total);
  return elements.length ? [{ type: "context", elements }] : [];
}

export function cardActions(customerId: string): KnownBlock {
  const button = (action_id: string, text: string) => ({
    type: "button" as const,
    action_id,
    text: { type: "plain_text" as const, text },
    value: customerId,
  });
  return {
    type: "actions",
    block_id: "card_actions",
    elements: [
      button(ActionId.editCustomer, "Bearbeiten"),
      button(ActionId.assignDomain, "Domain zuordnen"),
      button(ActionId.assignContract, "Vertrag zuordnen"),
      button(ActionId.createTask, "Aufgabe anlegen"),
    ],
  };
}

function requestBlocks(card: CustomerCardData, invitationsEnabled: boolean): KnownBlock[] {
  const blocks: KnownBlock[] = [heading(`*Anfragen* (${card.inquiries.total})`)];
  for (const q of card.inquiries.items) {
    blocks.push({
      type: "context",
      elements: [
        plain(`${q.name} · ${q.email}`, 300),
        { type: "mrkdwn", text: `eingegangen ${slackTime(q.receivedAt, "{date_short}")}` },
      ],
    });
  }
  blocks.push(...more(card.inquiries.items.length, card.inquiries.total));
  // In the ISV partner program access invitations do not exist: no section for them.
  if (!invitationsEnabled) return [...blocks, ...conversationBlocks(card.conversation)];
  blocks.push(heading(`*Zugriffsfreigaben* (${card.accessGrants.total})`));
  for (const g of card.accessGrants.items) {
    const who = [g.name, g.email, g.customerNumber && `Kd.-Nr. ${g.customerNumber}`].filter(Boolean);
    blocks.push({
      type: "context",
      elements: [
        { type: "mrkdwn", text: `*${accessLevelLabel(g.accessLevel)}*` },
        plain(who.join(" · "), 300),
        ...(g.decidedAt
          ? [{ type: "mrkdwn" as const, text: `verbunden ${slackTime(g.decidedAt, "{date_short}")}` }]
          : []),
      ],
    });
  }
  blocks.push(...more(card.accessGrants.items.length, card.accessGrants.total));
  blocks.push(...conversationBlocks(card.conversation));
  return blocks;
}

function taskBlock(t: CustomerCardData["tasks"]["items"][number]): KnownBlock {
  const details = [
    t.dueOn ? `fällig ${calendarDay(t.dueOn)}` : "ohne Termin",
    t.assigneeId ? actor(t.assigneeId) : "niemand zugewiesen",
  ];
  return {
    type: "section",
    block_id: `task_${t.id}`,
    fields: [plain(`${t.done ? "✓" : "○"} ${t.title}`, 2000), { type: "mrkdwn", text: details.join(" · ") }],
    accessory: {
      type: "button",
      action_id: ActionId.toggleTask,
      text: plain(t.done ? "Wieder öffnen" : "Erledigt", 75),
      value: JSON.stringify({ t: t.id, d: !t.done }),
    },
  };
}

/** The customer card: contact data, requests, domains, contracts, tasks and the latest changes. */
export function customerCardView(
  card: CustomerCardData,
  { invitationsEnabled }: { invitationsEnabled: boolean },
): ModalView {
  const c = card.customer;
  const name = [c.firstName, c.lastName].filter(Boolean).join(" ") || null;
  const fields = [
    field("Firma", c.company),
    field("Ansprechpartner", name),
    field("E-Mail", c.email),
    field("Telefon", c.phone),
    field("Adresse", c.address),
  ].filter((f) => f !== undefined);
  const blocks: KnownBlock[] = [
    { type: "header", text: plain(stripInvisible(customerLabel(c)), 150) },
    fields.length ? { type: "section", fields } : { type: "section", text: plain("Keine Kontaktdaten.") },
  ];
  if (c.notes) blocks.push({ type: "section", text: plain(c.notes) });
  blocks.push(cardActions(c.id), { type: "divider" });
  blocks.push(...requestBlocks(card, invitationsEnabled));

  blocks.push({ type: "divider" }, heading(`*Domains* (${card.domains.total})`));
  if (card.domains.items.length) {
    blocks.push({ type: "section", text: plain(card.domains.items.map((d) => d.name).join("\n")) });
  }
  blocks.push(...more(card.domains.items.length, card.domains.total));

  blocks.push(heading(`*Verträge* (${card.contracts.total})`));
  for (const k of card.contracts.items) {
    const parts = [k.title, k.number && `Nr. ${k.number}`, k.startsOn && `ab ${calendarDay(k.startsOn)}`];
    blocks.push({ type: "context", elements: [plain(parts.filter(Boolean).join(" · "), 2000)] });
  }
  blocks.push(...more(card.contracts.items.length, card.contracts.total));

  blocks.push(heading(`*Aufgaben* (${card.tasks.open} offen, ${card.tasks.total} insgesamt)`));
  blocks.push(...card.tasks.items.map(taskBlock));
  blocks.push(...more(card.tasks.items.length, card.tasks.total));

  if (card.audit.length) {
    const lines = card.audit.map((a) => `${slackTime(a.createdAt)} · ${actor(a.actor)} · ${auditLabel(a)}`);
    blocks.push({ type: "divider" }, heading("*Letzte Änderungen*"), {
      type: "context",
      elements: [{ type: "mrkdwn", text: lines.join("\n") }],
    });
  }
  return {
    type: "modal",
    callback_id: CallbackId.customerCard,
    private_metadata: JSON.stringify({ c: c.id } satisfies CardMetadata),
    title: plain("Kundenkarte", 24),
    close: plain("Schließen", 24),
    blocks,
  };
}

/** A modal shown at once when the data takes longer than the trigger lives; filled by views.update. */
export function loadingView(title: string): ModalView {
  return {
    type: "modal",
    title: plain(title, 24),
    close: plain("Schließen", 24),
    blocks: [{ type: "section", text: plain("Einen Moment, die Daten werden geladen …") }],
  };
}

export function notFoundView(): ModalView {
  return {
    type: "modal",
    title: plain("Kundenkarte", 24),
    close: plain("Schließen", 24),
    blocks: [{ type: "section", text: plain("Diesen Kunden gibt es nicht (mehr).") }],
  };
}
