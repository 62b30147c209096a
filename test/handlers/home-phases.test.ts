import { describe, expect, it } from "vitest";
import { seedInquiry, seedInvitation } from "../support/fixtures.ts";
import { nthView, type SentView } from "../support/interactions.ts";
import { useTestApp } from "../support/lifecycle.ts";

/** The App Home shows how many requests (inquiries and invitations, decided or not) are in each phase. */
describe("App Home: requests per phase", () => {
  const t = useTestApp({ members: ["U0MEMBER01"] });

  async function openHome(): Promise<SentView> {
    const n = t.standin.okCallsOf("views.publish").length;
    await t.app.event({ type: "app_home_opened", user: "U0MEMBER01", channel: "D1", tab: "home" });
    return nthView(t.standin, "views.publish", n + 1);
  }

  it("counts every phase from the database, decided requests included", async () => {
    const prisma = t.app.deps.prisma;
    await seedInquiry(prisma, {});
    const offer = await seedInquiry(prisma, {});
    const won = await seedInvitation(prisma, {});
    const lost = await seedInvitation(prisma, {});
    await prisma.inquiry.update({ where: { id: offer.id }, data: { phase: "offer" } });
    await prisma.invitation.update({ where: { id: won.id }, data: { phase: "won", status: "connected" } });
    await prisma.invitation.update({ where: { id: lost.id }, data: { phase: "lost", status: "declined" } });

    const home = await openHome();
    const counts = home.blocks.find((b) => b.block_id === "home_counts")?.text as { text: string };
    expect(counts.text).toContain("*Phasen:* Neu 1 · In Kontakt 0 · Angebot 1 · Gewonnen 1 · Verloren 1");
  });
});
