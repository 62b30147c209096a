import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../bot/config.ts";
import { type RunningSandbox, startSandbox } from "../../sandbox/start.ts";
import { until } from "../e2e/support.ts";
import { findPersonalData } from "../support/personal-data-dump.ts";

/**
 * The sandbox keeps what its stand-in of Slack shows (channel messages, ephemeral messages, App Home
 * views) in DATA_DIR/sandbox/slack-state.json, and its database under DATA_DIR/sandbox/pglite. After
 * an erasure, no file under DATA_DIR names the person any more.
 */
const EVA = ["eva.schaefer@example.com", "Eva Schäfer", "Schäfer & Söhne", "1234567"];

describe("an erasure in the sandbox", () => {
  let dataDir: string;
  let sandbox: RunningSandbox;
  const post = (route: string, body: unknown) =>
    fetch(`${sandbox.url}sandbox/${route}`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: sandbox.url.replace(/\/$/, "") },
      body: JSON.stringify(body),
    });
  const scan = () =>
    findPersonalData({ prisma: sandbox.prisma, dataDir, standin: sandbox.standin, values: EVA });

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), "kundenbot-sandbox-erasure-"));
    sandbox = await startSandbox(loadConfig({ DATA_DIR: dataDir, PORT: "0", LOG_LEVEL: "silent" }));
  }, 60_000);
  afterAll(async () => {
    await sandbox?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it("forgets the ephemeral messages naming her, and no file under DATA_DIR names her", async () => {
    expect((await post("simulate", { kind: "inquiry" })).status).toBe(200);
    await until(
      () => sandbox.standin.messages.some((m) => JSON.stringify(m).includes("Eva Schäfer")),
      10_000,
      "the post",
    );
    expect((await post("message", { user: "U0BEN00001", text: "/kunden anfragen" })).status).toBe(200);
    await until(
      () => sandbox.standin.ephemerals.some((e) => JSON.stringify(e).includes("Eva Schäfer")),
      10_000,
      "the list of open inquiries",
    );
    expect((await post("message", { user: "U0BEN00001", text: "/kunden hilfe" })).status).toBe(200);
    await until(() => sandbox.standin.ephemerals.length >= 2, 10_000, "the help");
    await until(
      async () =>
        (await readFile(path.join(dataDir, "sandbox", "slack-state.json"), "utf8")).includes("Eva Sch"),
      5_000,
      "the saved state",
    );
    expect((await scan()).some((h) => h.id === "sandbox/slack-state.json")).toBe(true);

    expect(await sandbox.deps.privacy.erase("eva.schaefer@example.com", "U0BEN00001")).toMatchObject({
      status: "erased",
    });
    await until(
      async () => (await sandbox.prisma.outboxJob.count({ where: { status: "pending" } })) === 0,
      10_000,
      "the outbox",
    );
    // The help (which names nobody) stays; the list that named her is gone.
    expect(sandbox.standin.ephemerals.map((e) => JSON.stringify(e)).some((e) => e.includes("Eva"))).toBe(
      false,
    );
    expect(sandbox.standin.ephemerals.length).toBeGreaterThan(0);
    expect(await scan()).toEqual([]);
  }, 60_000);
});
