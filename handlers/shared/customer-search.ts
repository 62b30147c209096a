import { SEARCH_PAGE_SIZE, type SearchPage } from "../../blocks/customers/search-results.ts";
import type { Deps } from "../../bot/deps.ts";
import { searchCustomers } from "../../domain/customers/customer-repository.ts";

/** One page of a customer search, ready for the result builders. */
export async function searchPage(deps: Deps, query: string, page: number): Promise<SearchPage> {
  const { items, total } = await searchCustomers(deps.prisma, query, {
    limit: SEARCH_PAGE_SIZE,
    offset: page * SEARCH_PAGE_SIZE,
  });
  return { query, items, total, page };
}
