import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { customerInput } from "../../../domain/customers/customer.schema.ts";
import { insertCustomer } from "../../../domain/customers/customer-repository.ts";
import {
  findRequestForDecision,
  findRequestWithMatch,
} from "../../../domain/decisions/request-repository.ts";
import { dbKinds } from "../../support/db.ts";
import { seedInquiry, seedInvitation } from "../../support/fixtures.ts";
import { useTestDatabase } from "../../support/lifecycle.ts";

// The request read of every decision is one raw statement (issue 15): it must answer what Prisma's
// model query answered, typed the same (dates as Date, enums as strings, arrays as arrays).
describe.each(dbKinds())("the request read of a decision on %s", (kind) => {
  const t = useTestDatabase(kind);

  const customer = (email: string, company: string) =>
    insertCustomer(t.db.prisma, customerInput.parse({ company, email }), "U0ACTOR01");

  it("reads an undecided inquiry with every field the decision and its message need", async () => {
    const seeded = await seedInquiry(t.db.prisma, {
      slackChannel: "C0TEAM001",
      slackTs: "1700000000.000100",
    });
    const row = await t.db.prisma.inquiry.findUniqueOrThrow({ where: { id: seeded.id } });
    const request = await findRequestForDecision(t.db.prisma, "inquiry", seeded.id);
    expect(request).toEqual({
      kind: "inquiry",
      id: seeded.id,
      name: row.name,
      email: row.email,
      phone: "+49 30 1234567",
      company: "Bäckerei Müller",
      message: "Wir brauchen eine neue Website.",
      customerNumber: null,
      accessLevel: null,
      source: "api",
      subject: null,
      attachments: [],
      receivedAt: new Date("2026-11-20T09:00:00Z"),
      status: "open",
      decidedBy: null,
      decidedAt: null,
      newCustomer: null,
      slackChannel: "C0TEAM001",
      slackTs: "1700000000.000100",
      takenBy: null,
      takenAt: null,
      answeredBy: null,
      answeredAt: null,
      repliedAt: null,
      phase: "new",
      followUpDueAt: null,
      erasedAt: null,
      customer: null,
    });
    expect(request?.receivedAt).toBeInstanceOf(Date);
  });

  it("reads a decided invitation with its customer", async () => {
    const seeded = await seedInvitation(t.db.prisma, { accessLevel: "partial" });
    const c = await customer("eva@schroeder-it.de", "Schröder IT");
    const decidedAt = new Date("2026-11-30T12:00:00.123Z");
    await t.db.prisma.invitation.update({
      where: { id: seeded.id },
      data: { status: "connected", customerId: c.id, decidedBy: "U0ACTOR01", decidedAt, newCustomer: false },
    });
    const request = await findRequestForDecision(t.db.prisma, "invitation", seeded.id);
    expect(request).toMatchObject({
      kind: "invitation",
      phone: null,
      accessLevel: "partial",
      customerNumber: "K-123456",
      status: "connected",
      decidedBy: "U0ACTOR01",
      decidedAt,
      newCustomer: false,
      customer: { id: c.id, company: "Schröder IT", email: "eva@schroeder-it.de", erasedAt: null },
    });
  });

  it("answers null for an unknown id, an id that is no UUID, and the other kind's id", async () => {
    const inquiry = await seedInquiry(t.db.prisma);
    expect(await findRequestForDecision(t.db.prisma, "inquiry", randomUUID())).toBeNull();
    expect(await findRequestForDecision(t.db.prisma, "inquiry", "not-a-uuid'; DROP TABLE x; --")).toBeNull();
    expect(await findRequestForDecision(t.db.prisma, "invitation", inquiry.id)).toBeNull();
    expect(await findRequestWithMatch(t.db.prisma, "inquiry", "")).toBeNull();
  });

  it("finds the newest customer with the request's address, in any case, and no other", async () => {
    const address = `Lea_${randomUUID().slice(0, 8)}@Example.com`;
    const inquiry = await seedInquiry(t.db.prisma, { email: ` ${address} ` });
    expect((await findRequestWithMatch(t.db.prisma, "inquiry", inquiry.id))?.match).toBeUndefined();

    // `_` is no wildcard: an address that differs there is someone else.
    await customer(address.replace("_", "x").toLowerCase(), "Andere GmbH");
    expect((await findRequestWithMatch(t.db.prisma, "inquiry", inquiry.id))?.match).toBeUndefined();

    await customer(address.toLowerCase(), "Erste GmbH");
    const newest = await customer(address.toUpperCase(), "Neueste GmbH");
    const found = await findRequestWithMatch(t.db.prisma, "inquiry", inquiry.id);
    expect(found?.request.id).toBe(inquiry.id);
    expect(found?.match).toEqual({
      id: newest.id,
      company: "Neueste GmbH",
      firstName: null,
      lastName: null,
      email: address.toUpperCase(),
    });
  });
});
