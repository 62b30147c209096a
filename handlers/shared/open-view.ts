import type { View } from "@slack/types";
import type { WebClient } from "@slack/web-api";
import { loadingView } from "../../blocks/customers/customer-card.ts";
import { withinAckBudget } from "./ack-budget.ts";

/** How long we wait for data before showing a loading modal: the trigger_id dies after 3 s, and the guard already used some. */
const FAST_ENOUGH_MS = 1000;

/**
 * Opens (or pushes) a view that needs data. When the data is there within a second, the view opens
 * directly; otherwise a loading modal opens at once, while the trigger is still valid, and is
 * filled with views.update when the data arrives.
 */
export async function openViewFast(
  client: WebClient,
  {
    triggerId,
    push,
    title,
    build,
  }: { triggerId: string; push: boolean; title: string; build: Promise<View> },
): Promise<void> {
  const open = (view: View) =>
    push
      ? client.views.push({ trigger_id: triggerId, view })
      : client.views.open({ trigger_id: triggerId, view });
  const quick = await withinAckBudget(build, FAST_ENOUGH_MS);
  if (quick.status === "in_time") {
    await open(quick.value);
    return;
  }
  const opened = await open(loadingView(title));
  const view = await build;
  await client.views.update({ view_id: opened.view?.id as string, view });
}
