import type { InquiryInput } from "../domain/inquiries/inquiry.schema.ts";
import type { InvitationInput } from "../domain/invitations/invitation.schema.ts";

/** The sandbox's workspace: three team members in #kundenteam and one person outside it. */
export const SANDBOX_TEAM_CHANNEL = { id: "CKUNDENTEAM", name: "kundenteam" };
export const SANDBOX_TZ = "Europe/Berlin";

export const SANDBOX_PEOPLE = [
  { id: "U0ANNA0001", realName: "Anna Acker", member: true },
  { id: "U0BEN00001", realName: "Ben Berger", member: true },
  { id: "U0CARLA001", realName: "Carla Conrad", member: true },
  { id: "U0OLAF0001", realName: "Olaf Außenstehend", member: false },
] as const;

export const DEFAULT_PERSON = SANDBOX_PEOPLE[0].id;

export const isSandboxPerson = (id: string) => SANDBOX_PEOPLE.some((p) => p.id === id);

const inquiries: Omit<InquiryInput, "externalId" | "receivedAt">[] = [
  {
    name: "Eva Schäfer",
    email: "eva.schaefer@example.com",
    phone: "+49 30 1234567",
    company: "Bäckerei Schäfer & Söhne",
    message:
      "Guten Tag,\nwir möchten unsere Website erneuern und einen Online-Shop für Vorbestellungen anbieten. Können Sie uns ein Angebot machen?\nViele Grüße\nEva Schäfer",
  },
  {
    name: "Jörg Müller",
    email: "j.mueller@example.org",
    company: "Müller Haustechnik GmbH",
    message: "Unsere Domain müller-haustechnik.de läuft bald aus. Übernehmen Sie auch Hosting und E-Mail?",
  },
  {
    name: "Sabine Özdemir",
    email: "sabine@oezdemir-kanzlei.example",
    phone: "0221 987654",
    company: "Kanzlei Özdemir",
    message:
      "Wir brauchen eine barrierefreie Website für unsere Kanzlei. Wann hätten Sie Zeit für ein Gespräch?",
  },
];

const invitations: Omit<InvitationInput, "externalId" | "receivedAt">[] = [
  {
    name: "Klaus Weber",
    email: "klaus.weber@example.net",
    company: "Weber Fahrräder",
    customerNumber: "100234567",
    accessLevel: "full",
    message: "Bitte kümmern Sie sich um unseren Vertrag und die Domains.",
  },
  {
    name: "Lena Fischer",
    email: "lena@fischer-design.example",
    company: "Fischer Design",
    customerNumber: "100765432",
    accessLevel: "partial",
  },
];

/** The n-th sample inquiry (they repeat), with an externalId of its own. */
export function sampleInquiry(n: number, unique: string): InquiryInput {
  return { ...(inquiries[n % inquiries.length] as InquiryInput), externalId: `sandbox-inquiry-${unique}` };
}

export function sampleInvitation(n: number, unique: string): InvitationInput {
  return {
    ...(invitations[n % invitations.length] as InvitationInput),
    externalId: `sandbox-invitation-${unique}`,
  };
}
