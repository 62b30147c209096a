import type { KnownBlock, ModalView } from "@slack/types";
import type { PersonalDataReport } from "../../domain/privacy/privacy-service.ts";
import { plain } from "../format.ts";
import { CallbackId } from "../ids.ts";

export const NOTHING_STORED_TEXT = "Zu dieser Adresse ist nichts gespeichert.";

/** Opened right after the command's ack (a trigger_id lives 3 s); the lookup fills it in. */
export function eraseLoadingModal(): ModalView {
  return {
    type: "modal",
    title: plain("Daten löschen", 24),
    close: plain("Abbrechen", 24),
    blocks: [{ type: "section", text: plain("Die gespeicherten Daten werden gesucht …") }],
  };
}

/** What "Endgültig löschen" erases, per kind and with the names it is stored under. */
export function eraseModal(report: PersonalDataReport, privateMetadata: string): ModalView {
  const counts = report.counts.filter((c) => c.count > 0).map((c) => `${c.label}: ${c.count}`);
  const blocks: KnownBlock[] = [
    {
      type: "section",
      block_id: "erase_subject",
      text: plain(`Gespeichert zu ${report.email}:\n${counts.join("\n")}`),
    },
  ];
  if (report.names.length > 0) {
    blocks.push({
      type: "section",
      block_id: "erase_names",
      text: plain(`Namen: ${report.names.join(", ")}`),
    });
  }
  blocks.push({
    type: "context",
    elements: [
      plain(
        "Endgültig löschen überschreibt diese Daten überall, wo kundenbot sie speichert, löscht gespeicherte E-Mails und ändert die Nachrichten im Team-Kanal zu „Personenbezogene Daten gelöscht“. Verträge, Domains und Aufgaben bleiben beim „Gelöschten Kunden“. Das lässt sich nicht rückgängig machen.",
      ),
    ],
  });
  return {
    type: "modal",
    callback_id: CallbackId.erasePerson,
    private_metadata: privateMetadata,
    title: plain("Daten löschen", 24),
    submit: plain("Endgültig löschen", 24),
    close: plain("Abbrechen", 24),
    blocks,
  };
}

/** After the erasure: how much was erased (no personal data in the answer). */
export function erasedModal(counts: PersonalDataReport["counts"]): ModalView {
  const lines = counts.filter((c) => c.count > 0).map((c) => `${c.label}: ${c.count}`);
  return {
    type: "modal",
    title: plain("Gelöscht", 24),
    close: plain("Schließen", 24),
    blocks: [
      {
        type: "section",
        text: plain(`Die personenbezogenen Daten sind gelöscht.\n${lines.join("\n")}`),
      },
    ],
  };
}

/** Nothing stored (also after a second erasure): no erasure offered. */
export function nothingStoredModal(): ModalView {
  return {
    type: "modal",
    title: plain("Daten löschen", 24),
    close: plain("Schließen", 24),
    blocks: [{ type: "section", text: plain(NOTHING_STORED_TEXT) }],
  };
}
