import { describe, expect, it } from "vitest";
import { CallbackId } from "../../blocks/ids.ts";
import { ERASED_TEXT } from "../../blocks/privacy/erased-message.ts";
import { DIGEST_PLACEHOLDER_TEXT } from "../../domain/digest/digest-message-repository.ts";
import { dbKinds } from "../support/db.ts";
import { invitationBody, postIntake } from "../support/intake.ts";
import { type SentView, slashCommand, submit } from "../support/interactions.ts";
import { useTestApp } from "../support/lifecycle.ts";
import { until } from "./support.ts";

/**
 * The digest names prospects: after the erasure of one of them, the posted digest is re-rendered
 * through the outbox without her name ("Personenbezogene Daten gelöscht"), the others' names kept.
 * A digest still waiting in the outbox loses her name in its queued payload, and is re-rendered
 * once it is out. Signed slash commands and modal submissions, the outbox, the Slack stand-in.
 */
describe.each(dbKinds())("the erasure reaches the digest (%s)", (kind) => {
  const t = useTestApp({ kind });
  const prisma = () => t.app.deps.prisma;
  const idle = () =>
    until(
      async () => (await prisma().outboxJob.count({ where: { status: "pending" } })) === 0,
      15_000,
      "the outbox to be idle",
    );
  const digestPosts = () =>
    t.standin.messages.filter((m) => JSON.stringify(m).includes("Offene Zugriffsfreigaben"));

  async function erase(email: string) {
    const before = t.standin.okCallsOf("views.update").length;
    await slashCommand(t.app, t.standin, `löschen ${email}`);
    await t.standin.waitFor(
      (s) =>
        s.okCallsOf("views.update").length > before &&
        s.okCallsOf("views.update").some((c) => String(c.args.view).includes(CallbackId.erasePerson)),
      5_000,
      "the erase modal",
    );
    const call = t.standin
      .okCallsOf("views.update")
      .filter((c) => String(c.args.view).includes(CallbackId.erasePerson))
      .pop();
    const view = (call?.response as { view: SentView } | undefined)?.view as SentView;
    const answer = await submit(t.app, view, {});
    expect(answer.json()).toMatchObject({ response_action: "update" });
  }

  it("re-renders a posted digest without her name and keeps the others", async () => {
    await postIntake(
      t.app.baseUrl,
      "invitations",
      invitationBody({ name: "Anna Äcker", email: "anna@example.com" }),
    );
    await postIntake(
      t.app.baseUrl,
      "invitations",
      invitationBody({ name: "Bernd Berger", email: "bernd@example.com" }),
    );
    await idle();
    await slashCommand(t.app, t.standin, "digest");
    await idle();
    const [posted] = digestPosts();
    expect(JSON.stringify(posted)).toContain("Anna Äcker");
    expect(JSON.stringify(posted)).toContain("Bernd Berger");

    await erase("anna@example.com");
    await idle();
    const now = t.standin.findMessage(posted?.channel, posted?.ts);
    expect(JSON.stringify(now)).not.toContain("Anna");
    expect(JSON.stringify(now)).not.toContain("Äcker");
    expect(JSON.stringify(now)).toContain(ERASED_TEXT);
    expect(JSON.stringify(now)).toContain("Bernd Berger");
    expect(JSON.stringify(now)).toContain("Offene Zugriffsfreigaben");
    // The Auskunft of Bernd still lists the digest that names him.
    const bernd = await t.app.deps.privacy.find("bernd@example.com");
    expect(bernd.data.digestMessages).toHaveLength(1);
  });

  it("takes her name out of a digest still waiting in the outbox; posted, it is re-rendered", async () => {
    await postIntake(
      t.app.baseUrl,
      "invitations",
      invitationBody({ name: "Clara Christ", email: "clara@example.com" }),
    );
    await idle();
    // Slack rate-limits the channel for a while: the digest waits in the outbox with her name in it.
    t.standin.fault("chat.postMessage", { kind: "ratelimited", retryAfter: 5 }, { times: 1 });
    const posts = digestPosts().length;
    await t.app.deps.digest.onDemand("U0MEMBER01");
    const queued = async () =>
      prisma().outboxJob.findFirst({
        where: {
          kind: "slack.post",
          status: { not: "done" },
          payload: { path: ["link", "type"], equals: "digest" },
        },
        select: { payload: true },
      });
    await until(
      async () => JSON.stringify((await queued())?.payload ?? "").includes("Clara"),
      5_000,
      "queued digest",
    );

    await erase("clara@example.com");
    const payload = JSON.stringify((await queued())?.payload ?? "");
    expect(payload).not.toContain("Clara");
    expect(payload).toContain(DIGEST_PLACEHOLDER_TEXT);
    await idle();
    const out = digestPosts().slice(posts);
    expect(out).toHaveLength(1);
    const shown = JSON.stringify(t.standin.findMessage(out[0]?.channel, out[0]?.ts));
    expect(shown).not.toContain("Clara");
    expect(shown).toContain(ERASED_TEXT);
    expect(shown).toContain("Bernd Berger");
  });
});
