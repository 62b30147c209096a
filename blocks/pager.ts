import type { Button, KnownBlock } from "@slack/types";
import { z } from "zod";
import { ActionId } from "./ids.ts";

/** Which list a page button turns, which page it shows, and (for search) the query. Button value, as JSON. */
export const pageRef = z.object({
  l: z.enum(["search", "inquiries", "invitations"]),
  p: z.number().int().min(0).max(100_000),
  q: z.string().max(200).optional(),
});
export type PageRef = z.infer<typeof pageRef>;

export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

/** "Seite 2 von 5" with Zurück / Weiter buttons; nothing when everything fits on one page. */
export function pagerBlocks(
  ref: Omit<PageRef, "p">,
  page: number,
  pageSize: number,
  total: number,
): KnownBlock[] {
  const pages = pageCount(total, pageSize);
  if (pages <= 1) return [];
  const button = (actionId: string, text: string, p: number): Button => ({
    type: "button",
    action_id: actionId,
    text: { type: "plain_text", text },
    value: JSON.stringify({ ...ref, p } satisfies PageRef),
  });
  const elements: Button[] = [];
  if (page > 0) elements.push(button(ActionId.pagePrev, "‹ Zurück", page - 1));
  if (page < pages - 1) elements.push(button(ActionId.pageNext, "Weiter ›", page + 1));
  return [
    {
      type: "context",
      elements: [
        { type: "mrkdwn", text: `Seite ${Math.min(page, pages - 1) + 1} von ${pages} · ${total} insgesamt` },
      ],
    },
    { type: "actions", block_id: `pager_${ref.l}`, elements },
  ];
}
