import { mkdtemp, rm } from "node:fs/promises";
import { request } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../bot/config.ts";
import { type RunningSandbox, startSandbox } from "../../sandbox/start.ts";

/** A raw request, so that Host and Origin can be whatever an attacker's page would send. */
function raw(
  port: number,
  opts: {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string;
    host?: string;
  } = {},
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: opts.host ?? "127.0.0.1",
        port,
        method: opts.method ?? "GET",
        path: opts.path ?? "/",
        headers: opts.headers,
      },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (c) => {
          body += c;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on("error", reject);
    req.end(opts.body);
  });
}

describe("the sandbox server", () => {
  let dataDir: string;
  let sandbox: RunningSandbox;
  let port: number;
  const json = (body: unknown, headers: Record<string, string> = {}) => ({
    method: "POST",
    headers: { "content-type": "application/json", host: `127.0.0.1:${port}`, ...headers },
    body: JSON.stringify(body),
  });

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), "kundenbot-sandbox-server-"));
    // DATABASE_URL and SMTP_URL point nowhere: the sandbox must ignore them, or it would not start.
    sandbox = await startSandbox(
      loadConfig({
        DATA_DIR: dataDir,
        PORT: "0",
        LOG_LEVEL: "silent",
        DATABASE_URL: "postgresql://nobody@127.0.0.1:1/nowhere",
        SMTP_URL: "smtp://127.0.0.1:1",
        MAIL_FROM: "x@example.com",
      }),
    );
    port = sandbox.port;
  }, 60_000);
  afterAll(async () => {
    await sandbox?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it("listens on 127.0.0.1 only", async () => {
    expect(sandbox.url).toBe(`http://127.0.0.1:${port}/`);
    expect((await raw(port)).status).toBe(200);
    await expect(raw(port, { host: "::1" })).rejects.toThrow(/ECONNREFUSED|EADDRNOTAVAIL/);
  });

  it("refuses another Host or Origin with 403 (DNS rebinding) and sends no CORS headers", async () => {
    expect((await raw(port, { headers: { host: "kundenbot.attacker.example" } })).status).toBe(403);
    expect((await raw(port, { headers: { host: `localhost:${port}` } })).status).toBe(200);
    const cross = await raw(port, {
      path: "/sandbox/reset",
      ...json({}, { origin: "http://attacker.example" }),
    });
    expect(cross.status).toBe(403);
    const own = await raw(port, {
      path: "/sandbox/fragments",
      headers: { origin: `http://127.0.0.1:${port}` },
    });
    expect(own.status).toBe(200);
    for (const r of [cross, own])
      expect(Object.keys(r.headers).filter((h) => h.startsWith("access-control-"))).toEqual([]);
  });

  it("parses every body: 415 for another content type, 400 naming the field", async () => {
    expect(
      (
        await raw(port, {
          path: "/sandbox/message",
          method: "POST",
          body: "text=x",
          headers: { "content-type": "application/x-www-form-urlencoded" },
        })
      ).status,
    ).toBe(415);
    const bad = await raw(port, {
      path: "/sandbox/message",
      ...json({ user: "U0NIEMAND1", text: "/kunden hilfe" }),
    });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).issues).toEqual([
      { path: "user", message: "must be one of the sandbox's people" },
    ]);
  });

  it("sends a slash command through the bridge, signed, and shows the ack as an ephemeral message", async () => {
    // The bot's first request pays for auth.test and the first queries (the counts `hilfe` shows);
    // on a machine loaded by the whole suite that alone can pass Slack's 3 s, which the bridge
    // (rightly) reports as a timeout. Opening the Home pays for them first, but app_home_opened is
    // acked before the Home is built: wait until it is published, or the command's queries queue
    // behind the Home's on PGlite's one connection instead of finding them done.
    await raw(port, { path: "/sandbox/home", ...json({ user: "U0BEN00001" }) });
    await sandbox.standin.waitFor((s) => s.homes.has("U0BEN00001"), 30_000, "Ben's Home");
    const res = await raw(port, {
      path: "/sandbox/message",
      ...json({ user: "U0BEN00001", text: "/kunden hilfe" }),
    });
    expect(res.status).toBe(200);
    const answer = sandbox.standin.ephemerals.find((e) => e.to === "U0BEN00001");
    expect(answer?.blocks?.length).toBeGreaterThan(0);
    expect(
      sandbox.bridge.traffic.find((t) => t.kind === "ack" && t.type === "slash_command")?.body,
    ).toMatchObject({
      status: 200,
    });
  });

  it("serves a page whose script parses (a syntax error would stop every button)", async () => {
    const html = (await raw(port, { headers: { host: `127.0.0.1:${port}` } })).body;
    const script = /<script>([\s\S]*)<\/script>/.exec(html)?.[1] ?? "";
    expect(script.length).toBeGreaterThan(1000);
    expect(() => new Function(script)).not.toThrow();
  });

  it("serves an icon at /favicon.ico instead of a 404", async () => {
    const res = await raw(port, { path: "/favicon.ico", headers: { host: `127.0.0.1:${port}` } });
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toBe("image/svg+xml");
  });

  it("shows the Auskunft in the asker's Direktnachrichten, downloadable by them only", async () => {
    await raw(port, { path: "/sandbox/simulate", ...json({ kind: "inquiry" }) });
    await sandbox.standin.waitFor(
      (s) => s.messages.some((m) => m.text?.includes("Eva Schäfer")),
      10_000,
      "the post",
    );
    const email = (await sandbox.prisma.inquiry.findFirstOrThrow({ select: { email: true } })).email;
    await raw(port, {
      path: "/sandbox/message",
      ...json({ user: "U0BEN00001", text: `/kunden auskunft ${email}` }),
    });
    await sandbox.standin.waitFor(
      (s) => s.messages.some((m) => m.channel === s.dmChannelOf("U0BEN00001") && m.files?.length),
      10_000,
      "the Auskunft in Ben's DM",
    );
    const fragments = async (als: string) =>
      JSON.parse(
        (await raw(port, { path: `/sandbox/fragments?als=${als}`, headers: { host: `127.0.0.1:${port}` } }))
          .body,
      ) as { dms: string; channel: string };
    const ben = await fragments("U0BEN00001");
    const link =
      /href="(\/sandbox\/file\?id=F\w+&amp;als=U0BEN00001)" download="(auskunft-[\d-]+\.json)"/.exec(ben.dms);
    expect(link, ben.dms).not.toBeNull();
    expect(ben.dms).toContain("Die Auskunft als JSON-Datei");
    // Nobody else sees it, neither in their DMs nor in the channel.
    expect((await fragments("U0ANNA0001")).dms).not.toContain("auskunft-");
    expect((await fragments("U0ANNA0001")).channel).not.toContain("auskunft-");

    const url = (link?.[1] ?? "").replace(/&amp;/g, "&");
    const file = await raw(port, { path: url, headers: { host: `127.0.0.1:${port}` } });
    expect(file.status).toBe(200);
    expect(file.headers["content-disposition"]).toMatch(/^attachment; filename="auskunft-/);
    expect(file.headers["content-security-policy"]).toContain("sandbox");
    expect(JSON.stringify(JSON.parse(file.body))).toContain(email);
    for (const other of ["U0ANNA0001", "U0OLAF0001", "nobody"]) {
      const refused = await raw(port, {
        path: url.replace("U0BEN00001", other),
        headers: { host: `127.0.0.1:${port}` },
      });
      expect(refused.status, other).toBe(404);
    }
    // Zurücksetzen forgets the DMs and their files, too.
    await raw(port, { path: "/sandbox/reset", ...json({}) });
    expect((await fragments("U0BEN00001")).dms).not.toContain("auskunft-");
    expect((await raw(port, { path: url, headers: { host: `127.0.0.1:${port}` } })).status).toBe(404);
  }, 30_000);

  it("simulates an inquiry through the intake, and Zurücksetzen starts over", async () => {
    await raw(port, { path: "/sandbox/simulate", ...json({ kind: "inquiry" }) });
    await sandbox.standin.waitFor(
      (s) => s.messages.some((m) => m.text?.includes("Eva Schäfer")),
      10_000,
      "the post",
    );
    expect(await sandbox.prisma.inquiry.count()).toBe(1);

    expect((await raw(port, { path: "/sandbox/reset", ...json({}) })).status).toBe(200);
    expect(sandbox.standin.messages).toEqual([]);
    expect(sandbox.standin.ephemerals).toEqual([]);
    expect(await sandbox.prisma.inquiry.count()).toBe(0);
  });
});
