import type { KnownBlock } from "@slack/types";
import type { WaitingCounts } from "../../domain/requests/pending-request-repository.ts";
import { plain } from "../format.ts";
import { ActionId } from "../ids.ts";
import { OPEN_INQUIRIES, PENDING_INVITATIONS } from "../texts/nouns.ts";
import { countOf } from "../texts/plural.ts";

const bold = (figure: string) => `*${figure}*`;

/** `/kunden hilfe` (and an empty `/kunden`): the current counts and what the command can do. */
export function helpMessage(counts: WaitingCounts) {
  const waiting = [
    ...(counts.pendingInvitations !== null
      ? [countOf(counts.pendingInvitations, PENDING_INVITATIONS, bold)]
      : []),
    countOf(counts.openInquiries, OPEN_INQUIRIES, bold),
  ].join(" · ");
  const commands = [
    "`/kunden &lt;Suchbegriff&gt;` – Kunden suchen nach Name, Firma, E-Mail oder Domain (ein Teil genügt, Umlaute egal)",
    "`/kunden neu` – Kunden-Eintrag hinzufügen",
    "`/kunden anfrage` – eine Anfrage per Telefon oder E-Mail erfassen",
    "`/kunden anfragen` – offene Anfragen, die älteste zuerst",
    ...(counts.pendingInvitations !== null
      ? [
          "`/kunden einladungen` – ausstehende Einladungen, die älteste zuerst",
          "`/kunden digest` – die Übersicht der ausstehenden Einladungen jetzt posten",
          "`/kunden bericht` – den Wochenbericht jetzt als Direktnachricht erhalten",
        ]
      : []),
    "`/kunden vorlagen` – die Vorlagen für Antworten an Interessenten anlegen, bearbeiten, löschen",
    "`/kunden auskunft &lt;E-Mail&gt;` – alles, was zu dieser Adresse gespeichert ist, als Datei per Direktnachricht (DSGVO Art. 15)",
    "`/kunden löschen &lt;E-Mail&gt;` – die personenbezogenen Daten zu dieser Adresse überall löschen (DSGVO Art. 17)",
    "`/kunden export` – alle Kunden als CSV-Datei (Excel, CRM) per Direktnachricht",
    "`/kunden hilfe` (oder `help`, `?`) – diese Hilfe",
  ];
  const blocks: KnownBlock[] = [
    { type: "section", text: { type: "mrkdwn", text: `*Jetzt:* ${waiting}` } },
    { type: "section", text: { type: "mrkdwn", text: commands.join("\n") } },
    {
      type: "context",
      elements: [
        plain(
          "Ein Suchergebnis öffnet die Kundenkarte mit Domains, Verträgen und Aufgaben. Der Tab „Startseite“ der App zeigt alles, was wartet.",
        ),
      ],
    },
    {
      type: "actions",
      block_id: "help_actions",
      elements: [
        {
          type: "button",
          action_id: ActionId.createCustomer,
          text: plain("Kunden-Eintrag hinzufügen", 75),
        },
      ],
    },
  ];
  return { text: "kundenbot: Hilfe zu /kunden", blocks };
}
