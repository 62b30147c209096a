import { INGEST_TOKEN } from "./app.ts";

/** Sends a JSON body to the intake API as an integrator would. */
export async function postIntake(
  baseUrl: string,
  kind: "inquiries" | "invitations",
  body: unknown,
  opts: { token?: string | null; contentType?: string; raw?: string } = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const headers: Record<string, string> = { "content-type": opts.contentType ?? "application/json" };
  const token = opts.token === undefined ? INGEST_TOKEN : opts.token;
  if (token !== null) headers.authorization = `Bearer ${token}`;
  const res = await fetch(`${baseUrl}/api/v1/${kind}`, {
    method: "POST",
    headers,
    body: opts.raw ?? JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

let counter = 0;
/** A valid inquiry body with a unique externalId. */
export const inquiryBody = (extra: Record<string, unknown> = {}) => ({
  externalId: `ext-${process.pid}-${Date.now()}-${++counter}`,
  name: "Eva Schäfer",
  email: "eva@example.com",
  company: "Schäfer & Söhne",
  message: "Wir brauchen eine neue Website.",
  ...extra,
});

export const invitationBody = (extra: Record<string, unknown> = {}) => ({
  externalId: `inv-${process.pid}-${Date.now()}-${++counter}`,
  name: "Jörg Müller",
  email: "joerg@example.com",
  customerNumber: "123456789",
  accessLevel: "full",
  ...extra,
});
