import { describe, expect, it } from "vitest";
import { TEAM_CHANNEL } from "../../support/app.ts";
import { dbKinds } from "../../support/db.ts";
import { useTestApp } from "../../support/lifecycle.ts";

describe.each(dbKinds())("/kunden digest on %s", (kind) => {
  const t = useTestApp({ kind });
  const send = (user = "U0MEMBER01") =>
    t.app.command({
      command: "/kunden",
      text: "digest",
      user_id: user,
      channel_id: TEAM_CHANNEL,
      team_id: "T0AGENTUR1",
      trigger_id: "1.2.3",
      response_url: `${t.standin.url}response`,
    });
  const onDemandJobs = () =>
    t.app.deps.prisma.outboxJob.findMany({
      where: { dedupeKey: { startsWith: "digest-on-demand:" } },
      select: { kind: true, lane: true, dedupeKey: true, payload: true },
    });

  it("says so, and posts nothing, when nothing is pending", async () => {
    const res = await send();
    expect(res.json()).toEqual({
      response_type: "ephemeral",
      text: "Keine Zugriffsfreigabe wartet auf eine Entscheidung – es gibt nichts zu posten.",
    });
    expect(await onDemandJobs()).toEqual([]);
  });

  it("acks in time when building takes longer, and answers through response_url", async () => {
    await t.app.deps.prisma.invitation.create({
      data: { name: "Max", email: "m@example.com", accessLevel: "full", receivedAt: new Date() },
      select: { id: true },
    });
    // The first digest asks auth.test for the workspace URL; a slow Slack must not delay the ack.
    t.standin.fault("auth.test", { kind: "delay", ms: 2_500 }, { times: 1 });
    const started = Date.now();
    const res = await send();
    expect(Date.now() - started).toBeLessThan(3000);
    expect(res.json()).toEqual({ response_type: "ephemeral", text: "Die Übersicht wird erstellt …" });
    await t.standin.waitFor((s) => s.calls.some((c) => c.method === "response"), 5_000, "the answer");
    expect(t.standin.calls.find((c) => c.method === "response")?.args).toMatchObject({
      response_type: "ephemeral",
      text: "Die Übersicht der offenen Zugriffsfreigaben (1) wird gleich im Team-Kanal gepostet.",
    });
    expect(await onDemandJobs()).toHaveLength(1);
    await t.app.deps.prisma.invitation.deleteMany();
    await t.app.deps.prisma.outboxJob.deleteMany();
  });

  it("enqueues the digest for the team channel now and confirms within the ack", async () => {
    await t.app.deps.prisma.invitation.create({
      data: {
        name: "Erika",
        email: "e@example.com",
        accessLevel: "partial",
        receivedAt: new Date(),
        slackChannel: TEAM_CHANNEL,
        slackTs: "1700000005.000200",
      },
      select: { id: true },
    });
    const started = Date.now();
    const res = await send();
    expect(Date.now() - started).toBeLessThan(3000);
    expect(res.json()).toEqual({
      response_type: "ephemeral",
      text: "Die Übersicht der offenen Zugriffsfreigaben (1) wird gleich im Team-Kanal gepostet.",
    });
    const jobs = await onDemandJobs();
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({
      kind: "slack.post",
      lane: `slack:${TEAM_CHANNEL}`,
      payload: { channel: TEAM_CHANNEL },
    });
    // The link is built from auth.test's workspace URL (the stand-in's).
    expect(JSON.stringify(jobs[0]?.payload)).toContain(
      `<https://standin.slack.test/archives/${TEAM_CHANNEL}/p1700000005000200|Zur Nachricht>`,
    );
  });

  it("refuses someone outside the team channel and posts nothing", async () => {
    const before = (await onDemandJobs()).length;
    const res = await send("U0OUTSIDE1");
    expect((res.json() as { text: string }).text).not.toContain("Übersicht");
    expect(await onDemandJobs()).toHaveLength(before);
  });
});
