import { describe, expect, it } from "vitest";
import type { PrismaClient } from "../../../prisma/generated/client.ts";
import { TEAM_CHANNEL } from "../../support/app.ts";
import { dbKinds } from "../../support/db.ts";
import { nthView } from "../../support/interactions.ts";
import { useTestApp } from "../../support/lifecycle.ts";
import { type AppProcess, freePort, startAppProcess } from "../../support/process.ts";

const DAY_MS = 24 * 3600_000;

async function declinedInvitation(prisma: PrismaClient, name: string, email: string, decidedAt: Date) {
  return prisma.invitation.create({
    data: {
      name,
      email,
      accessLevel: "full",
      message: `Viele Grüße, ${name}`,
      receivedAt: new Date(decidedAt.getTime() - DAY_MS),
      status: "declined",
      decidedBy: "U0MEMBER01",
      decidedAt,
      declineMessage: `Liebe/r ${name}, leider nicht.`,
    },
    select: { id: true },
  });
}

const invitation = (prisma: PrismaClient, id: string) =>
  prisma.invitation.findUniqueOrThrow({
    where: { id },
    select: { name: true, email: true, message: true, declineMessage: true, erasedAt: true, status: true },
  });

describe.each(dbKinds())("the retention job (%s)", (kind) => {
  const clock = { now: new Date("2026-12-02T10:00:00Z") };
  const t = useTestApp({ kind, start: false, now: () => clock.now });
  const logged = (msg: string) => t.app.logs.filter((l) => l.includes(`"msg":"${msg}"`));
  const prisma = () => t.app.deps.prisma;

  it("erases a decline older than RETENTION_DAYS once a day, keeps a younger one and the person's customer", async () => {
    const at = clock.now.getTime();
    const due = await declinedInvitation(
      t.db.prisma,
      "Dora Fällig",
      "dora@example.com",
      new Date(at - 181 * DAY_MS),
    );
    const young = await declinedInvitation(
      t.db.prisma,
      "Nora Jung",
      "nora@example.com",
      new Date(at - 179 * DAY_MS),
    );
    const customer = await t.db.prisma.customer.create({
      data: { firstName: "Dora", lastName: "Fällig", email: "dora@example.com" },
      select: { id: true },
    });
    await t.restartApp();
    await expect.poll(() => logged("retention run").length, { timeout: 10_000 }).toBe(1);

    expect(await invitation(prisma(), due.id)).toEqual({
      name: "",
      email: "",
      message: null,
      declineMessage: null,
      erasedAt: clock.now,
      status: "declined",
    });
    expect((await invitation(prisma(), young.id)).name).toBe("Nora Jung");
    expect(
      await prisma().customer.findUniqueOrThrow({ where: { id: customer.id }, select: { email: true } }),
    ).toEqual({ email: "dora@example.com" });
    expect(
      await prisma().auditEntry.findMany({
        where: { entityId: due.id, action: "privacy.erased" },
        select: { actor: true, after: true },
      }),
    ).toEqual([{ actor: "system", after: { status: "retention" } }]);
  });

  it("the App Home says how many erasures are due; a restart the same day does not run again, the next day does", async () => {
    const late = await declinedInvitation(
      prisma(),
      "Lena Spät",
      "lena@example.com",
      new Date(clock.now.getTime() - 200 * DAY_MS),
    );
    await t.app.event({ type: "app_home_opened", user: "U0MEMBER01", channel: "D1", tab: "home" });
    const home = JSON.stringify(await nthView(t.standin, "views.publish", 1));
    expect(home).toContain("*Löschfristen:* 1 zur Löschung fällig");

    await t.restartApp();
    // Today's slot is claimed: this instance skips it.
    await expect
      .poll(
        () =>
          t.app.logs.some(
            (l) => l.includes("slot already claimed") && l.includes("retention:2026-12-02T00:00:00.000Z"),
          ),
        {
          timeout: 10_000,
        },
      )
      .toBe(true);
    expect(logged("retention run")).toHaveLength(0);
    expect((await invitation(prisma(), late.id)).erasedAt).toBeNull();

    clock.now = new Date(clock.now.getTime() + DAY_MS);
    await t.restartApp();
    await expect.poll(() => logged("retention run").length, { timeout: 10_000 }).toBe(1);
    expect((await invitation(prisma(), late.id)).erasedAt).toEqual(clock.now);
  });
});

// Two instances need a real PostgreSQL (PGlite serves one process only).
describe.skipIf(!dbKinds().includes("postgresql"))(
  "the retention job in two processes on one PostgreSQL",
  () => {
    const t = useTestApp({ kind: "postgresql", start: false });

    it("erases a due invitation exactly once", async () => {
      const due = await declinedInvitation(
        t.db.prisma,
        "Paula Prozess",
        "paula@example.com",
        new Date(Date.now() - 400 * DAY_MS),
      );
      const env = {
        SLACK_BOT_TOKEN: "xoxb-test-token",
        SLACK_SIGNING_SECRET: "test-signing-secret",
        SLACK_API_URL: t.standin.url,
        SLACK_CHANNEL_ID: TEAM_CHANNEL,
        DATABASE_URL: t.db.url as string,
        LOG_LEVEL: "debug",
      };
      const processes: AppProcess[] = await Promise.all([
        startAppProcess(env, await freePort(), 60_000),
        startAppProcess(env, await freePort(), 60_000),
      ]);
      try {
        const day = `${new Date().toISOString().slice(0, 10)}T00:00:00.000Z`;
        const decided = (p: AppProcess) =>
          p.output().includes('"msg":"retention run"') ||
          (p.output().includes("slot already claimed") && p.output().includes(`retention:${day}`));
        await expect.poll(() => processes.every(decided), { timeout: 20_000 }).toBe(true);
      } finally {
        await Promise.all(processes.map((p) => p.stop()));
      }
      const runs = processes.map((p) =>
        p
          .output()
          .split("\n")
          .filter((l) => l.includes('"msg":"retention run"')),
      );
      expect(runs.flat()).toHaveLength(1);
      expect((await invitation(t.db.prisma, due.id)).name).toBe("");
      expect(
        await t.db.prisma.auditEntry.count({ where: { entityId: due.id, action: "privacy.erased" } }),
      ).toBe(1);
    }, 120_000);
  },
);
