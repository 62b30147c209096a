import { beforeAll, describe, expect, it } from "vitest";
import { ActionId, CallbackId, FieldId } from "../../blocks/ids.ts";
import { publishHome } from "../../handlers/shared/publish-home.ts";
import { dbKinds, type TestDatabase } from "../support/db.ts";
import { click, nthView, type SentView, slashCommand, submit, texts } from "../support/interactions.ts";
import { useTestApp } from "../support/lifecycle.ts";

type Block = SentView["blocks"][number];
const NOW = new Date("2026-11-28T12:00:00Z");
const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3_600_000);

/** Every button (action id and value) in a list of blocks. */
function buttons(blocks: Block[]): { action_id: string; value?: string }[] {
  return blocks.flatMap((b) => {
    const acc = b.accessory as { type?: string; action_id: string; value?: string } | undefined;
    const els = (b.elements as { type?: string; action_id: string; value?: string }[] | undefined) ?? [];
    return [...(acc?.type === "button" ? [acc] : []), ...els.filter((e) => e.type === "button")];
  });
}

async function seed(db: TestDatabase["prisma"]) {
  const customer = await db.customer.create({
    data: { company: "Geheim GmbH", searchText: "geheim gmbh" },
    select: { id: true },
  });
  // 40 open inquiries (the oldest 100 h ago), 5 assigned; 30 pending invitations, 5 declined.
  await db.inquiry.createMany({
    data: [
      ...Array.from({ length: 40 }, (_, i) => ({
        name: `Anfrage ${i}`,
        email: `a${i}@example.com`,
        receivedAt: hoursAgo(100 - i),
      })),
      ...Array.from({ length: 5 }, (_, i) => ({
        name: `Alt ${i}`,
        email: `alt${i}@example.com`,
        receivedAt: hoursAgo(500),
        status: "assigned" as const,
        customerId: customer.id,
      })),
    ],
  });
  await db.invitation.createMany({
    data: [
      ...Array.from({ length: 30 }, (_, i) => ({
        name: `Einladung ${i}`,
        email: `e${i}@example.com`,
        accessLevel: i % 2 ? ("full" as const) : ("partial" as const),
        receivedAt: hoursAgo(50 - i),
      })),
      ...Array.from({ length: 5 }, (_, i) => ({
        name: `Abgelehnt ${i}`,
        email: `x${i}@example.com`,
        accessLevel: "full" as const,
        receivedAt: hoursAgo(900),
        status: "declined" as const,
      })),
    ],
  });
  return customer.id;
}

describe.each(dbKinds())("the App Home and the request lists on %s", (kind) => {
  const t = useTestApp({ kind, members: ["U0MEMBER01"], now: () => NOW });
  let customerId: string;

  beforeAll(async () => {
    customerId = await seed(t.app.deps.prisma);
  });

  async function openHome(user = "U0MEMBER01"): Promise<SentView> {
    const n = t.standin.okCallsOf("views.publish").length;
    await t.app.event({ type: "app_home_opened", user, channel: "D1", tab: "home" });
    return nthView(t.standin, "views.publish", n + 1);
  }

  it("shows the counts the database holds, how long the oldest waited, and the lists with their buttons", async () => {
    const home = await openHome();
    expect(t.standin.okCallsOf("views.publish").at(-1)?.args.user_id).toBe("U0MEMBER01");
    expect(home.blocks.length).toBeLessThanOrEqual(100);
    const prisma = t.app.deps.prisma;
    const open = await prisma.inquiry.count({ where: { status: "open" } });
    const pending = await prisma.invitation.count({ where: { status: "pending" } });
    const counts = home.blocks.find((b) => b.block_id === "home_counts")?.text as { text: string };
    expect(counts.text).toContain(`*Einladungen:* ${pending} ausstehend – die älteste wartet seit 2 Tagen`);
    expect(counts.text).toContain(`*Anfragen:* ${open} offen – die älteste wartet seit 4 Tagen`);

    const all = buttons(home.blocks);
    const oldestInquiry = await prisma.inquiry.findFirstOrThrow({
      where: { status: "open" },
      orderBy: { receivedAt: "asc" },
      select: { id: true },
    });
    const add = all.filter((b) => b.action_id === ActionId.assignRequestInquiry);
    expect(add).toHaveLength(15);
    expect(add[0]?.value).toBe(oldestInquiry.id);
    expect(all.filter((b) => b.action_id === ActionId.assignRequestInvitation)).toHaveLength(15);
    expect(all.filter((b) => b.action_id === ActionId.declineInvitation)).toHaveLength(15);
    expect(all.some((b) => b.action_id === ActionId.homeSearch)).toBe(true);
    expect(JSON.stringify(home)).not.toContain("Geheim GmbH");
  });

  it("turns a Home list page and keeps the other list's page", async () => {
    const home = await openHome();
    const next = buttons(home.blocks).filter((b) => b.action_id === ActionId.pageNext);
    const inquiriesNext = next.find((b) => JSON.parse(b.value ?? "{}").l === "inquiries");
    const n = t.standin.okCallsOf("views.publish").length;
    await click(t.app, t.standin, ActionId.pageNext, inquiriesNext?.value, {
      view: { ...home, private_metadata: JSON.stringify({ i: 0, v: 1 }) },
    });
    const turned = await nthView(t.standin, "views.publish", n + 1);
    expect(JSON.parse(turned.private_metadata ?? "{}")).toEqual({ i: 1, v: 1 });
    expect(JSON.stringify(turned)).toContain("Anfrage 15");
    expect(JSON.stringify(turned)).toContain("Einladung 15");
  });

  it("publishHome refreshes a member's Home on request (after a decision)", async () => {
    const n = t.standin.okCallsOf("views.publish").length;
    await t.app.deps.prisma.inquiry.updateMany({
      where: { name: "Anfrage 0" },
      data: { status: "assigned", customerId },
    });
    await publishHome(t.app.deps, "U0MEMBER01");
    const home = await nthView(t.standin, "views.publish", n + 1);
    expect(JSON.stringify(home)).toContain("*Anfragen:* 39 offen");
  });

  it("lists open inquiries with /kunden anfragen, oldest first, within a message's 50 blocks", async () => {
    const body = (await slashCommand(t.app, t.standin, "anfragen")).json() as { blocks: Block[] };
    expect(body.blocks.length).toBeLessThanOrEqual(50);
    const values = buttons(body.blocks).filter((b) => b.action_id === ActionId.assignRequestInquiry);
    const expected = await t.app.deps.prisma.inquiry.findMany({
      where: { status: "open" },
      orderBy: { receivedAt: "asc" },
      take: 10,
      select: { id: true },
    });
    expect(values.map((v) => v.value)).toEqual(expected.map((e) => e.id));
    expect(JSON.stringify(body.blocks)).toContain("Kunde hinzufügen");
  });

  it("lists pending invitations with /kunden einladungen, with both decision buttons", async () => {
    const body = (await slashCommand(t.app, t.standin, "einladungen")).json() as { blocks: Block[] };
    expect(body.blocks.length).toBeLessThanOrEqual(50);
    const text = JSON.stringify(body.blocks);
    for (const s of ["Kunde verbinden", "Einladung ablehnen", "Vollzugriff", "Teilzugriff", "Seite 1 von 3"])
      expect(text).toContain(s);
  });

  it("answers an empty /kunden with help and the current counts", async () => {
    const body = (await slashCommand(t.app, t.standin, "")).json() as { blocks: Block[] };
    const text = JSON.stringify(body.blocks);
    expect(text).toContain("*30* ausstehende Einladungen");
    expect(text).toContain("*39* offene Anfragen");
    expect(text).toContain("/kunden neu");
  });

  it("searches from the Home's search modal", async () => {
    const home = await openHome();
    const n = t.standin.okCallsOf("views.open").length;
    await click(t.app, t.standin, ActionId.homeSearch, undefined, { view: home });
    const modal = await nthView(t.standin, "views.open", n + 1);
    expect(modal.callback_id).toBe(CallbackId.customerSearch);
    const answer = (await submit(t.app, modal, texts({ [FieldId.searchQuery]: "geheim" }))).json() as {
      view: SentView;
    };
    expect(JSON.stringify(answer.view)).toContain(customerId);
  });

  it("shows a non-member no customer data anywhere", async () => {
    const home = await openHome("U0OUTSIDE1");
    expect(JSON.stringify(home)).toContain("nur Mitgliedern des Team-Kanals");
    expect(JSON.stringify(home)).not.toMatch(/Anfrage \d|Einladung \d/);

    const search = (await slashCommand(t.app, t.standin, "geheim", "U0OUTSIDE1")).json();
    expect(JSON.stringify(search)).not.toContain("Geheim");
    const list = (await slashCommand(t.app, t.standin, "anfragen", "U0OUTSIDE1")).json();
    expect(JSON.stringify(list)).not.toContain("Anfrage 1");

    const opens = t.standin.okCallsOf("views.open").length;
    const answered = t.standin.responses.length;
    await click(t.app, t.standin, ActionId.openCustomer, customerId, { user: "U0OUTSIDE1", ephemeral: true });
    await t.standin.waitFor((s) => s.responses.length > answered, 10_000, "the refusal");
    expect(t.standin.responses.at(-1)?.body.text).toContain("nur Mitgliedern des Team-Kanals");
    expect(JSON.stringify(t.standin.responses)).not.toContain("Geheim");
    expect(t.standin.okCallsOf("views.open").length).toBe(opens);

    const options = await t.app.interact({
      type: "block_suggestion",
      team: { id: "T0AGENTUR1" },
      user: { id: "U0OUTSIDE1" },
      action_id: ActionId.existingCustomer,
      block_id: "existing",
      value: "geheim",
    });
    expect(options.json()).toEqual({ options: [] });
    const everything = JSON.stringify(
      t.standin.calls.filter((c) => JSON.stringify(c.args).includes("OUTSIDER")),
    );
    expect(everything).not.toContain("Geheim");
  });
});

describe("in the ISV partner program", () => {
  const t = useTestApp({ members: ["U0MEMBER01"], env: { PARTNER_PROGRAM: "isv" }, now: () => NOW });

  beforeAll(async () => {
    await seed(t.app.deps.prisma);
  });

  it("shows no invitations: not on the Home, not in help, not as a list", async () => {
    await t.app.event({ type: "app_home_opened", user: "U0MEMBER01", channel: "D1", tab: "home" });
    const home = await nthView(t.standin, "views.publish", 1);
    const text = JSON.stringify(home);
    expect(text).toContain("*Anfragen:* 40 offen");
    expect(text).not.toContain("Einladung");
    expect(buttons(home.blocks).some((b) => b.action_id === ActionId.assignRequestInvitation)).toBe(false);

    const help = JSON.stringify((await slashCommand(t.app, t.standin, "hilfe")).json());
    expect(help).not.toContain("Einladungen");
    const list = JSON.stringify((await slashCommand(t.app, t.standin, "einladungen")).json());
    expect(list).toContain("ISV-Partnerprogramm");
    expect(list).not.toContain("Einladung 1");
  });
});
