/**
 * How a customer is named in messages and options. A leaf without imports: the decision (domain)
 * and the builders (blocks) both name customers, and blocks may take nothing else from domain/.
 */
export function customerLabel(c: {
  company: string | null;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
}): string {
  const name = [c.firstName, c.lastName].filter(Boolean).join(" ");
  return [c.company, name].filter(Boolean).join(" · ") || c.email || "Kunde ohne Namen";
}
