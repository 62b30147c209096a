import type { BlockAction, Middleware, SlackActionMiddlewareArgs } from "@slack/bolt";
import {
  SEARCH_PAGE_SIZE,
  searchModal,
  searchResultsMessage,
} from "../../blocks/customers/search-results.ts";
import { homePages } from "../../blocks/home/home-view.ts";
import { pageRef } from "../../blocks/pager.ts";
import {
  inquiriesMessage,
  invitationsMessage,
  MESSAGE_PAGE_SIZE,
} from "../../blocks/requests/waiting-lists.ts";
import type { Deps } from "../deps.ts";
import { parseMetadata } from "../shared/metadata.ts";
import { publishHome } from "../shared/publish-home.ts";

/**
 * **Zurück** / **Weiter** of every paginated list. Where the list stands decides how it is redrawn:
 * the App Home is published again, the search modal updated, an ephemeral answer replaced.
 */
export const turnPageClick =
  (deps: Deps): Middleware<SlackActionMiddlewareArgs> =>
  async ({ ack, body, action, client, respond }) => {
    await ack();
    const b = body as BlockAction;
    const ref = pageRef.parse(JSON.parse((action as { value?: string }).value ?? "{}"));
    if (ref.l === "invitations" && !deps.config.invitationsEnabled) return;

    if (b.view?.type === "home") {
      const meta = parseMetadata(homePages, b.view.private_metadata);
      if (!meta.success) throw meta.error;
      const pages = meta.data;
      await publishHome(
        deps,
        b.user.id,
        ref.l === "inquiries" ? { ...pages, i: ref.p } : { ...pages, v: ref.p },
      );
      return;
    }
    if (ref.l === "search") {
      const result = await deps.customers.searchCustomerPage(ref.q ?? "", ref.p, SEARCH_PAGE_SIZE);
      if (b.view?.type === "modal") {
        await client.views.update({ view_id: b.view.id, view: searchModal(result) });
      } else {
        await respond({
          replace_original: true,
          response_type: "ephemeral",
          ...searchResultsMessage(result),
        });
      }
      return;
    }
    const message =
      ref.l === "inquiries"
        ? inquiriesMessage(await deps.waiting.inquiriesPage(ref.p, MESSAGE_PAGE_SIZE), deps.now())
        : invitationsMessage(await deps.waiting.invitationsPage(ref.p, MESSAGE_PAGE_SIZE), deps.now());
    await respond({ replace_original: true, response_type: "ephemeral", ...message });
  };
