import { describe, expect, it } from "vitest";
import { customerInput } from "../../../domain/customers/customer.schema.ts";
import { loadCustomerCard, searchCustomers } from "../../../domain/customers/customer-repository.ts";
import { createCustomer, editCustomer, emailDuplicates } from "../../../domain/customers/customer-service.ts";
import { domainInput, normalizeDomainName } from "../../../domain/domains/domain.schema.ts";
import { assignDomain } from "../../../domain/domains/domain-service.ts";
import { countWaiting, listOpenInquiries } from "../../../domain/requests/pending-request-repository.ts";
import { taskInput } from "../../../domain/tasks/task.schema.ts";
import { createTask, setTaskDone } from "../../../domain/tasks/task-service.ts";
import { dbKinds } from "../../support/db.ts";
import { useTestDatabase } from "../../support/lifecycle.ts";

describe("domain names", () => {
  it("are normalized to the bare lower-case name and validated", () => {
    expect(normalizeDomainName(" https://www.Müller.DE/kontakt?x=1 ")).toBe("www.müller.de");
    expect(domainInput.safeParse({ name: "beispiel" }).success).toBe(false);
    expect(domainInput.safeParse({ name: "-x.de" }).success).toBe(false);
    expect(domainInput.parse({ name: "Shop.Example.co.uk." }).name).toBe("shop.example.co.uk");
  });
});

describe.each(dbKinds())("customer services on %s", (kind) => {
  const t = useTestDatabase(kind);

  it("edits a customer: search text follows, audit names the changed fields without their values", async () => {
    const a = await createCustomer(
      t.db.prisma,
      customerInput.parse({ company: "Alt GmbH", email: "a@alt.de" }),
      "U1",
    );
    expect(
      await editCustomer(t.db.prisma, a.id, customerInput.parse({ company: "Neu Köln GmbH" }), "U2"),
    ).toEqual({ status: "updated" });
    expect((await searchCustomers(t.db.prisma, "koeln")).items.map((c) => c.id)).toEqual([a.id]);
    expect((await searchCustomers(t.db.prisma, "alt gmbh")).total).toBe(0);
    const audit = await t.db.prisma.auditEntry.findFirstOrThrow({
      where: { customerId: a.id, action: "customer.updated" },
      select: { actor: true, before: true, after: true },
    });
    expect(audit).toEqual({
      actor: "U2",
      before: { fields: ["company"] },
      after: { fields: ["company"] },
    });
  });

  it("flags duplicate e-mails of other customers, not a customer's own", async () => {
    const b = await createCustomer(
      t.db.prisma,
      customerInput.parse({ company: "B", email: "dup@b.de" }),
      "U1",
    );
    expect((await emailDuplicates(t.db.prisma, "DUP@b.de")).map((c) => c.id)).toEqual([b.id]);
    expect(await emailDuplicates(t.db.prisma, "dup@b.de", b.id)).toEqual([]);
    expect(await emailDuplicates(t.db.prisma, null)).toEqual([]);
  });

  it("assigns a domain once: a second customer is told who has it", async () => {
    const x = await createCustomer(t.db.prisma, customerInput.parse({ company: "X" }), "U1");
    const y = await createCustomer(t.db.prisma, customerInput.parse({ company: "Y" }), "U1");
    const name = domainInput.parse({ name: "X-Shop.de" });
    expect((await assignDomain(t.db.prisma, x.id, name, "U1")).status).toBe("assigned");
    expect(await assignDomain(t.db.prisma, y.id, name, "U1")).toEqual({ status: "taken", customerId: x.id });
    expect((await searchCustomers(t.db.prisma, "x-shop")).items.map((c) => c.id)).toEqual([x.id]);
  });

  it("marks a task done once, however often it is clicked", async () => {
    const c = await createCustomer(t.db.prisma, customerInput.parse({ company: "Task AG" }), "U1");
    const task = await createTask(
      t.db.prisma,
      c.id,
      taskInput.parse({ title: "Relaunch", dueOn: "2026-03-01" }),
      "U1",
    );
    if (task.status !== "created") throw new Error("not created");
    const now = new Date();
    expect((await setTaskDone(t.db.prisma, task.taskId, true, "U1", now)).status).toBe("changed");
    expect((await setTaskDone(t.db.prisma, task.taskId, true, "U1", now)).status).toBe("unchanged");
    const card = await loadCustomerCard(t.db.prisma, c.id);
    expect(card?.tasks).toMatchObject({ total: 1, open: 0 });
    expect(card?.audit.map((a) => a.action)).toEqual(["task.done", "task.created", "customer.created"]);
  });

  it("counts and lists waiting requests, oldest first", async () => {
    const t0 = Date.parse("2026-01-01T00:00:00Z");
    await t.db.prisma.inquiry.createMany({
      data: [3, 1, 2].map((h) => ({
        name: `I${h}`,
        email: "i@x.de",
        receivedAt: new Date(t0 + h * 3_600_000),
      })),
    });
    const counts = await countWaiting(t.db.prisma, { invitations: false });
    expect(counts).toEqual({
      openInquiries: 3,
      oldestInquiryAt: new Date(t0 + 3_600_000),
      pendingInvitations: null,
      oldestInvitationAt: null,
    });
    expect((await listOpenInquiries(t.db.prisma, { limit: 2, offset: 1 })).map((q) => q.name)).toEqual([
      "I2",
      "I3",
    ]);
  });
});
