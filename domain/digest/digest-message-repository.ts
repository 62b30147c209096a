import { z } from "zod";
import type { Prisma } from "../../prisma/generated/client.ts";
import type { Db } from "../db.ts";
import { enqueue, jobs } from "../outbox/jobs.ts";
import { slackLane } from "../outbox/outbox-repository.ts";
import type { Digest, DigestEntry } from "./digest.ts";

/**
 * Every digest the bot posts is recorded with the requests it names and what it showed without
 * their names (counts, ages, who took each, links), and, once posted, with its channel and ts. An
 * erasure of one of those requests' person re-renders the posted digest (`jobs.refreshDigest`,
 * bot/outbox/digest-jobs.ts): the names are read from the requests again, and an erased one shows
 * "Personenbezogene Daten gelöscht". Nothing about a person is stored here but ids.
 */

const entryFacts = z.object({
  id: z.string(),
  accessLevel: z.enum(["full", "partial"]).optional(),
  receivedAt: z.coerce.date(),
  ageDays: z.number(),
  overdue: z.boolean(),
  message: z.object({ channel: z.string(), ts: z.string() }).optional(),
  takenBy: z.string().optional(),
});

const factsSchema = z.object({
  subject: z.enum(["invitations", "inquiries"]),
  pendingInvitations: z.number().optional(),
  openInquiries: z.number(),
  overdue: z.number(),
  overdueDays: z.number(),
  more: z.number(),
  entries: z.array(entryFacts),
  workspaceUrl: z.string().optional(),
});

export type DigestFacts = z.output<typeof factsSchema>;

/** The digest without names: what is stored. */
export function factsOf(digest: Digest, workspaceUrl: string | undefined): DigestFacts {
  return {
    ...digest,
    entries: digest.entries.map(({ name: _, ...e }) => e),
    ...(workspaceUrl ? { workspaceUrl } : {}),
  };
}

export async function createDigestMessage(
  db: Db,
  input: { id: string; digest: Digest; workspaceUrl?: string },
) {
  await db.digestMessage.create({
    data: {
      id: input.id,
      requestIds: input.digest.entries.map((e) => e.id),
      facts: factsOf(input.digest, input.workspaceUrl) as unknown as Prisma.InputJsonValue,
    },
    select: { id: true },
  });
}

/** The digest's outbox job was a duplicate: its record goes too. */
export async function deleteDigestMessage(db: Db, id: string) {
  await db.digestMessage.deleteMany({ where: { id } });
}

/** The digest is out: where it was posted. */
export async function recordDigestPosted(db: Db, id: string, channel: string, ts: string) {
  await db.digestMessage.updateMany({ where: { id }, data: { channel, ts } });
}

/** Posted digests that name any of these requests. */
export async function findPostedDigestsNaming(db: Db, requestIds: string[]) {
  if (requestIds.length === 0) return [];
  return db.digestMessage.findMany({
    where: { requestIds: { hasSome: requestIds }, ts: { not: null } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, channel: true, ts: true, createdAt: true },
  });
}

/** Queues the re-rendering of a posted digest (in the caller's transaction). */
export async function enqueueRefreshDigest(db: Db, id: string, channel: string | null) {
  await enqueue(db, jobs.refreshDigest, { id }, { lane: slackLane(channel ?? "unposted") });
}

/**
 * The digest is out: its channel and ts are stored, and when a request it names was erased while
 * it waited in the outbox (the erasure did not see it yet), it is re-rendered at once.
 */
export async function recordDigestPostedAndRefresh(db: Db, id: string, channel: string, ts: string) {
  await recordDigestPosted(db, id, channel, ts);
  if (await namesErasedRequest(db, id)) await enqueueRefreshDigest(db, id, channel);
}

/** Digests naming any of these requests that still wait in the outbox (their job carries the names). */
export async function findUnpostedDigestsNaming(db: Db, requestIds: string[]): Promise<string[]> {
  if (requestIds.length === 0) return [];
  const rows = await db.digestMessage.findMany({
    where: { requestIds: { hasSome: requestIds }, ts: null },
    select: { id: true },
  });
  return rows.map((r) => r.id);
}

/**
 * What a queued digest says instead of its names after an erasure: it is posted like this, and
 * re-rendered from its record as soon as it is out (recordDigestPostedAndRefresh).
 */
export const DIGEST_PLACEHOLDER_TEXT = "Übersicht wird aktualisiert …";

/** Whether a request the digest names was erased (its post raced an erasure). */
async function namesErasedRequest(db: Db, id: string): Promise<boolean> {
  const row = await db.digestMessage.findUnique({ where: { id }, select: { requestIds: true } });
  if (!row || row.requestIds.length === 0) return false;
  const where = { id: { in: row.requestIds }, erasedAt: { not: null } };
  const [inq, inv] = await Promise.all([db.inquiry.count({ where }), db.invitation.count({ where })]);
  return inq + inv > 0;
}

/**
 * A posted digest as it is to be shown now: its stored facts with the names read again; an erased
 * (or deleted) request's name is `erasedName`. Undefined when it was never posted or is unknown.
 */
export async function loadPostedDigest(
  db: Db,
  id: string,
  erasedName: string,
): Promise<{ channel: string; ts: string; digest: Digest; workspaceUrl?: string } | undefined> {
  const row = await db.digestMessage.findUnique({
    where: { id },
    select: { channel: true, ts: true, facts: true },
  });
  if (!row?.channel || !row.ts) return undefined;
  const { workspaceUrl, ...facts } = factsSchema.parse(row.facts);
  const ids = facts.entries.map((e) => e.id);
  const select = { id: true, name: true, erasedAt: true } as const;
  const rows =
    facts.subject === "invitations"
      ? await db.invitation.findMany({ where: { id: { in: ids } }, select })
      : await db.inquiry.findMany({ where: { id: { in: ids } }, select });
  const names = new Map(rows.filter((r) => r.erasedAt === null).map((r) => [r.id, r.name]));
  const entries: DigestEntry[] = facts.entries.map((e) => ({ ...e, name: names.get(e.id) ?? erasedName }));
  return {
    channel: row.channel,
    ts: row.ts,
    digest: { ...facts, entries },
    ...(workspaceUrl ? { workspaceUrl } : {}),
  };
}
