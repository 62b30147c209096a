import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { CallbackId } from "../../../blocks/ids.ts";
import { NO_ADMINS_TEXT } from "../../../blocks/roles/not-admin.ts";
import { CUSTOMER_CSV_COLUMNS } from "../../../domain/customers/customer-export.ts";
import { until } from "../../e2e/support.ts";
import { type SentView, slashCommand, submit } from "../../support/interactions.ts";
import { useTestApp } from "../../support/lifecycle.ts";

/**
 * `/kunden export` (kunden.csv in the member's DM, through the external upload) and the roles of
 * ADMIN_USERS, through signed slash commands against the Slack stand-in.
 */

const ADMIN = "U0MEMBER02";
const MEMBER = "U0MEMBER01";
const GONE = "U0GONE0001";

const csvInDm = (t: ReturnType<typeof useTestApp>, user: string) => {
  const dm = `D${user.slice(1)}`;
  const file = [...t.standin.files.values()].find((f) => f.channel === dm && f.filename === "kunden.csv");
  return file?.bytes?.toString("utf8");
};
const lastResponse = (t: ReturnType<typeof useTestApp>) =>
  String(t.standin.responses.at(-1)?.body.text ?? "");
const homeOf = (t: ReturnType<typeof useTestApp>, user: string) =>
  t.standin
    .okCallsOf("views.publish")
    .filter((c) => c.args.user_id === user)
    .map((c) => String(c.args.view))
    .pop() ?? "";

describe("with ADMIN_USERS", () => {
  const t = useTestApp({ members: [MEMBER, ADMIN], env: { ADMIN_USERS: `${ADMIN}, ${GONE}` } });

  it("warns at start about an entry that is not a team member, and only about that one", async () => {
    await until(() => t.app.logs.some((l) => l.includes("ADMIN_USERS names someone")), 5_000, "warning");
    const warnings = t.app.logs.filter((l) => l.includes("ADMIN_USERS names someone"));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(GONE);
  });

  it("refuses Auskunft, Löschen and export to other members and names who may", async () => {
    for (const text of [
      "auskunft anna@example.com",
      "löschen anna@example.com",
      "loeschen a@b.de",
      "export",
    ]) {
      const res = await slashCommand(t.app, t.standin, text, MEMBER);
      const answer = (res.json() as { text: string }).text;
      expect(answer, text).toContain("ADMIN_USERS");
      expect(answer, text).toContain(`<@${ADMIN}>`);
      expect(answer, text).toContain(`<@${GONE}>`);
    }
    expect(t.standin.okCallsOf("views.open")).toHaveLength(0);
    expect(t.standin.okCallsOf("files.completeUploadExternal")).toHaveLength(0);
  });

  it("sends an admin kunden.csv in a DM, the file a CSV parser reads with umlauts intact", async () => {
    await t.app.deps.customers.createCustomer(
      { company: 'Müller, Söhne & "Töchter"', firstName: "Jörg", lastName: "Äcker", phone: "+49 30 1234" },
      ADMIN,
    );
    const res = await slashCommand(t.app, t.standin, "export", ADMIN);
    expect((res.json() as { text: string }).text).toBe("Der Export wird erstellt …");
    await until(() => csvInDm(t, ADMIN) !== undefined, 5_000, "kunden.csv in the admin's DM");
    const records = parse(csvInDm(t, ADMIN) as string, { bom: true }) as string[][];
    expect(records[0]).toEqual([...CUSTOMER_CSV_COLUMNS]);
    expect(records.slice(1).map((r) => r.slice(0, 5))).toEqual([
      ['Müller, Söhne & "Töchter"', "Jörg", "Äcker", "", "'+49 30 1234"],
    ]);
    await until(() => lastResponse(t).includes("Direktnachricht"), 5_000, "the answer");
    // The log says who exported, not what.
    expect(t.app.logs.join("\n")).not.toContain("Jörg");
  });

  it("lets an admin open the erasure, and refuses a non-admin's submission of it", async () => {
    const inquiry = await t.app.deps.prisma.inquiry.create({
      data: { name: "Anna Äcker", email: "anna@example.com", receivedAt: new Date() },
      select: { id: true },
    });
    await slashCommand(t.app, t.standin, "löschen anna@example.com", ADMIN);
    await t.standin.waitFor(
      (s) => s.okCallsOf("views.update").some((c) => String(c.args.view).includes(CallbackId.erasePerson)),
      5_000,
      "the erasure modal",
    );
    const call = t.standin.okCallsOf("views.update").pop();
    const view = (call?.response as { view: SentView } | undefined)?.view as SentView;
    const answer = await submit(t.app, view, {}, MEMBER);
    expect(JSON.stringify(answer.json())).toContain("ADMIN_USERS");
    const row = await t.app.deps.prisma.inquiry.findUniqueOrThrow({ where: { id: inquiry.id } });
    expect(row.email).toBe("anna@example.com");
    expect(row.erasedAt).toBeNull();
  });

  it("shows no note on the App Home that anyone may erase", async () => {
    await t.app.event({ type: "app_home_opened", user: ADMIN, tab: "home", channel: "D0MEMBER02" });
    await until(() => homeOf(t, ADMIN) !== "", 5_000, "the App Home");
    expect(homeOf(t, ADMIN)).not.toContain("home_roles");
  });
});

describe("without ADMIN_USERS", () => {
  const t = useTestApp({ members: [MEMBER] });

  it("lets every member export, and the App Home says that anyone in the channel may erase data", async () => {
    const res = await slashCommand(t.app, t.standin, "export", MEMBER);
    expect((res.json() as { text: string }).text).toBe("Der Export wird erstellt …");
    await until(() => csvInDm(t, MEMBER) !== undefined, 5_000, "kunden.csv");
    expect(parse(csvInDm(t, MEMBER) as string, { bom: true })).toEqual([[...CUSTOMER_CSV_COLUMNS]]);

    await t.app.event({ type: "app_home_opened", user: MEMBER, tab: "home", channel: "D0MEMBER01" });
    await until(() => homeOf(t, MEMBER) !== "", 5_000, "the App Home");
    const home = JSON.parse(homeOf(t, MEMBER)) as { blocks: { block_id?: string }[] };
    const note = home.blocks.find((b) => b.block_id === "home_roles");
    expect(note).toMatchObject({ elements: [{ type: "mrkdwn", text: NO_ADMINS_TEXT }] });
    expect(JSON.stringify(note)).toContain("löschen");
    expect(JSON.stringify(note)).toContain("ADMIN_USERS");
  });
});
