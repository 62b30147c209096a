import type { WebClient } from "@slack/web-api";
import { z } from "zod";

/** What the answer modal carries in private_metadata (blocks/conversation/answer-modal.ts). */
export const answerMetadata = z.object({
  kind: z.enum(["inquiry", "invitation"]),
  id: z.uuid(),
  v: z.number().int().min(0).max(10_000),
});

/** A choice in the modal's Vorlage select, as Slack sends it (block_actions from a view). */
export const templateChoice = z.object({
  user: z.object({ id: z.string().min(1) }),
  view: z.object({ id: z.string().min(1), hash: z.string().optional(), private_metadata: z.string() }),
  actions: z.array(z.object({ selected_option: z.object({ value: z.uuid() }).nullish() })).min(1),
});

/** {mitglied}: the member's full name from Slack (users.info), not a mention; the id when Slack has none. */
export async function memberName(client: WebClient, userId: string): Promise<string> {
  try {
    const res = await client.users.info({ user: userId });
    const u = res.user;
    return u?.profile?.real_name || u?.real_name || u?.profile?.display_name || u?.name || userId;
  } catch {
    return userId;
  }
}
