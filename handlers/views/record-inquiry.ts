import type { AllMiddlewareArgs, Middleware, SlackViewMiddlewareArgs } from "@slack/bolt";
import { z } from "zod";
import { INPUT_ACTION, RecordInquiryBlock } from "../../blocks/ids.ts";
import { UNSTORABLE_TEXT_DE } from "../../domain/fields.ts";
import { inquiryInput } from "../../domain/inquiries/inquiry.schema.ts";
import type { Deps } from "../deps.ts";

type Field = keyof typeof RecordInquiryBlock;

/** What Slack sends for the modal's inputs: a value, or a picked date and time (epoch seconds). */
const stateSchema = z.object({
  values: z.record(
    z.string(),
    z.record(
      z.string(),
      z.object({ value: z.string().nullish(), selected_date_time: z.number().nullish() }).loose(),
    ),
  ),
});

const MESSAGES: Record<Field, string> = {
  name: "Bitte einen Namen angeben (höchstens 200 Zeichen).",
  email: "Bitte eine gültige E-Mail-Adresse angeben.",
  phone: "Höchstens 50 Zeichen.",
  company: "Höchstens 200 Zeichen.",
  message: "Die Nachricht ist zu lang.",
  receivedAt: "Bitte einen Zeitpunkt angeben, der nicht in der Zukunft liegt.",
};

/** Parses the modal into the intake's input, or returns errors keyed by block_id (German, for the modal). */
export function parseRecordInquiry(
  state: unknown,
  now: Date,
): { ok: true; input: z.infer<typeof inquiryInput> } | { ok: false; errors: Record<string, string> } {
  const values = stateSchema.parse(state).values;
  const input = (f: Field) => values[RecordInquiryBlock[f]]?.[INPUT_ACTION];
  const text = (f: Field) => input(f)?.value ?? undefined;
  const picked = input("receivedAt")?.selected_date_time;
  const parsed = inquiryInput.safeParse({
    name: text("name") ?? "",
    email: (text("email") ?? "").trim(),
    phone: text("phone"),
    company: text("company"),
    message: text("message"),
    receivedAt: picked ? new Date(picked * 1000).toISOString() : undefined,
  });
  const errors: Record<string, string> = {};
  if (picked && picked * 1000 > now.getTime() + 60_000)
    errors[RecordInquiryBlock.receivedAt] = MESSAGES.receivedAt;
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as Field;
      // The schema's only custom check is the one for unstorable characters (its message is English).
      if (Object.hasOwn(RecordInquiryBlock, field))
        errors[RecordInquiryBlock[field]] = issue.code === "custom" ? UNSTORABLE_TEXT_DE : MESSAGES[field];
    }
  }
  if (!parsed.success || Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, input: parsed.data };
}

/** Submit of "Anfrage erfassen": the same intake as the API, with source manual and who recorded it. */
export function recordInquirySubmission(deps: Deps): Middleware<SlackViewMiddlewareArgs> {
  return async ({ ack, body, view }: SlackViewMiddlewareArgs & AllMiddlewareArgs) => {
    const result = parseRecordInquiry(view.state, deps.now());
    if (!result.ok) {
      await ack({ response_action: "errors", errors: result.errors });
      return;
    }
    try {
      // Stored before the ack (one quick transaction), so that a failure can still be shown in the modal.
      await deps.intake.receiveInquiry(result.input, { source: "manual", createdBy: body.user.id });
    } catch (err) {
      deps.log.error({ err, user: body.user.id }, "could not store a manually recorded inquiry");
      await ack({
        response_action: "errors",
        errors: { [RecordInquiryBlock.name]: "Speichern ist fehlgeschlagen. Bitte versuchen Sie es erneut." },
      });
      return;
    }
    await ack();
  };
}
