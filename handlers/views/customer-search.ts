import type { Middleware, SlackViewMiddlewareArgs } from "@slack/bolt";
import { SEARCH_PAGE_SIZE, searchModal } from "../../blocks/customers/search-results.ts";
import { FieldId } from "../../blocks/ids.ts";
import { storableString } from "../../domain/fields.ts";
import type { Deps } from "../deps.ts";

const query = storableString().trim().min(1, "Bitte einen Suchbegriff eingeben").max(200);

/** The search modal of the App Home: the results appear under the search field. */
export const customerSearchSubmission =
  (deps: Deps): Middleware<SlackViewMiddlewareArgs> =>
  async ({ ack, view }) => {
    const q = query.safeParse(view.state.values[FieldId.searchQuery]?.[FieldId.searchQuery]?.value ?? "");
    if (!q.success) {
      await ack({
        response_action: "errors",
        errors: { [FieldId.searchQuery]: q.error.issues[0]?.message ?? "" },
      });
      return;
    }
    await ack({
      response_action: "update",
      view: searchModal(await deps.customers.searchCustomerPage(q.data, 0, SEARCH_PAGE_SIZE)),
    });
  };
