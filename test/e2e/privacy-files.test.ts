import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CallbackId, NoteBlock } from "../../blocks/ids.ts";
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
});
