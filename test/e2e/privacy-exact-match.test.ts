import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { dbKinds } from "../support/db.ts";
import { inquiryBody, invitationBody, postIntake } from "../support/intake.ts";
import { useTestApp } from "../support/lifecycle.ts";
import { until } from "./support.ts";

/**
 * An erasure (and an Auskunft) touches exactly one person: queued work and stored mails are matched
 * by the whole address, never by a part of a longer address or by a display name.
 */
describe.each(dbKinds())("erasure matches one person exactly (%s)", (kind) => {
  const t = useTestApp({ kind });
  const prisma = () => t.app.deps.prisma;
  afterEach(() => t.standin.clearFaults());
  const idle = () =>
    until(
      async () => (await prisma().outboxJob.count({ where: { status: "pending" } })) === 0,
      20_000,
      "the outbox to be idle",
    );

  it("erasing a@example.com keeps the queued post of lisa@example.com, and her data out of the Auskunft", async () => {
    await postIntake(t.app.baseUrl, "inquiries", inquiryBody({ name: "Axel A", email: "a@example.com" }));
    await idle();
    // Slack is down: Lisa's post waits in the outbox.
    t.standin.fault("chat.postMessage", { kind: "error", error: "service_unavailable" });
    const lisa = await postIntake(
      t.app.baseUrl,
      "inquiries",
      inquiryBody({ name: "Lisa Lang", email: "lisa@example.com", message: "Bitte um Rückruf, Lisa" }),
    );
    const lisaId = String(lisa.body.id);
    await until(
      async () => (await prisma().outboxJob.count({ where: { status: "pending", attempts: { gt: 0 } } })) > 0,
      10_000,
      "Lisa's post to fail once",
    );

    const doc = JSON.stringify(await t.app.deps.privacy.exportFor("a@example.com"));
    expect(doc).toContain("Axel A");
    expect(doc).not.toContain("Lisa");
    expect(doc).not.toContain(lisaId);

    expect(await t.app.deps.privacy.erase("a@example.com", "U0MEMBER01")).toMatchObject({ status: "erased" });
    const queued = await prisma().outboxJob.findMany({
      where: { status: "pending" },
      select: { payload: true },
    });
    expect(queued.some((j) => (j.payload as { link?: { id?: string } }).link?.id === lisaId)).toBe(true);

    t.standin.clearFaults();
    await until(
      async () =>
        !!(await prisma().inquiry.findUniqueOrThrow({ where: { id: lisaId }, select: { slackTs: true } }))
          .slackTs,
      20_000,
      "Lisa's inquiry to be posted",
    );
    expect(
      await prisma().inquiry.findUniqueOrThrow({
        where: { id: lisaId },
        select: { name: true, email: true },
      }),
    ).toEqual({ name: "Lisa Lang", email: "lisa@example.com" });
  });

  it("a mail to someone whose display name shows another address is not that address's mail", async () => {
    const inv = await postIntake(
      t.app.baseUrl,
      "invitations",
      invitationBody({ name: "Eve <ceo@victim.example>", email: "eve@evil.example" }),
    );
    await idle();
    await t.app.deps.decisions.declineInvitation({
      invitationId: String(inv.body.id),
      actor: "U0MEMBER01",
      personalMessage: null,
    });
    await idle();
    const dir = path.join(t.app.deps.config.dataDir, "mail");
    const files = (await readdir(dir)).filter((f) => f.endsWith(".eml"));
    expect(files).toHaveLength(1);
    const eml = await readFile(path.join(dir, files[0] as string), "utf8");
    expect(eml).toContain("ceo@victim.example");

    const victim = await t.app.deps.privacy.find("ceo@victim.example");
    expect(victim.data.mails).toEqual([]);
    expect(victim.empty).toBe(true);
    expect(await t.app.deps.privacy.erase("ceo@victim.example", "U0MEMBER01")).toEqual({
      status: "nothing_stored",
    });
    expect(await readdir(dir)).toContain(files[0]);
    // Her own address finds the mail, and its erasure removes it.
    expect((await t.app.deps.privacy.find("EVE@evil.example")).data.mails).toHaveLength(1);
    expect(await t.app.deps.privacy.erase("eve@evil.example", "U0MEMBER01")).toMatchObject({
      status: "erased",
    });
    expect((await readdir(dir)).filter((f) => f.endsWith(".eml"))).toEqual([]);
  });
});
