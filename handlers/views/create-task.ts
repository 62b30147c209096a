import { FieldId } from "../../blocks/ids.ts";
import { taskInput } from "../../domain/tasks/task.schema.ts";
import { cardForm, date, GONE, parseFields, text } from "../shared/card-form.ts";
import { teamMemberFieldError } from "../shared/person-input.ts";

/** **Aufgabe anlegen**: title, due date, assignee. */
export const createTaskSubmission = cardForm(async (deps, meta, state, actor) => {
  const parsed = parseFields(taskInput, state, {
    title: [FieldId.taskTitle, text],
    dueOn: [FieldId.taskDueOn, date],
    assigneeId: [FieldId.taskAssignee, (i) => i?.selected_user],
  });
  if ("errors" in parsed) return parsed.errors;
  const notOnTeam = await teamMemberFieldError(deps, parsed.data.assigneeId);
  if (notOnTeam) return { [FieldId.taskAssignee]: notOnTeam };
  const result = await deps.customers.createTask(meta.c, parsed.data, actor);
  return result.status === "created" ? undefined : { [FieldId.taskTitle]: GONE };
});
