import { taskFormView } from "../../blocks/customers/card-forms.ts";
import { pushCardForm } from "../shared/card-form.ts";

/**
 * **Aufgabe anlegen**: assigned to the person who creates it unless they pick someone else (saved by
 * `views/create-task.ts`).
 */
export const createTaskClick = pushCardForm("Aufgabe anlegen", (_deps, meta, userId) =>
  taskFormView(meta, userId),
);
