import { describe, expect, it } from "vitest";
import { ActionId, CallbackId, EXISTING_CUSTOMER_BLOCK, FieldId } from "../../blocks/ids.ts";
import { INGEST_TOKEN } from "../support/app.ts";
import { dbKinds } from "../support/db.ts";
import { inquiryBody, postIntake } from "../support/intake.ts";
import { blockAction, texts, viewSubmission } from "../support/interactions.ts";
import { useTestApp } from "../support/lifecycle.ts";

const METRICS_TOKEN = "metrics-token-for-tests";

/** The value of one series in Prometheus' text format (labels as written, in prom-client's order). */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split("\n")) {
    if (line.startsWith("#")) continue;
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = (m[2] ?? "").split(/,(?=[a-zA-Z_]\w*=")/).filter(Boolean);
    if (wanted.every((w) => have.includes(w))) return Number(m[3]);
  }
  return undefined;
}

describe.each(dbKinds())("GET /metrics (%s)", (kind) => {
  const t = useTestApp({ kind, members: ["U0ANNA0001"], env: { METRICS_TOKEN } });

  const scrape = async (token: string | null = METRICS_TOKEN) => {
    const res = await fetch(`${t.app.baseUrl}/metrics`, {
      headers: token === null ? {} : { authorization: `Bearer ${token}` },
    });
    return { status: res.status, type: res.headers.get("content-type"), text: await res.text() };
  };

  it("refuses a scrape without the token or with a wrong one", async () => {
    expect((await scrape(null)).status).toBe(401);
    expect((await scrape("wrong")).status).toBe(401);
    const ok = await scrape();
    expect(ok.status).toBe(200);
    expect(ok.type).toContain("text/plain");
    expect(ok.text).toContain("# TYPE kundenbot_requests_received_total counter");
  });

  it("counts an intake, a refused intake, a decision and the acks; names no person", async () => {
    const before = (await scrape()).text;
    const created = { source: "api", kind: "inquiry", status: "created" };
    const rejected = { source: "api", kind: "inquiry", status: "rejected" };
    const n0 = sample(before, "kundenbot_requests_received_total", created) ?? 0;
    const r0 = sample(before, "kundenbot_requests_received_total", rejected) ?? 0;

    const res = await postIntake(
      t.app.baseUrl,
      "inquiries",
      inquiryBody({ name: "Greta Zimmermann", email: "greta.zimmermann@beispiel-gmbh.de" }),
      { token: INGEST_TOKEN },
    );
    expect(res.status).toBe(201);
    const id = (res.body as { id: string }).id;
    const refused = await postIntake(t.app.baseUrl, "inquiries", { name: "" }, { token: INGEST_TOKEN });
    expect(refused.status).toBe(400);

    // The channel post is an outbox job: pending until the worker posts it, then done.
    await t.standin.waitFor((s) => s.okCallsOf("chat.postMessage").length > 0, 10_000, "channel post");

    const click = blockAction({ user: "U0ANNA0001", actionId: ActionId.assignRequestInquiry, value: id });
    expect((await t.app.interact(click)).status).toBe(200);
    await t.standin.waitFor((s) => s.okCallsOf("views.open").length > 0, 10_000, "views.open");
    const view = JSON.parse(String(t.standin.okCallsOf("views.open").at(-1)?.args.view));
    const submitted = await t.app.interact(
      viewSubmission({
        user: "U0ANNA0001",
        callbackId: CallbackId.assignRequest,
        privateMetadata: String(view.private_metadata),
        values: {
          ...texts({
            [FieldId.company]: "Beispiel GmbH",
            [FieldId.firstName]: "Greta",
            [FieldId.lastName]: "Zimmermann",
            [FieldId.email]: "greta.zimmermann@beispiel-gmbh.de",
          }),
          [EXISTING_CUSTOMER_BLOCK]: {
            [ActionId.existingCustomer]: { type: "external_select", selected_option: null },
          },
        },
      }),
    );
    expect(submitted.status).toBe(200);

    const after = (await scrape()).text;
    expect(sample(after, "kundenbot_requests_received_total", created)).toBe(n0 + 1);
    expect(sample(after, "kundenbot_requests_received_total", rejected)).toBe(r0 + 1);
    expect(
      sample(after, "kundenbot_decisions_total", {
        kind: "create_customer",
        request: "inquiry",
        result: "decided",
      }),
    ).toBe(1);
    expect(
      sample(after, "kundenbot_slack_ack_seconds_count", { type: "block_actions" }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      sample(after, "kundenbot_slack_ack_seconds_count", { type: "view_submission" }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      sample(after, "kundenbot_outbox_jobs", { kind: "slack.post", status: "done" }),
    ).toBeGreaterThanOrEqual(1);
    for (const personal of ["Greta", "Zimmermann", "greta.zimmermann", "beispiel-gmbh", "U0ANNA0001", id])
      expect(after).not.toContain(personal);
  });

  it("shows a pending job and its age while Slack refuses posts", async () => {
    t.standin.fault("chat.postMessage", { kind: "http", status: 500 }, { times: 1_000 });
    try {
      const res = await postIntake(t.app.baseUrl, "inquiries", inquiryBody(), { token: INGEST_TOKEN });
      expect(res.status).toBe(201);
      await t.standin.waitFor((s) => s.calls.some((c) => c.method === "chat.postMessage"), 10_000, "a try");
      await new Promise((r) => setTimeout(r, 1_100));
      const text = (await scrape()).text;
      expect(
        sample(text, "kundenbot_outbox_jobs", { kind: "slack.post", status: "pending" }),
      ).toBeGreaterThanOrEqual(1);
      expect(
        sample(text, "kundenbot_outbox_oldest_pending_age_seconds", { kind: "slack.post" }),
      ).toBeGreaterThan(0.5);
      expect(
        sample(text, "kundenbot_outbox_job_failures_total", { kind: "slack.post", reason: "retry" }),
      ).toBeGreaterThanOrEqual(1);
    } finally {
      t.standin.clearFaults();
    }
  });
});
