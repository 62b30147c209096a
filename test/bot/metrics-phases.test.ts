import { describe, expect, it } from "vitest";
import { seedInquiry, seedInvitation } from "../support/fixtures.ts";
import { useTestApp } from "../support/lifecycle.ts";

const METRICS_TOKEN = "metrics-token-for-tests";

/** The value of one series in Prometheus' text format. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split("\n")) {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = (m[2] ?? "").split(",");
    if (wanted.every((w) => have.includes(w))) return Number(m[3]);
  }
  return undefined;
}

describe("GET /metrics: requests per phase (a gauge)", () => {
  const t = useTestApp({ members: ["U0ANNA0001"], env: { METRICS_TOKEN } });
  const scrape = async () =>
    (
      await fetch(`${t.app.baseUrl}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })
    ).text();

  it("counts inquiries and invitations in every phase, zeros included", async () => {
    const prisma = t.app.deps.prisma;
    const a = await seedInquiry(prisma, {});
    await seedInquiry(prisma, {});
    const won = await seedInvitation(prisma, {});
    await prisma.inquiry.update({ where: { id: a.id }, data: { phase: "offer" } });
    await prisma.invitation.update({ where: { id: won.id }, data: { phase: "won" } });

    const text = await scrape();
    expect(text).toContain("# TYPE kundenbot_requests_by_phase gauge");
    const count = (kind: string, phase: string) =>
      sample(text, "kundenbot_requests_by_phase", { kind, phase });
    expect(count("inquiry", "new")).toBe(1);
    expect(count("inquiry", "offer")).toBe(1);
    expect(count("inquiry", "won")).toBe(0);
    expect(count("invitation", "won")).toBe(1);
    expect(count("invitation", "lost")).toBe(0);
  });
});
