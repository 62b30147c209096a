import type { BlockAction, Middleware, SlackActionMiddlewareArgs } from "@slack/bolt";
import { z } from "zod";
import { PHASES } from "../../domain/pipeline/phase.ts";
import type { Deps } from "../deps.ts";
import { tellClicker } from "../shared/tell-clicker.ts";

/** A Phase option's value, `<type>:<id>:<phase>` (blocks/requests/phase.ts). */
const phaseChoice = z
  .string()
  .regex(new RegExp(`^(inquiry|invitation):[0-9a-f-]{36}:(${PHASES.join("|")})$`))
  .transform((v) => {
    const [type, id, phase] = v.split(":") as ["inquiry" | "invitation", string, (typeof PHASES)[number]];
    return { type, id, phase };
  });

/**
 * The **Phase** select on a request message: ack, parse the chosen option, let the phase service
 * change it in the database (audited, message refreshed through the outbox).
 */
export const changePhaseSelect =
  (deps: Deps): Middleware<SlackActionMiddlewareArgs> =>
  async ({ ack, body, action, client, respond }) => {
    await ack();
    const chosen = phaseChoice.safeParse(
      (action as { selected_option?: { value?: string } }).selected_option?.value,
    );
    if (!chosen.success) {
      deps.log.warn({ issues: chosen.error.issues }, "Phase select with an unusable value");
      return;
    }
    const { type, id, phase } = chosen.data;
    const result = await deps.phase.change({ kind: type, requestId: id, actor: body.user.id, phase });
    if (result.status === "not_found") {
      await tellClicker(
        { body: body as BlockAction, respond, client },
        "Anfrage",
        "Diese Anfrage gibt es nicht (mehr).",
      );
    }
  };
