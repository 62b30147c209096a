import type { BlockAction, Middleware, SlackActionMiddlewareArgs } from "@slack/bolt";
import { searchModal, searchResultsMessage } from "../../blocks/customers/search-results.ts";
import { homePages } from "../../blocks/home/home-view.ts";
import { pageRef } from "../../blocks/pager.ts";
import { inquiriesMessage, invitationsMessage } from "../../blocks/requests/waiting-lists.ts";
import type { Deps } from "../../bot/deps.ts";
import { countOpenInquiries, countPendingInvitations } from "../../domain/requests/pending-requests.ts";
import { parseMetadata } from "../shared/customer-card.ts";
import { searchPage } from "../shared/customer-search.ts";
import { inquiriesPage, invitationsPage, publishHome } from "../shared/publish-home.ts";

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
      const pages = parseMetadata(homePages, b.view.private_metadata);
      await publishHome(
        deps,
        b.user.id,
        ref.l === "inquiries" ? { ...pages, i: ref.p } : { ...pages, v: ref.p },
      );
      return;
    }
    if (ref.l === "search") {
      const result = await searchPage(deps, ref.q ?? "", ref.p);
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
        ? inquiriesMessage(
            await inquiriesPage(deps, ref.p, await countOpenInquiries(deps.prisma)),
            deps.now(),
          )
        : invitationsMessage(
            await invitationsPage(deps, ref.p, await countPendingInvitations(deps.prisma)),
            deps.now(),
          );
    await respond({ replace_original: true, response_type: "ephemeral", ...message });
  };
