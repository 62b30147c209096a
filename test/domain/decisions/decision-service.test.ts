import { beforeAll, describe, expect, it } from "vitest";
import { customerInput } from "../../../domain/customers/customer.schema.ts";
import { insertCustomer } from "../../../domain/customers/customer-repository.ts";
import { assignRequest, type DecisionDeps } from "../../../domain/decisions/assign-request.ts";
import { declineInvitation } from "../../../domain/decisions/decline-invitation.ts";
import { jobs } from "../../../domain/outbox/jobs.ts";
import { dbKinds } from "../../support/db.ts";
import { seedInquiry, seedInvitation } from "../../support/fixtures.ts";
import { useTestDatabase } from "../../support/lifecycle.ts";

const REFRESH_MESSAGE_JOB = jobs.refreshMessage.kind;
const SEND_MAIL_JOB = jobs.sendMail.kind;

const TEMPLATE =
  "Betreff: Absage von {{agencyName}}\n\nGuten Tag {{name}},\n{{#personalMessage}}\n{{personalMessage}}\n{{/personalMessage}}\n{{signature}}";

describe.each(dbKinds())("decisions on %s", (kind) => {
  const t = useTestDatabase(kind);
  let deps: DecisionDeps & { mail: { template: string; agencyName: string; signature: string } };
  const at = new Date("2026-11-28T10:00:00Z");

  beforeAll(async () => {
    deps = {
      db: t.db.prisma,
      now: () => at,
      invitationsEnabled: true,
      mail: { template: TEMPLATE, agencyName: "Agentur Beispiel", signature: "Ihr Team" },
    };
  });

  const newCustomer = customerInput.parse({
    company: "Bäckerei Müller",
    firstName: "Hans",
    lastName: "Müller",
    email: "hans@baeckerei-mueller.de",
  });

  it("creates a customer from an inquiry and assigns it, with audit entries and a message refresh", async () => {
    const inquiry = await seedInquiry(t.db.prisma);
    const result = await assignRequest(deps, {
      kind: "inquiry",
      requestId: inquiry.id,
      actor: "U1",
      customer: { newCustomer },
    });
    expect(result).toMatchObject({
      status: "decided",
      decision: {
        outcome: "assigned",
        by: "U1",
        at,
        customer: { label: "Bäckerei Müller · Hans Müller", isNew: true },
      },
    });
    const row = await t.db.prisma.inquiry.findUniqueOrThrow({ where: { id: inquiry.id } });
    expect(row).toMatchObject({ status: "assigned", decidedBy: "U1", newCustomer: true });
    expect(result.status === "decided" && row.customerId === result.decision.customer?.id).toBe(true);
    const audit = await t.db.prisma.auditEntry.findMany({
      where: { customerId: row.customerId },
      orderBy: { id: "asc" },
    });
    expect(audit.map((a) => a.action)).toEqual(["customer.created", "inquiry.assigned"]);
    const jobs = await t.db.prisma.outboxJob.findMany({ where: { kind: REFRESH_MESSAGE_JOB } });
    expect(jobs.map((j) => j.payload)).toContainEqual({ kind: "inquiry", id: inquiry.id });
  });

  it("assigns an invitation to an existing customer (Kunde verbinden)", async () => {
    const existing = await insertCustomer(t.db.prisma, customerInput.parse({ company: "Schröder IT" }), "U0");
    const invitation = await seedInvitation(t.db.prisma);
    const result = await assignRequest(deps, {
      kind: "invitation",
      requestId: invitation.id,
      actor: "U2",
      customer: { existingCustomerId: existing.id },
    });
    expect(result).toMatchObject({
      status: "decided",
      decision: { outcome: "connected", customer: { id: existing.id, isNew: false } },
    });
    const row = await t.db.prisma.invitation.findUniqueOrThrow({ where: { id: invitation.id } });
    expect(row).toMatchObject({ status: "connected", customerId: existing.id, newCustomer: false });
  });

  it("tells a second decider who decided, and creates no second customer", async () => {
    const inquiry = await seedInquiry(t.db.prisma, { email: "second@example.com" });
    await assignRequest(deps, {
      kind: "inquiry",
      requestId: inquiry.id,
      actor: "U1",
      customer: { newCustomer },
    });
    const before = await t.db.prisma.customer.count();
    const second = await assignRequest(deps, {
      kind: "inquiry",
      requestId: inquiry.id,
      actor: "U9",
      customer: { newCustomer },
    });
    expect(second).toMatchObject({ status: "already_decided", decision: { by: "U1", outcome: "assigned" } });
    expect(await t.db.prisma.customer.count()).toBe(before);
  });

  it("lets exactly one of 20 simultaneous decisions win", async () => {
    const inquiry = await seedInquiry(t.db.prisma, { email: "race@example.com" });
    const before = await t.db.prisma.customer.count();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        assignRequest(deps, {
          kind: "inquiry",
          requestId: inquiry.id,
          actor: `U0ACTOR${i}`,
          customer: { newCustomer },
        }),
      ),
    );
    const winners = results.filter((r) => r.status === "decided");
    expect(winners).toHaveLength(1);
    const winner = winners[0]?.status === "decided" ? winners[0].decision.by : "";
    for (const r of results.filter((x) => x.status !== "decided")) {
      expect(r).toMatchObject({ status: "already_decided", decision: { by: winner } });
    }
    expect(await t.db.prisma.customer.count()).toBe(before + 1);
    expect(await t.db.prisma.auditEntry.count({ where: { entityId: inquiry.id } })).toBe(1);
  });

  it("is refused by the database when any code tries to re-assign a decided request", async () => {
    const inquiry = await seedInquiry(t.db.prisma, { email: "perm@example.com" });
    await assignRequest(deps, {
      kind: "inquiry",
      requestId: inquiry.id,
      actor: "U1",
      customer: { newCustomer },
    });
    const other = await insertCustomer(t.db.prisma, customerInput.parse({ company: "Andere GmbH" }), "U0");
    await expect(
      t.db.prisma.inquiry.update({ where: { id: inquiry.id }, data: { customerId: other.id } }),
    ).rejects.toThrow(/decision is permanent/);
    await expect(
      t.db.prisma.inquiry.update({ where: { id: inquiry.id }, data: { status: "open" } }),
    ).rejects.toThrow(/decision is permanent/);
  });

  it("declines an invitation, queues exactly one e-mail, and refuses a later connect", async () => {
    const invitation = await seedInvitation(t.db.prisma, { name: "Eva Schröder", email: "eva@example.com" });
    const result = await declineInvitation(deps, {
      invitationId: invitation.id,
      actor: "U3",
      personalMessage: "Viel Erfolg!",
    });
    expect(result).toMatchObject({ status: "decided", decision: { outcome: "declined", by: "U3" } });
    const again = await declineInvitation(deps, { invitationId: invitation.id, actor: "U4" });
    expect(again).toMatchObject({ status: "already_decided", decision: { by: "U3", outcome: "declined" } });
    const connect = await assignRequest(deps, {
      kind: "invitation",
      requestId: invitation.id,
      actor: "U5",
      customer: { newCustomer },
    });
    expect(connect).toMatchObject({ status: "already_decided", decision: { by: "U3" } });
    const mails = await t.db.prisma.outboxJob.findMany({
      where: { kind: SEND_MAIL_JOB, dedupeKey: `decline-mail:${invitation.id}` },
    });
    expect(mails).toHaveLength(1);
    expect(mails[0]?.payload).toMatchObject({
      to: { name: "Eva Schröder", address: "eva@example.com" },
      subject: "Absage von Agentur Beispiel",
      invitationId: invitation.id,
    });
    expect(JSON.stringify(mails[0]?.payload)).toContain("Viel Erfolg!");
    const row = await t.db.prisma.invitation.findUniqueOrThrow({ where: { id: invitation.id } });
    expect(row).toMatchObject({
      status: "declined",
      declineMessage: "Viel Erfolg!",
      declineMailStatus: "queued",
      customerId: null,
    });
  });

  it("mixes 20 simultaneous connects and declines: one wins, at most one e-mail", async () => {
    const invitation = await seedInvitation(t.db.prisma, { email: "mixed@example.com" });
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        i % 2
          ? declineInvitation(deps, { invitationId: invitation.id, actor: `U0ACTOR${i}` })
          : assignRequest(deps, {
              kind: "invitation",
              requestId: invitation.id,
              actor: `U0ACTOR${i}`,
              customer: { newCustomer },
            }),
      ),
    );
    expect(results.filter((r) => r.status === "decided")).toHaveLength(1);
    expect(results.filter((r) => r.status === "already_decided")).toHaveLength(19);
    const mails = await t.db.prisma.outboxJob.count({
      where: { kind: SEND_MAIL_JOB, dedupeKey: `decline-mail:${invitation.id}` },
    });
    expect(mails).toBeLessThanOrEqual(1);
  });

  it("knows no invitations in the ISV partner program, and no such request", async () => {
    const invitation = await seedInvitation(t.db.prisma);
    const isv = { ...deps, invitationsEnabled: false };
    expect(await declineInvitation(isv, { invitationId: invitation.id, actor: "U1" })).toEqual({
      status: "not_available",
    });
    expect(
      await assignRequest(isv, {
        kind: "invitation",
        requestId: invitation.id,
        actor: "U1",
        customer: { newCustomer },
      }),
    ).toEqual({ status: "not_available" });
    expect(
      await assignRequest(deps, {
        kind: "inquiry",
        requestId: "00000000-0000-4000-8000-000000000000",
        actor: "U1",
        customer: { newCustomer },
      }),
    ).toEqual({ status: "not_found" });
  });
});
