import type { Middleware, SlackViewMiddlewareArgs } from "@slack/bolt";
import { z } from "zod";
import { noticeModal } from "../../blocks/assign-request-modal.ts";
import { customerFieldBlockId, readCustomerFields } from "../../blocks/customers/customer-form.ts";
import { ActionId, EXISTING_CUSTOMER_BLOCK } from "../../blocks/ids.ts";
import { customerInput } from "../../domain/customers/customer.schema.ts";
import type { CustomerChoice } from "../../domain/decisions/assign-request.ts";
import type { Deps } from "../deps.ts";
import { answerDecision } from "../shared/decision-answer.ts";
import { requestMetadata } from "../shared/decision-payloads.ts";
import { parseMetadata } from "../shared/metadata.ts";
import { publishHome } from "../shared/publish-home.ts";

const selectedCustomer = z.object({
  [EXISTING_CUSTOMER_BLOCK]: z
    .object({
      [ActionId.existingCustomer]: z
        .object({ selected_option: z.object({ value: z.uuid() }).nullish() })
        .optional(),
    })
    .optional(),
});

/**
 * Submission of Kunde hinzufügen / Kunde verbinden. The decision (one short transaction) runs
 * before the ack, so that the answer can say what happened: the modal closes, or shows the
 * errors under the fields, or turns into a notice of who decided first (answerDecision keeps
 * this within Slack's 3 seconds).
 */
export function assignRequestSubmission(deps: Deps): Middleware<SlackViewMiddlewareArgs> {
  return async ({ ack, body, view, client }) => {
    const parsed = parseMetadata(requestMetadata, view.private_metadata);
    if (!parsed.success) {
      await ack({
        response_action: "update",
        view: noticeModal("Fehler", "Diese Ansicht ist veraltet. Bitte erneut öffnen."),
      });
      return;
    }
    const meta = parsed.data;
    const existing = selectedCustomer.safeParse(view.state.values).data?.[EXISTING_CUSTOMER_BLOCK]?.[
      ActionId.existingCustomer
    ]?.selected_option?.value;
    let customer: CustomerChoice;
    if (existing) {
      customer = { existingCustomerId: existing };
    } else {
      const fields = customerInput.safeParse(readCustomerFields(view.state));
      if (!fields.success) {
        const errors: Record<string, string> = {};
        for (const issue of fields.error.issues)
          errors[customerFieldBlockId(issue.path[0])] ??= issue.message;
        await ack({ response_action: "errors", errors });
        return;
      }
      customer = { newCustomer: fields.data };
    }
    const result = await answerDecision({
      ack,
      client,
      viewId: view.id,
      kind: meta.kind,
      decide: deps.decisions.assignRequest({
        kind: meta.kind,
        requestId: meta.id,
        actor: body.user.id,
        customer,
      }),
    });
    if (result.status !== "decided") return;
    await publishHome(deps, body.user.id);
    deps.log.info(
      { user: body.user.id, kind: meta.kind, id: meta.id, customer: result.decision.customer?.id },
      "request decided",
    );
  };
}
