/** The label of a customer whose personal data was erased; its contracts, domains and tasks stay. */
export const ERASED_CUSTOMER_LABEL = "Gelöschter Kunde";

/**
 * How a customer is named in messages and options. A leaf without imports: the decision (domain)
 * and the builders (blocks) both name customers, and blocks may take nothing else from domain/.
 */
export function customerLabel(c: {
  company: string | null;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  /** Set when the person's data was erased (domain/privacy). */
  erasedAt?: Date | null;
}): string {
  if (c.erasedAt) return ERASED_CUSTOMER_LABEL;
  const name = [c.firstName, c.lastName].filter(Boolean).join(" ");
  return [c.company, name].filter(Boolean).join(" · ") || c.email || "Kunde ohne Namen";
}
