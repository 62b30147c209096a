import type { KnownBlock, ModalView } from "@slack/types";
import { customerLabel } from "../../domain/customers/customer-label.ts";
import type { CustomerSummary } from "../../domain/customers/customer-repository.ts";
import { plain } from "../format.ts";
import { ActionId, CallbackId, FieldId } from "../ids.ts";
import { pagerBlocks } from "../pager.ts";
import { truncate } from "../truncate.ts";

export const SEARCH_PAGE_SIZE = 10;

export interface SearchPage {
  query: string;
  items: CustomerSummary[];
  total: number;
  /** 0-based. */
  page: number;
}

/** One customer per section, with a button that opens the card. */
export function customerResultBlock(c: CustomerSummary): KnownBlock {
  const lines = [customerLabel(c), c.email].filter(Boolean).join("\n");
  return {
    type: "section",
    text: plain(lines),
    accessory: {
      type: "button",
      action_id: ActionId.openCustomer,
      text: { type: "plain_text", text: "Öffnen" },
      value: c.id,
    },
  };
}

/** The results of a search (best matches first) with page buttons, or a helpful answer when nothing matched. */
export function searchResultBlocks(r: SearchPage): KnownBlock[] {
  const query = truncate(r.query, 200);
  if (r.total === 0) {
    return [
      { type: "section", text: plain(`Kein Kunde gefunden für „${query}“.`) },
      {
        type: "context",
        elements: [
          {
            type: "mrkdwn",
            text: "Gesucht wird in Firma, Name, E-Mail und Domains; ein Teil genügt, Groß-/Kleinschreibung und Umlaute sind egal (`muller` findet Müller, `@beispiel.de` alle mit dieser Adresse). Vielleicht ist der Kunde noch nicht angelegt:",
          },
        ],
      },
      {
        type: "actions",
        block_id: "search_empty",
        elements: [
          {
            type: "button",
            action_id: ActionId.createCustomer,
            text: { type: "plain_text", text: "Kunden-Eintrag hinzufügen" },
            style: "primary",
            ...(query ? { value: query } : {}),
          },
        ],
      },
    ];
  }
  const shown = r.items.length;
  const from = r.page * SEARCH_PAGE_SIZE + 1;
  return [
    {
      type: "section",
      text: plain(
        r.total === 1
          ? `1 Kunde gefunden für „${query}“:`
          : `${r.total} Kunden gefunden für „${query}“ (${from}–${from + shown - 1}):`,
      ),
    },
    ...r.items.map(customerResultBlock),
    ...pagerBlocks({ l: "search", q: query }, r.page, SEARCH_PAGE_SIZE, r.total),
  ];
}

/** The ephemeral answer to `/kunden <text>`. */
export function searchResultsMessage(r: SearchPage) {
  return {
    text: r.total === 0 ? "Kein Kunde gefunden." : `${r.total} Kunden gefunden.`,
    blocks: searchResultBlocks(r),
  };
}

/** The search modal of the App Home: a search field, and the results of the last search below it. */
export function searchModal(result?: SearchPage): ModalView {
  return {
    type: "modal",
    callback_id: CallbackId.customerSearch,
    title: plain("Kunden suchen", 24),
    submit: plain("Suchen", 24),
    close: plain("Schließen", 24),
    blocks: [
      {
        type: "input",
        block_id: FieldId.searchQuery,
        label: plain("Name, Firma, E-Mail oder Domain"),
        element: {
          type: "plain_text_input",
          action_id: FieldId.searchQuery,
          max_length: 200,
          ...(result?.query ? { initial_value: truncate(result.query, 200) } : {}),
          placeholder: plain("z. B. müller oder beispiel.de"),
        },
      },
      ...(result ? searchResultBlocks(result) : []),
    ],
  };
}
