import type { Middleware, SlackViewMiddlewareArgs, ViewOutput } from "@slack/bolt";
import { type CardMetadata, cardMetadata } from "../../blocks/customers/customer-card.ts";
import { FieldId } from "../../blocks/ids.ts";
import type { Deps } from "../../bot/deps.ts";
import { contractInput } from "../../domain/contracts/contract.schema.ts";
import { customerLabel } from "../../domain/customers/customer-label.ts";
import { domainInput } from "../../domain/domains/domain.schema.ts";
import { taskInput } from "../../domain/tasks/task.schema.ts";
import { fieldErrors, refreshCard } from "../shared/customer-card.ts";
import { parseMetadata } from "../shared/metadata.ts";

type State = ViewOutput["state"];
const input = (s: State, id: string) => s.values[id]?.[id];

/** Errors to show in the form, or nothing when the change is saved. */
type Save = (
  deps: Deps,
  meta: CardMetadata,
  state: State,
  actor: string,
) => Promise<Record<string, string> | undefined>;

const GONE = "Diesen Kunden gibt es nicht mehr.";

/**
 * A form pushed from the customer card: parse, save through the domain, then close the form and
 * redraw the card underneath (or show the errors in the form).
 */
function cardForm(save: Save) {
  return (deps: Deps): Middleware<SlackViewMiddlewareArgs> =>
    async ({ ack, body, view, client }) => {
      const parsed = parseMetadata(cardMetadata, view.private_metadata);
      if (!parsed.success) throw parsed.error;
      const meta = parsed.data;
      const errors = await save(deps, meta, view.state, body.user.id);
      if (errors) {
        await ack({ response_action: "errors", errors });
        return;
      }
      await ack();
      await refreshCard(deps, client, meta.v, meta.c);
    };
}

/** **Domain zuordnen**: one customer per domain; a taken name is refused with its owner's name. */
export const assignDomainSubmission = cardForm(async (deps, meta, state, actor) => {
  const parsed = domainInput.safeParse({ name: input(state, FieldId.domainName)?.value ?? "" });
  if (!parsed.success) return fieldErrors(parsed.error, () => FieldId.domainName);
  const result = await deps.customers.assignDomain(meta.c, parsed.data, actor);
  if (result.outcome === "assigned") return undefined;
  if (result.outcome === "not-found") return { [FieldId.domainName]: GONE };
  const owner = result.customerId === meta.c ? null : await deps.customers.findCustomer(result.customerId);
  return {
    [FieldId.domainName]: owner
      ? `${parsed.data.name} ist schon einem anderen Kunden zugeordnet: ${customerLabel(owner)}`
      : `${parsed.data.name} ist diesem Kunden schon zugeordnet.`,
  };
});

const contractBlocks: Record<string, string> = {
  title: FieldId.contractTitle,
  number: FieldId.contractNumber,
  startsOn: FieldId.contractStartsOn,
  notes: FieldId.contractNotes,
};

/** **Vertrag zuordnen**. */
export const assignContractSubmission = cardForm(async (deps, meta, state, actor) => {
  const parsed = contractInput.safeParse({
    title: input(state, FieldId.contractTitle)?.value ?? "",
    number: input(state, FieldId.contractNumber)?.value,
    startsOn: input(state, FieldId.contractStartsOn)?.selected_date,
    notes: input(state, FieldId.contractNotes)?.value,
  });
  if (!parsed.success)
    return fieldErrors(parsed.error, (p) => contractBlocks[String(p)] ?? FieldId.contractTitle);
  const result = await deps.customers.assignContract(meta.c, parsed.data, actor);
  return result.outcome === "assigned" ? undefined : { [FieldId.contractTitle]: GONE };
});

const taskBlocks: Record<string, string> = {
  title: FieldId.taskTitle,
  dueOn: FieldId.taskDueOn,
  assigneeId: FieldId.taskAssignee,
};

/** **Aufgabe anlegen**: title, due date, assignee. */
export const createTaskSubmission = cardForm(async (deps, meta, state, actor) => {
  const parsed = taskInput.safeParse({
    title: input(state, FieldId.taskTitle)?.value ?? "",
    dueOn: input(state, FieldId.taskDueOn)?.selected_date,
    assigneeId: input(state, FieldId.taskAssignee)?.selected_user,
  });
  if (!parsed.success) return fieldErrors(parsed.error, (p) => taskBlocks[String(p)] ?? FieldId.taskTitle);
  const result = await deps.customers.createTask(meta.c, parsed.data, actor);
  return result.outcome === "created" ? undefined : { [FieldId.taskTitle]: GONE };
});
