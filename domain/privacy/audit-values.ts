import type { Prisma } from "../../prisma/generated/client.ts";

/**
 * Values an audit entry keeps because the decision is about them (state, pipeline phase, holder,
 * which customer, whether it was new, which request it came from). Everything else is what someone typed about a person or
 * a record: the entry keeps only its field name (DSGVO Art. 5(1)(c), data minimisation).
 */
const DECISION_KEYS = new Set([
  "status",
  "phase",
  /** A team member's Slack id (who holds a request; Zuweisen audits who assigned whom). */
  "takenBy",
  "customerId",
  "newCustomer",
  "fromRequest",
  "done",
  "fields",
]);

/** `{status: "x", email: "a@b", phone: null}` → `{status: "x", fields: ["email"]}`. Idempotent. */
export function minimiseAuditValues(value: unknown): Prisma.InputJsonObject | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== "object" || Array.isArray(value)) return { fields: ["value"] };
  const kept: Record<string, Prisma.InputJsonValue> = {};
  const fields: string[] = [];
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (v === undefined || v === null) continue;
    if (key === "fields" && Array.isArray(v)) fields.push(...v.map(String));
    else if (DECISION_KEYS.has(key)) kept[key] = v as Prisma.InputJsonValue;
    else fields.push(key);
  }
  return fields.length > 0 ? { ...kept, fields: [...new Set(fields)] } : kept;
}
