import type { BlockAction, Middleware, SlackActionMiddlewareArgs } from "@slack/bolt";
import type { View } from "@slack/types";
import { noticeModal } from "../../blocks/assign-request-modal.ts";
import { followUpModal } from "../../blocks/requests/follow-up.ts";
import type { Deps } from "../deps.ts";
import { requestMetadataJson, requestRef } from "../shared/decision-payloads.ts";
import { openViewFast } from "../shared/open-view.ts";
import { publishHome } from "../shared/publish-home.ts";

/**
 * **Wiedervorlage** on a request: the modal Wiedervorlage, prefilled with the request's follow-up
 * if it has one (then with **Wiedervorlage löschen**). The read is one indexed row; should it be
 * slow, a loading modal opens while the trigger_id is valid.
 */
export const followUpClick =
  (deps: Deps): Middleware<SlackActionMiddlewareArgs> =>
  async ({ ack, body, action, client }) => {
    await ack();
    const ref = requestRef.safeParse((action as { value?: string }).value);
    if (!ref.success) {
      deps.log.warn({ issues: ref.error.issues }, "Wiedervorlage button with an unusable value");
      return;
    }
    const { type, id } = ref.data;
    const build = (async (): Promise<View> => {
      const existing = await deps.followUps.find(type, id);
      return followUpModal({
        privateMetadata: requestMetadataJson(type, id),
        ref: `${type}:${id}`,
        timeZone: deps.config.digest.timezone,
        existing: existing ? { dueAt: existing.dueAt, note: existing.note } : null,
      });
    })();
    await openViewFast(client, {
      triggerId: (body as BlockAction).trigger_id,
      push: false,
      title: "Wiedervorlage",
      build,
    });
  };

/** **Wiedervorlage löschen** in the modal: deletes the follow-up and says so in the modal. */
export const deleteFollowUpClick =
  (deps: Deps): Middleware<SlackActionMiddlewareArgs> =>
  async ({ ack, body, action, client }) => {
    await ack();
    const ref = requestRef.safeParse((action as { value?: string }).value);
    const viewId = (body as BlockAction).view?.id;
    if (!ref.success || !viewId) {
      deps.log.warn("Wiedervorlage löschen with an unusable payload");
      return;
    }
    const result = await deps.followUps.delete({
      kind: ref.data.type,
      requestId: ref.data.id,
      actor: body.user.id,
    });
    const text =
      result.status === "deleted"
        ? "Die Wiedervorlage ist gelöscht."
        : result.status === "none"
          ? "Diese Anfrage hat keine Wiedervorlage (mehr)."
          : "Diese Anfrage gibt es nicht (mehr).";
    await client.views.update({ view_id: viewId, view: noticeModal("Wiedervorlage", text) });
    if (result.status === "deleted") await publishHome(deps, body.user.id);
  };
