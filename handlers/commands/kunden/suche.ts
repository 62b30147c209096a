import { z } from "zod";
import { SEARCH_PAGE_SIZE, searchResultsMessage } from "../../../blocks/customers/search-results.ts";
import type { KundenSubcommand } from "./index.ts";

const query = z.string().trim().max(200);

/** `/kunden <text>`: customers by part of name, company, e-mail or domain, best first; ephemeral. */
export const sucheCommand: KundenSubcommand = async ({ ack }, deps, rest) => {
  const result = await deps.customers.searchCustomerPage(
    query.parse(rest.slice(0, 200)),
    0,
    SEARCH_PAGE_SIZE,
  );
  await ack({ response_type: "ephemeral", ...searchResultsMessage(result) });
};
