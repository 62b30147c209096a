import type { Middleware, SlackViewMiddlewareArgs, ViewOutput } from "@slack/bolt";
import type { z } from "zod";
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
type Input = State["values"][string][string];

/** A form's field: its block (which is also its input's action_id) and how its value is read. */
type Fields = Record<string, [block: string, read: (input: Input | undefined) => unknown]>;
const text = (i: Input | undefined) => i?.value ?? "";
const optionalText = (i: Input | undefined) => i?.value;
const date = (i: Input | undefined) => i?.selected_date;

/** The form's inputs parsed with the schema; each zod issue goes under its field's block (else the first). */
function parseFields<T extends z.ZodType>(
  schema: T,
  state: State,
  fields: Fields,
): { data: z.output<T> } | { errors: Record<string, string> } {
  const raw = Object.fromEntries(
    Object.entries(fields).map(([key, [block, read]]) => [key, read(state.values[block]?.[block])]),
  );
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { data: parsed.data };
  const first = Object.values(fields)[0]?.[0] ?? "";
  return { errors: fieldErrors(parsed.error, (p) => fields[String(p)]?.[0] ?? first) };
}

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
  const parsed = parseFields(domainInput, state, { name: [FieldId.domainName, text] });
  if ("errors" in parsed) return parsed.errors;
  const result = await deps.customers.assignDomain(meta.c, parsed.data, actor);
  if (result.status === "assigned") return undefined;
  if (result.status === "not-found") return { [FieldId.domainName]: GONE };
  const owner = result.customerId === meta.c ? null : await deps.customers.findCustomer(result.customerId);
  return {
    [FieldId.domainName]: owner
      ? `${parsed.data.name} ist schon einem anderen Kunden zugeordnet: ${customerLabel(owner)}`
      : `${parsed.data.name} ist diesem Kunden schon zugeordnet.`,
  };
});

/** **Vertrag zuordnen**. */
export const assignContractSubmission = cardForm(async (deps, meta, state, actor) => {
  const parsed = parseFields(contractInput, state, {
    title: [FieldId.contractTitle, text],
    number: [FieldId.contractNumber, optionalText],
    startsOn: [FieldId.contractStartsOn, date],
    notes: [FieldId.contractNotes, optionalText],
  });
  if ("errors" in parsed) return parsed.errors;
  const result = await deps.customers.assignContract(meta.c, parsed.data, actor);
  return result.status === "assigned" ? undefined : { [FieldId.contractTitle]: GONE };
});

/** **Aufgabe anlegen**: title, due date, assignee. */
export const createTaskSubmission = cardForm(async (deps, meta, state, actor) => {
  const parsed = parseFields(taskInput, state, {
    title: [FieldId.taskTitle, text],
    dueOn: [FieldId.taskDueOn, date],
    assigneeId: [FieldId.taskAssignee, (i) => i?.selected_user],
  });
  if ("errors" in parsed) return parsed.errors;
  const result = await deps.customers.createTask(meta.c, parsed.data, actor);
  return result.status === "created" ? undefined : { [FieldId.taskTitle]: GONE };
});
