import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CallbackId, NoteBlock } from "../../blocks/ids.ts";
import { ERASED_TEXT } from "../../blocks/privacy/erased-message.ts";
import { NOTE_INPUT_ACTION } from "../../blocks/requests/note.ts";
import { customerInput } from "../../domain/customers/customer.schema.ts";
import { startTestApp, type TestApp } from "../support/app.ts";
import type { TestDatabase } from "../support/db.ts";
import { inquiryBody, invitationBody, postIntake } from "../support/intake.ts";
import { viewSubmission } from "../support/interactions.ts";
import { findPersonalData } from "../support/personal-data-dump.ts";
import { SlackStandin } from "../support/slack-standin.ts";
import { until } from "./support.ts";

/**
 * With the embedded database, erased means gone from its files too: after the erasure, a byte scan
 * of every file under DATA_DIR (PGlite's heap, indexes and WAL, the mail files) finds nothing of her.
 */
const ZELDA = { name: "Zelda Quintessa", email: "zelda.quintessa@example.com", phone: "+49 30 5557731" };
const NEEDLES = [ZELDA.email, ZELDA.name, "Quintessa", "5557731", "Wunderbaumallee"];

describe("erasure with the embedded database on disk", () => {
  let standin: SlackStandin;
  let app: TestApp;
  const onDisk: TestDatabase = {
    kind: "pglite",
    url: undefined,
    // No open instance: the app opens PGlite under DATA_DIR/pglite as `npm start` does.
    pglite: undefined,
    get prisma(): never {
      throw new Error("use the app's client");
    },
    close: async () => {},
  };
  const scan = () =>
    findPersonalData({ prisma: app.deps.prisma, dataDir: app.deps.config.dataDir, values: NEEDLES });
  const idle = () =>
    until(
      async () => (await app.deps.prisma.outboxJob.count({ where: { status: "pending" } })) === 0,
      20_000,
      "the outbox to be idle",
    );

  beforeAll(async () => {
    standin = await new SlackStandin().start();
    app = await startTestApp(onDisk, standin);
  }, 60_000);
  afterAll(async () => {
    await app?.stop();
    await standin?.stop();
  });

  it("finds her in PGlite's files before the erasure, and in no file under DATA_DIR after it", async () => {
    const inq = await postIntake(
      app.baseUrl,
      "inquiries",
      inquiryBody({ ...ZELDA, company: "Quintessa Design", message: "Ich wohne in der Wunderbaumallee 7." }),
    );
    const inv = await postIntake(
      app.baseUrl,
      "invitations",
      invitationBody({ name: ZELDA.name, email: ZELDA.email }),
    );
    await idle();
    await app.interact(
      viewSubmission({
        user: "U0MEMBER01",
        callbackId: CallbackId.addNote,
        privateMetadata: JSON.stringify({ kind: "inquiry", id: inq.body.id }),
        values: {
          [NoteBlock.text]: {
            [NOTE_INPUT_ACTION]: {
              type: "plain_text_input",
              value: `Frau Quintessa zurückrufen: ${ZELDA.phone}`,
            },
          },
        },
      }),
    );
    await app.deps.decisions.assignRequest({
      kind: "inquiry",
      requestId: String(inq.body.id),
      actor: "U0MEMBER01",
      customer: {
        newCustomer: customerInput.parse({
          company: "Quintessa Design",
          firstName: "Zelda",
          lastName: "Quintessa",
          email: ZELDA.email,
          phone: ZELDA.phone,
          address: "Wunderbaumallee 7, 10115 Berlin",
        }),
      },
    });
    await app.deps.decisions.declineInvitation({
      invitationId: String(inv.body.id),
      actor: "U0MEMBER01",
      personalMessage: "Liebe Frau Quintessa, vielleicht später.",
    });
    await idle();
    // The scan can fail: her data is in PGlite's files (the WAL at least: tables are written at checkpoints).
    const before = await scan();
    const files = new Set(before.filter((h) => h.where === "DATA_DIR").map((h) => h.id.split("/")[0]));
    expect(files).toContain("pglite");
    expect(before.some((h) => h.id.startsWith("pglite/pg_wal/"))).toBe(true);
    expect(before.some((h) => h.id.startsWith("mail/"))).toBe(true);

    expect(await app.deps.privacy.erase(ZELDA.email, "U0MEMBER01")).toMatchObject({ status: "erased" });
    await idle();
    expect(await scan()).toEqual([]);
    // The database still works: the erased request answers, a new one is stored.
    expect(
      await app.deps.prisma.inquiry.findUniqueOrThrow({
        where: { id: String(inq.body.id) },
        select: { name: true },
      }),
    ).toEqual({ name: "" });
    expect((await postIntake(app.baseUrl, "inquiries", inquiryBody({ name: "Nach Löschung" }))).status).toBe(
      201,
    );
  }, 90_000);

  it("a post already on its way when she is erased leaves nothing of her in the files either", async () => {
    // Her post is claimed and waits for Slack while the erasure runs and purges the files; it is
    // answered after that. Its job's payload (her rendered message) must not outlive the purge in
    // the OutboxJob table's files or its WAL: the erasure deletes the job in flight too (the worker
    // has the message in memory only), so the job's completion after the purge finds no row to keep
    // an old version of.
    const cora = { name: "Cora Siebenschläfer", email: "cora.siebenschlaefer@example.com" };
    const needles = [cora.email, cora.name, "Siebenschläfer", "5553318", "Wacholderstieg"];
    await idle();
    // A post's payload (her rendered message, > 2 kB) is stored compressed, where no byte scan would
    // find her name: stored as is, the scan below sees it wherever a version of it is left.
    await app.deps.prisma.$executeRaw`ALTER TABLE "OutboxJob" ALTER COLUMN payload SET STORAGE EXTERNAL`;
    // Slack answers her post 6 s late (the worker's client waits 10 s): time for the erasure and its
    // purge to run meanwhile.
    standin.fault("chat.postMessage", { kind: "delay", ms: 6_000 }, { times: 1 });
    const res = await postIntake(
      app.baseUrl,
      "inquiries",
      inquiryBody({ ...cora, phone: "+49 30 5553318", message: "Wacholderstieg 3, bitte zurückrufen." }),
    );
    const id = String(res.body.id);
    await until(
      () => standin.callsOf("chat.postMessage").some((c) => JSON.stringify(c.args).includes(cora.name)),
      30_000,
      "her post",
    );
    expect(await app.deps.privacy.erase(cora.email, "U0MEMBER01")).toMatchObject({ status: "erased" });
    // The post is still on its way: Slack has not answered yet.
    expect(
      (await app.deps.prisma.inquiry.findUniqueOrThrow({ where: { id }, select: { slackTs: true } })).slackTs,
    ).toBeNull();
    await until(
      async () =>
        !!(await app.deps.prisma.inquiry.findUniqueOrThrow({ where: { id }, select: { slackTs: true } }))
          .slackTs,
      30_000,
      "the post's ts",
    );
    await idle();
    const row = await app.deps.prisma.inquiry.findUniqueOrThrow({
      where: { id },
      select: { slackChannel: true, slackTs: true },
    });
    expect(JSON.stringify(standin.findMessage(row.slackChannel, row.slackTs))).toContain(ERASED_TEXT);
    // PostgreSQL writes changed table pages to their files at a checkpoint: what the files hold
    // from then on (until a vacuum) is what the scan must see.
    await app.deps.prisma.$executeRaw`CHECKPOINT`;
    expect(
      await findPersonalData({
        prisma: app.deps.prisma,
        dataDir: app.deps.config.dataDir,
        standin,
        values: needles,
      }),
    ).toEqual([]);
  }, 90_000);
});
