import { expect } from "vitest";
import { ActionId, PERSONAL_MESSAGE_ACTION, PERSONAL_MESSAGE_BLOCK } from "../../blocks/ids.ts";
import type { TestApp } from "../support/app.ts";
import { blockAction, viewSubmission } from "../support/interactions.ts";
import type { SlackPost } from "../support/sign.ts";
import type { SlackStandin } from "../support/slack-standin.ts";

/** What the e2e tests read back from a modal that the app opened. */
export interface OpenedView {
  callback_id: string;
  private_metadata: string;
  title: { text: string };
  blocks: Record<string, unknown>[];
}

/**
 * A click on a decision button in the invitation's channel message, as Slack sends it (signed),
 * and the modal the app opened for exactly that click (matched by trigger_id).
 */
export async function clickInvitationButton(
  app: TestApp,
  standin: SlackStandin,
  input: { actionId: string; invitationId: string; user: string; messageTs?: string | null },
): Promise<OpenedView> {
  const payload = blockAction({
    user: input.user,
    actionId: input.actionId,
    value: input.invitationId,
    messageTs: input.messageTs ?? undefined,
  });
  const res = await app.interact(payload);
  expect(res.status).toBe(200);
  await standin.waitFor(
    (s) => s.callsOf("views.open").some((c) => c.args.trigger_id === payload.trigger_id),
    5_000,
    "views.open for this click",
  );
  const call = standin.callsOf("views.open").find((c) => c.args.trigger_id === payload.trigger_id);
  return JSON.parse(String(call?.args.view)) as OpenedView;
}

/** Einladung ablehnen → the modal → submit with the personal message; returns the modal's answer. */
export async function declineThroughSlack(
  app: TestApp,
  standin: SlackStandin,
  input: { invitationId: string; user: string; message: string | null; messageTs?: string | null },
): Promise<{ view: OpenedView; answer: SlackPost }> {
  const view = await clickInvitationButton(app, standin, {
    actionId: ActionId.declineInvitation,
    invitationId: input.invitationId,
    user: input.user,
    messageTs: input.messageTs,
  });
  expect(view.title.text).toBe("Einladung ablehnen");
  const answer = await app.interact(
    viewSubmission({
      user: input.user,
      callbackId: view.callback_id,
      privateMetadata: view.private_metadata,
      values: {
        [PERSONAL_MESSAGE_BLOCK]: {
          [PERSONAL_MESSAGE_ACTION]: { type: "plain_text_input", value: input.message },
        },
      },
    }),
  );
  return { view, answer };
}

/** Polls `check` until it returns true, or fails with `what` after `timeoutMs`. */
export async function until(check: () => Promise<boolean> | boolean, timeoutMs: number, what: string) {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Waits `ms` (to see that nothing more happens). */
export const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));
