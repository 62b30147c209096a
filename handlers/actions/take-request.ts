import type { BlockAction, Middleware, SlackActionMiddlewareArgs } from "@slack/bolt";
import { alreadyDecidedText } from "../../blocks/decision-notice.ts";
import { notTakenText, releasedText, takenByOtherText, takenText } from "../../blocks/requests/triage.ts";
import type { ReleaseResult, TakeResult } from "../../domain/triage/triage-service.ts";
import type { Deps } from "../deps.ts";
import { requestRef } from "../shared/decision-payloads.ts";
import { publishHome } from "../shared/publish-home.ts";
import { tellClicker } from "../shared/tell-clicker.ts";

type Result = TakeResult | ReleaseResult;

/**
 * **Übernehmen** and **Abgeben** on a request (channel message, lists, App Home): ack, parse the
 * button's value, let the triage service decide in the database, then tell the clicker. The
 * channel message is refreshed through the outbox by the service.
 */
function triageClick(
  run: (
    deps: Deps,
    input: { kind: "inquiry" | "invitation"; requestId: string; actor: string },
  ) => Promise<Result>,
) {
  return (deps: Deps): Middleware<SlackActionMiddlewareArgs> =>
    async ({ ack, body, action, client, respond }) => {
      await ack();
      const b = body as BlockAction;
      const ref = requestRef.safeParse((action as { value?: string }).value);
      if (!ref.success) {
        deps.log.warn({ issues: ref.error.issues }, "triage button with an unusable value");
        return;
      }
      const kind = ref.data.type;
      const result = await run(deps, { kind, requestId: ref.data.id, actor: b.user.id });
      const tell = (text: string) => tellClicker({ body: b, respond, client }, "Anfrage", text);
      switch (result.status) {
        case "taken":
        case "released":
          if (b.view?.type === "home") await publishHome(deps, b.user.id);
          // An ephemeral list is not redrawn; the confirmation says what happened.
          else if (b.container?.is_ephemeral)
            await tell(result.status === "taken" ? takenText(kind) : releasedText(kind));
          return;
        case "already_yours":
          // A stale message (its refresh failed earlier): draw it again.
          await refresh(deps, kind, ref.data.id);
          return;
        case "taken_by_other":
          await tell(takenByOtherText(kind, result.holder));
          return;
        case "not_taken":
          await refresh(deps, kind, ref.data.id);
          await tell(notTakenText(kind));
          return;
        case "already_decided":
          await refresh(deps, kind, ref.data.id);
          await tell(alreadyDecidedText(kind, result.decision));
          return;
        default:
          await tell("Diese Anfrage gibt es nicht (mehr).");
      }
    };
}

const refresh = (deps: Deps, kind: "inquiry" | "invitation", id: string) =>
  deps.triage.refreshMessage(kind, id);

/** Übernehmen: the first click wins, everyone else is told who has it. */
export const takeRequestClick = triageClick((deps, input) => deps.triage.takeRequest(input));

/** Abgeben: only the holder's click releases the request. */
export const releaseRequestClick = triageClick((deps, input) => deps.triage.releaseRequest(input));
