import { describe, expect, it } from "vitest";
import { jobs } from "../../../domain/outbox/jobs.ts";
import {
  eraseThreadMessages,
  findThreadMessages,
  recordThreadMessage,
} from "../../../domain/requests/thread-message-repository.ts";
import { dbKinds } from "../../support/db.ts";
import { seedInquiry } from "../../support/fixtures.ts";
import { useTestDatabase } from "../../support/lifecycle.ts";

const AT = new Date("2026-12-01T10:00:00Z");

describe.each(dbKinds())("thread replies of a request (%s)", (kind) => {
  const t = useTestDatabase(kind);
  const prisma = () => t.db.prisma;
  const overwrites = (ts: string) =>
    prisma().outboxJob.count({
      where: { kind: jobs.eraseThreadMessage.kind, payload: { path: ["ts"], equals: ts } },
    });

  it("records a reply once per ts, and the erasure queues its overwrite once, however often it runs", async () => {
    const inquiry = await seedInquiry(prisma(), { slackTs: "1700000001.000001" });
    const request = { kind: "inquiry" as const, id: inquiry.id };
    for (let i = 0; i < 2; i++)
      await recordThreadMessage(prisma(), { request, kind: "note", channel: "CTEAM0001", ts: "1.1", at: AT });
    expect(await findThreadMessages(prisma(), { inquiries: [inquiry.id], invitations: [] })).toHaveLength(1);
    expect(await eraseThreadMessages(prisma(), [request], AT)).toBe(1);
    expect(await eraseThreadMessages(prisma(), [request], AT)).toBe(0);
    expect(await overwrites("1.1")).toBe(1);
    // Overwritten replies are no longer the person's data: the Auskunft does not list them.
    expect(await findThreadMessages(prisma(), { inquiries: [inquiry.id], invitations: [] })).toEqual([]);
  });

  it("a reply posted after its request was erased is overwritten at once; another request's is not", async () => {
    const erased = await seedInquiry(prisma(), { slackTs: "1700000002.000001" });
    await prisma().inquiry.update({ where: { id: erased.id }, data: { erasedAt: AT } });
    const other = await seedInquiry(prisma(), { slackTs: "1700000003.000001" });
    await recordThreadMessage(prisma(), {
      request: { kind: "inquiry", id: erased.id },
      kind: "reminder",
      channel: "CTEAM0001",
      ts: "2.1",
      at: AT,
    });
    await recordThreadMessage(prisma(), {
      request: { kind: "inquiry", id: other.id },
      kind: "reminder",
      channel: "CTEAM0001",
      ts: "3.1",
      at: AT,
    });
    expect(await overwrites("2.1")).toBe(1);
    expect(await overwrites("3.1")).toBe(0);
  });
});
