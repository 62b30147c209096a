import { z } from "zod";
import { optionalDate, storableString } from "../fields.ts";

/** A task (Aufgabe) for a customer: a title, a due date and a Slack user who does it. */
export const taskInput = z.object({
  title: storableString().trim().min(1, "Bitte einen Titel angeben").max(200, "höchstens 200 Zeichen"),
  dueOn: optionalDate,
  assigneeId: z
    .string()
    .regex(/^[UW][A-Z0-9_]+$/, "kein Slack-Nutzer")
    .nullish()
    .transform((v) => v ?? null),
});

export type TaskInput = z.input<typeof taskInput>;
export type TaskData = z.output<typeof taskInput>;
