import type { CustomerInput } from "./customer.schema.ts";

/** Splits "Dr. Hans Peter Müller" into first names and the last name. */
export function splitName(name: string): { firstName: string | null; lastName: string | null } {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  if (parts.length === 0) return { firstName: null, lastName: null };
  if (parts.length === 1) return { firstName: null, lastName: parts[0] ?? null };
  return { firstName: parts.slice(0, -1).join(" "), lastName: parts.at(-1) ?? null };
}

/** The fields of a new customer, prefilled from an inquiry's or invitation's contact data. */
export function customerDraftFromRequest(r: {
  name: string;
  email: string;
  phone?: string | null;
  company?: string | null;
  customerNumber?: string | null;
}): CustomerInput {
  return {
    company: r.company ?? null,
    ...splitName(r.name),
    email: r.email,
    phone: r.phone ?? null,
    notes: r.customerNumber ? `IONOS Kundennummer: ${r.customerNumber}` : null,
  };
}
