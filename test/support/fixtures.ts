import { randomUUID } from "node:crypto";
import type { NewInquiry, NewInvitation } from "../../domain/intake/intake-repository.ts";
import type { PrismaClient } from "../../prisma/generated/client.ts";

/** Where a request's channel message is; seeded requests have one unless told otherwise. */
type Posted = { slackChannel: string | null; slackTs: string | null };

/** Typed factories for rows the tests need; every field can be overridden. */
export async function seedInquiry(
  prisma: PrismaClient,
  over: Partial<Omit<NewInquiry, "source" | "createdBy"> & Posted> = {},
) {
  return prisma.inquiry.create({
    data: {
      externalId: over.externalId ?? `ext-${randomUUID()}`,
      name: over.name ?? "Hans Müller",
      email: over.email ?? "hans@baeckerei-mueller.de",
      phone: over.phone === undefined ? "+49 30 1234567" : over.phone,
      company: over.company === undefined ? "Bäckerei Müller" : over.company,
      message: over.message === undefined ? "Wir brauchen eine neue Website." : over.message,
      receivedAt: over.receivedAt ?? new Date("2026-11-20T09:00:00Z"),
      slackChannel: over.slackChannel === undefined ? "CTEAM0001" : over.slackChannel,
      slackTs: over.slackTs === undefined ? "1700000000.000100" : over.slackTs,
    },
    select: { id: true, name: true, email: true, slackChannel: true, slackTs: true },
  });
}

export async function seedInvitation(
  prisma: PrismaClient,
  over: Partial<Omit<NewInvitation, "externalId"> & Posted> = {},
) {
  return prisma.invitation.create({
    data: {
      externalId: `ext-${randomUUID()}`,
      name: over.name ?? "Eva Schröder",
      email: over.email ?? "eva@schroeder-it.de",
      company: over.company === undefined ? "Schröder IT" : over.company,
      customerNumber: over.customerNumber === undefined ? "K-123456" : over.customerNumber,
      accessLevel: over.accessLevel ?? "full",
      message: over.message ?? null,
      receivedAt: over.receivedAt ?? new Date("2026-11-21T10:00:00Z"),
      slackChannel: over.slackChannel === undefined ? "CTEAM0001" : over.slackChannel,
      slackTs: over.slackTs === undefined ? "1700000000.000200" : over.slackTs,
    },
    select: { id: true, name: true, email: true, slackChannel: true, slackTs: true },
  });
}
