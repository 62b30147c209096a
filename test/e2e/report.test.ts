import { PNG } from "pngjs";
import { beforeAll, describe, expect, it } from "vitest";
import { dbKinds } from "../support/db.ts";
import { slashCommand } from "../support/interactions.ts";
import { useTestApp } from "../support/lifecycle.ts";

async function until<T>(read: () => T | Promise<T>, ok: (v: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`timed out; last value: ${JSON.stringify(v)?.slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const MEMBER = "U0MEMBER01";
const DM = `D${MEMBER.slice(1)}`;

describe.each(dbKinds())("the weekly report on %s", (kind) => {
  const t = useTestApp({ kind, members: [MEMBER, "U0BEN0002"] });

  beforeAll(async () => {
    // Three weeks of requests from every source; the names must never reach the report.
    const now = Date.now();
    const day = 86_400_000;
    for (let i = 0; i < 9; i++) {
      await t.db.prisma.inquiry.create({
        data: {
          name: `Jörg Interessent ${i}`,
          email: `joerg${i}@bäckerei.example`,
          source: (["api", "email", "manual"] as const)[i % 3],
          receivedAt: new Date(now - (i + 1) * 2 * day),
          ...(i % 2 === 0
            ? {
                status: "assigned",
                decidedBy: MEMBER,
                decidedAt: new Date(now - (i + 1) * 2 * day + 3_600_000),
              }
            : {}),
        },
        select: { id: true },
      });
    }
  });

  it("/kunden bericht: text and chart in the member's DM, with the same numbers and no prospect data", async () => {
    const ack = await slashCommand(t.app, t.standin, "bericht", MEMBER);
    expect(ack.status).toBe(200);
    const file = await until(
      () => [...t.standin.files.values()].find((f) => f.channel === DM && f.bytes),
      (f) => f !== undefined,
    );
    const text = t.standin.messages.find((m) => m.channel === DM && m.text?.startsWith("Wochenbericht"));
    expect(text).toBeDefined();

    // The chart: a PNG of at least 800 × 400 pixels that is not blank.
    const png = PNG.sync.read(file?.bytes as Buffer);
    expect(png.width).toBeGreaterThanOrEqual(800);
    expect(png.height).toBeGreaterThanOrEqual(400);
    const colours = new Set<number>();
    for (let i = 0; i < png.data.length; i += 4 * 7) colours.add(png.data.readUInt32BE(i));
    expect(colours.size).toBeGreaterThan(20);
    // The upload announced an alt text (Slack's alt_txt) and the exact byte length.
    const announce = t.standin.calls.find((c) => c.method === "files.getUploadURLExternal");
    expect(String(announce?.args.alt_txt)).toMatch(/^Balkendiagramm .*KW \d+/);
    expect(Number(announce?.args.length)).toBe(file?.bytes?.length);

    // The chart and the text show the same numbers: per week, the alt text (made with the PNG from
    // the upload job's payload) and the text's table (from the post job's payload) agree.
    const blocksText = JSON.stringify(text?.blocks);
    const table =
      /```([\s\S]*?)```/.exec(
        String((text?.blocks as { text?: { text?: string } }[] | undefined)?.[3]?.text?.text),
      )?.[1] ?? "";
    const fromTable = table
      .split("\n")
      .slice(1)
      .map((row) => {
        const [, label, total, api, email, manual] =
          /^(KW \d+)(?: bisher)?\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)/.exec(row) ?? [];
        return `${label}: ${total} (API ${api}, E-Mail ${email}, manuell ${manual})`;
      });
    const fromAlt = [
      ...String(announce?.args.alt_txt).matchAll(
        /(KW \d+)(?: \(bisher\))?: (\d+ \(API \d+, E-Mail \d+, manuell \d+\))/g,
      ),
    ].map((m) => `${m[1]}: ${m[2]}`);
    expect(fromTable).toHaveLength(13);
    expect(fromAlt).toEqual(fromTable);
    const received = fromTable.reduce((sum, row) => sum + Number(/: (\d+)/.exec(row)?.[1]), 0);
    expect(received).toBe(9);
    for (const label of [
      "Eingegangen",
      "API",
      "E-Mail",
      "manuell",
      "Anfragen",
      "Einladungen",
      "Entscheidungen",
      "Antworten",
      "Gewonnen",
      "Verloren",
      "Reaktionszeit (Median)",
    ])
      expect(blocksText).toContain(label);
    expect(`${blocksText}${String(announce?.args.alt_txt)}`).not.toMatch(/Jörg|bäckerei|joerg/);
  });

  it("when the upload fails, the text still goes out and the chart follows through the outbox", async () => {
    t.standin.fault("files.getUploadURLExternal", { kind: "http", status: 500 }, { times: 2 });
    const filesBefore = t.standin.files.size;
    const announcesBefore = t.standin.calls.filter((c) => c.method === "files.getUploadURLExternal").length;
    const textsBefore = t.standin.messages.filter((m) => m.channel === "D0BEN0002").length;
    await slashCommand(t.app, t.standin, "bericht", "U0BEN0002");
    // The text first, while the upload still fails.
    await until(
      () => t.standin.messages.filter((m) => m.channel === "D0BEN0002").length,
      (n) => n > textsBefore,
    );
    const chart = await until(
      () => [...t.standin.files.values()].find((f) => f.channel === "D0BEN0002" && f.bytes),
      (f) => f !== undefined,
      60_000,
    );
    expect(chart).toBeDefined();
    expect(t.standin.files.size).toBeGreaterThan(filesBefore);
    // Two refused announcements, then the one that went through: retried, not dropped.
    const announces = t.standin.calls.filter((c) => c.method === "files.getUploadURLExternal").length;
    expect(announces - announcesBefore).toBe(3);
  }, 90_000);
});
