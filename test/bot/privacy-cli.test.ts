import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdir, mkdtemp, readdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../bot/db/client.ts";
import type { PrismaClient } from "../../prisma/generated/client.ts";
import { createTestDatabase, dbKinds, type TestDatabase } from "../support/db.ts";

const root = fileURLToPath(new URL("../..", import.meta.url));

/** Runs `npm run privacy -- …` as npm does (`node --import tsx bot/privacy-cli.ts …`). */
async function privacy(env: Record<string, string>, ...args: string[]) {
  const child = spawn(process.execPath, ["--import", "tsx", "bot/privacy-cli.ts", ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => {
    stdout += String(d);
  });
  child.stderr.on("data", (d) => {
    stderr += String(d);
  });
  const [code] = (await once(child, "exit")) as [number];
  return { code, stdout, stderr };
}

const EML = `From: Agentur <kontakt@agentur.example>
To: =?UTF-8?Q?Anna_=C3=84cker?= <anna@example.com>
Subject: Ihre Zugriffsfreigabe

Hallo Anna =C3=84cker,
`;

describe.each(dbKinds())("npm run privacy (%s)", (kind) => {
  let dataDir: string;
  let pg: TestDatabase | undefined;
  let env: Record<string, string>;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), "kundenbot-cli-"));
    if (kind === "postgresql") pg = await createTestDatabase("postgresql");
    env = {
      SLACK_BOT_TOKEN: "xoxb-test-token",
      SLACK_SIGNING_SECRET: "test-signing-secret",
      DATA_DIR: dataDir,
      ...(pg?.url ? { DATABASE_URL: pg.url } : {}),
    };
  });
  afterAll(async () => {
    await pg?.close();
  });

  /** PGlite serves one process: the test opens DATA_DIR's database only while no CLI runs. */
  async function withDb(work: (prisma: PrismaClient) => Promise<void>) {
    if (pg) return work(pg.prisma);
    const db = await openDatabase({ databaseUrl: undefined, dataDir, log: pino({ level: "silent" }) });
    try {
      await work(db.prisma);
    } finally {
      await db.close();
    }
  }

  it("exports nothing for an unknown address, as JSON with exit 0", async () => {
    const out = await privacy(env, "export", "nobody@example.com");
    expect(out.stderr).not.toContain("Error");
    expect(out.code).toBe(0);
    expect(JSON.parse(out.stdout)).toMatchObject({
      subject: "nobody@example.com",
      nothingStored: true,
      inquiries: [],
    });
  }, 60_000);

  it("refuses a text that is no address with the usage", async () => {
    const out = await privacy(env, "erase", "anna");
    expect(out.code).toBe(2);
    expect(out.stderr).toContain("usage: npm run privacy");
  }, 30_000);

  it("exports, erases, and then finds nothing stored", async () => {
    await withDb(async (prisma) => {
      await prisma.inquiry.create({
        data: {
          name: "Anna Äcker",
          email: "Anna@Example.com",
          phone: "+49 30 5550123",
          receivedAt: new Date(),
        },
        select: { id: true },
      });
    });
    await mkdir(path.join(dataDir, "mail"), { recursive: true });
    await writeFile(path.join(dataDir, "mail", "2026-12-01-anna.eml"), EML);
    await writeFile(path.join(dataDir, "mail", "2026-12-01-other.eml"), EML.replace("anna@", "bernd@"));

    const exported = await privacy(env, "export", "anna@example.com");
    expect(exported.code).toBe(0);
    const doc = JSON.parse(exported.stdout);
    expect(doc.inquiries).toMatchObject([{ name: "Anna Äcker", phone: "+49 30 5550123" }]);
    expect(doc.mails).toMatchObject([{ file: "2026-12-01-anna.eml" }]);

    const erased = await privacy(env, "erase", "anna@example.com");
    expect(erased.code).toBe(0);
    expect(JSON.parse(erased.stdout)).toMatchObject({ status: "erased" });
    expect(await readdir(path.join(dataDir, "mail"))).toEqual(["2026-12-01-other.eml"]);
    await withDb(async (prisma) => {
      expect(await prisma.inquiry.findMany({ select: { name: true, phone: true } })).toEqual([
        { name: "", phone: null },
      ]);
      expect(await prisma.auditEntry.findMany({ select: { actor: true, action: true } })).toEqual([
        { actor: "cli", action: "privacy.erased" },
      ]);
    });

    const again = await privacy(env, "erase", "anna@example.com");
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toEqual({ status: "nothing_stored" });
  }, 120_000);
});
