import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../../bot/db/client.ts";
import { CUSTOMER_CSV_COLUMNS, customerCsv } from "../../domain/customers/customer-export.ts";

const root = fileURLToPath(new URL("../..", import.meta.url));

/** Runs `npm run export -- …` as npm does (`node --import tsx bot/export-cli.ts …`). */
async function exportCli(env: Record<string, string>, ...args: string[]) {
  const child = spawn(process.execPath, ["--import", "tsx", "bot/export-cli.ts", ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const out: Buffer[] = [];
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => out.push(d));
  child.stderr.on("data", (d) => {
    stderr += String(d);
  });
  const [code] = (await once(child, "exit")) as [number];
  return { code, stdout: Buffer.concat(out), stderr };
}

describe("npm run export -- customers", () => {
  it("prints the same CSV as /kunden export on stdout (BOM, header, rows), and refuses anything else", async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), "kundenbot-export-"));
    const env = { SLACK_BOT_TOKEN: "xoxb-test-token", SLACK_SIGNING_SECRET: "s", DATA_DIR: dataDir };
    // PGlite serves one process: seed, close, then run the command.
    const db = await openDatabase({ databaseUrl: undefined, dataDir, log: pino({ level: "silent" }) });
    await db.prisma.customer.create({
      data: {
        company: "Zeilen\nUmbruch GmbH",
        firstName: "Ösen",
        lastName: "=Formel",
        email: "o@example.com",
      },
    });
    const expected = (await customerCsv(db.prisma, "Europe/Berlin")).csv;
    await db.close();

    const out = await exportCli(env, "customers");
    expect(out.stderr).toBe("");
    expect(out.code).toBe(0);
    expect(out.stdout.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(out.stdout.toString("utf8")).toBe(expected);
    const records = parse(out.stdout, { bom: true }) as string[][];
    expect(records).toHaveLength(2);
    expect(records[0]).toEqual([...CUSTOMER_CSV_COLUMNS]);
    expect(records[1]?.slice(0, 4)).toEqual(["Zeilen\nUmbruch GmbH", "Ösen", "'=Formel", "o@example.com"]);

    const wrong = await exportCli(env, "kunden");
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain("usage: npm run export -- customers");
  }, 90_000);
});
