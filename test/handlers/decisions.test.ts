import { beforeEach, describe, expect, it } from "vitest";
import {
  ActionId,
  CallbackId,
  EXISTING_CUSTOMER_BLOCK,
  FieldId,
  PERSONAL_MESSAGE_BLOCK,
} from "../../blocks/ids.ts";
import { customerInput } from "../../domain/customers/customer.schema.ts";
import { insertCustomer } from "../../domain/customers/customer-repository.ts";
import { dbKinds } from "../support/db.ts";
import { seedInquiry, seedInvitation } from "../support/fixtures.ts";
import { blockAction, texts, viewSubmission } from "../support/interactions.ts";
import { useTestApp } from "../support/lifecycle.ts";

type View = {
  title: { text: string };
  blocks: Record<string, unknown>[];
  private_metadata?: string;
  callback_id?: string;
};

describe.each(dbKinds())("Kunde hinzufügen, Kunde verbinden, Einladung ablehnen (%s)", (kind) => {
  const t = useTestApp({ kind, members: ["U0ANNA0001", "U0BEN00001"] });

  beforeEach(() => t.standin.reset());

  const prisma = () => t.app.deps.prisma;
  const lastOpened = () => {
    const call = t.standin.callsOf("views.open").at(-1);
    return { trigger: call?.args.trigger_id, view: JSON.parse(String(call?.args.view)) as View };
  };
  const click = async (actionId: string, value: string, user = "U0ANNA0001") => {
    const payload = blockAction({ user, actionId, value });
    const res = await t.app.interact(payload);
    expect(res.status).toBe(200);
    await t.standin.waitFor((s) => s.callsOf("views.open").length > 0, 10_000, "views.open");
    const opened = lastOpened();
    expect(opened.trigger).toBe(payload.trigger_id);
    return opened.view;
  };

  it("opens the modal with a fresh trigger_id, prefilled, and creates the customer on submit", async () => {
    const inquiry = await seedInquiry(prisma(), {
      name: "Hans Müller",
      email: "neu@baeckerei.de",
      company: "Bäckerei Müller",
    });
    const view = await click(ActionId.assignRequestInquiry, inquiry.id);
    expect(view.title.text).toBe("Kunde hinzufügen");
    const text = JSON.stringify(view.blocks);
    expect(text).toContain('"text":"Bestehender Kunde"');
    expect(text).toContain('"initial_value":"Bäckerei Müller"');
    expect(text).toContain('"initial_value":"Hans"');
    expect(text).toContain('"initial_value":"neu@baeckerei.de"');

    const res = await t.app.interact(
      viewSubmission({
        user: "U0ANNA0001",
        callbackId: CallbackId.assignRequest,
        privateMetadata: String(view.private_metadata),
        values: {
          ...texts({
            [FieldId.company]: "Bäckerei Müller",
            [FieldId.firstName]: "Hans",
            [FieldId.lastName]: "Müller",
            [FieldId.email]: "neu@baeckerei.de",
          }),
          [EXISTING_CUSTOMER_BLOCK]: {
            [ActionId.existingCustomer]: { type: "external_select", selected_option: null },
          },
        },
      }),
    );
    expect(res.status).toBe(200);
    expect(res.text).toBe("");
    const row = await prisma().inquiry.findUniqueOrThrow({
      where: { id: inquiry.id },
      include: { customer: true },
    });
    expect(row).toMatchObject({ status: "assigned", decidedBy: "U0ANNA0001", newCustomer: true });
    expect(row.customer).toMatchObject({ company: "Bäckerei Müller", firstName: "Hans", lastName: "Müller" });
  });

  it("preselects an existing customer with the same e-mail, says so, and assigns it", async () => {
    const existing = await insertCustomer(
      prisma(),
      customerInput.parse({ company: "Schröder IT", email: "eva@schroeder-it.de" }),
      "U0BEN00001",
    );
    const invitation = await seedInvitation(prisma(), { email: "EVA@schroeder-it.de" });
    const view = await click(ActionId.assignRequestInvitation, invitation.id);
    expect(view.title.text).toBe("Kunde verbinden");
    const text = JSON.stringify(view.blocks);
    expect(text).toContain("Es gibt bereits einen Kunden mit dieser E-Mail-Adresse");
    expect(text).toContain(`"value":"${existing.id}"`);
    expect(text).toContain("Vollzugriff");

    const res = await t.app.interact(
      viewSubmission({
        user: "U0BEN00001",
        callbackId: CallbackId.assignRequest,
        privateMetadata: String(view.private_metadata),
        values: {
          [EXISTING_CUSTOMER_BLOCK]: {
            [ActionId.existingCustomer]: { type: "external_select", selected_option: { value: existing.id } },
          },
        },
      }),
    );
    expect(res.status).toBe(200);
    const row = await prisma().invitation.findUniqueOrThrow({ where: { id: invitation.id } });
    expect(row).toMatchObject({
      status: "connected",
      customerId: existing.id,
      newCustomer: false,
      decidedBy: "U0BEN00001",
    });
  });

  it("shows invalid input under the fields and changes nothing", async () => {
    const inquiry = await seedInquiry(prisma(), { email: "x@y.de" });
    const res = await t.app.interact(
      viewSubmission({
        user: "U0ANNA0001",
        callbackId: CallbackId.assignRequest,
        privateMetadata: JSON.stringify({ kind: "inquiry", id: inquiry.id }),
        values: texts({ [FieldId.company]: "", [FieldId.email]: "keine-adresse" }),
      }),
    );
    expect(res.json()).toEqual({
      response_action: "errors",
      errors: {
        [FieldId.email]: "keine gültige E-Mail-Adresse",
        [FieldId.company]: "Bitte eine Firma oder einen Namen angeben",
      },
    });
    expect((await prisma().inquiry.findUniqueOrThrow({ where: { id: inquiry.id } })).status).toBe("open");
  });

  it("tells a second decider who decided, on submit and on click, and changes nothing", async () => {
    const inquiry = await seedInquiry(prisma(), { email: "race@x.de" });
    const submit = (user: string) =>
      t.app.interact(
        viewSubmission({
          user,
          callbackId: CallbackId.assignRequest,
          privateMetadata: JSON.stringify({ kind: "inquiry", id: inquiry.id }),
          values: texts({ [FieldId.company]: `Firma von ${user}` }),
        }),
      );
    expect((await submit("U0ANNA0001")).text).toBe("");
    const second = await submit("U0BEN00001");
    const answer = second.json() as { response_action: string; view: View };
    expect(answer.response_action).toBe("update");
    expect(JSON.stringify(answer.view.blocks)).toContain("hat <@U0ANNA0001> bereits");
    const row = await prisma().inquiry.findUniqueOrThrow({
      where: { id: inquiry.id },
      include: { customer: true },
    });
    expect(row.customer?.company).toBe("Firma von U0ANNA0001");
    expect(await prisma().customer.count({ where: { company: "Firma von U0BEN00001" } })).toBe(0);

    const view = await click(ActionId.assignRequestInquiry, inquiry.id, "U0BEN00001");
    expect(view.title.text).toBe("Bereits entschieden");
    expect(JSON.stringify(view.blocks)).toContain("<@U0ANNA0001>");
  });

  it("answers within Slack's 3 s when the decision is slow, and shows the outcome when it is made", async () => {
    const inquiry = await seedInquiry(prisma(), { email: "slow@x.de" });
    // A colleague's long transaction holds the request's row: the decision has to wait for it.
    const holder = prisma().$transaction(
      async (tx) => {
        await tx.$queryRaw`SELECT id FROM "Inquiry" WHERE id = ${inquiry.id}::uuid FOR UPDATE`;
        await new Promise((r) => setTimeout(r, 3_000));
      },
      { timeout: 10_000 },
    );
    await new Promise((r) => setTimeout(r, 100));
    const started = Date.now();
    const res = await t.app.interact(
      viewSubmission({
        user: "U0ANNA0001",
        callbackId: CallbackId.assignRequest,
        privateMetadata: JSON.stringify({ kind: "inquiry", id: inquiry.id }),
        values: texts({ [FieldId.company]: "Langsam GmbH" }),
        viewId: "V0SLOW0001",
      }),
    );
    expect(Date.now() - started).toBeLessThan(2_900);
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.json())).toContain("Wird gespeichert");
    await holder;
    await t.standin.waitFor(
      (s) => s.callsOf("views.update").some((c) => c.args.view_id === "V0SLOW0001"),
      5_000,
      "views.update",
    );
    const update = t.standin.callsOf("views.update").find((c) => c.args.view_id === "V0SLOW0001");
    expect(String(update?.args.view)).toContain("Gespeichert");
    expect(String(update?.args.view)).toContain("Langsam GmbH");
    expect((await prisma().inquiry.findUniqueOrThrow({ where: { id: inquiry.id } })).status).toBe("assigned");
  });

  it("declines an invitation with a personal message and queues the e-mail", async () => {
    const invitation = await seedInvitation(prisma(), {
      name: "Eva <!channel> Schröder",
      email: "eva@example.com",
    });
    const view = await click(ActionId.declineInvitation, invitation.id);
    expect(view.title.text).toBe("Einladung ablehnen");
    const text = JSON.stringify(view.blocks);
    expect(text).toContain("Persönliche Nachricht");
    expect(text).toContain("Guten Tag Eva <!channel> Schröder");
    // Outside text only in plain_text: it cannot ping.
    for (const block of view.blocks) {
      const t = (block as { text?: { type: string; text: string } }).text;
      if (t?.text.includes("<!channel>")) expect(t.type).toBe("plain_text");
    }
    const res = await t.app.interact(
      viewSubmission({
        user: "U0ANNA0001",
        callbackId: CallbackId.declineInvitation,
        privateMetadata: String(view.private_metadata),
        values: {
          [PERSONAL_MESSAGE_BLOCK]: {
            value: { type: "plain_text_input", value: "Alles Gute für Ihr Projekt!" },
          },
        },
      }),
    );
    expect(res.text).toBe("");
    const row = await prisma().invitation.findUniqueOrThrow({ where: { id: invitation.id } });
    expect(row).toMatchObject({
      status: "declined",
      declineMessage: "Alles Gute für Ihr Projekt!",
      decidedBy: "U0ANNA0001",
    });
    const mail = await prisma().outboxJob.findFirstOrThrow({
      where: { dedupeKey: `decline-mail:${invitation.id}` },
    });
    expect(JSON.stringify(mail.payload)).toContain("Alles Gute für Ihr Projekt!");
  });

  it("refuses a non-member's click without revealing anything", async () => {
    const inquiry = await seedInquiry(prisma(), { email: "secret@x.de", name: "Geheim Kunde" });
    const responseUrl = t.standin.responseUrl();
    // Earlier tests' clicks answer through response_urls too, possibly late: look at this click's only.
    const urlId = responseUrl.split("/").pop();
    const mine = () => t.standin.responses.filter((r) => r.id === urlId);
    const res = await t.app.interact(
      blockAction({
        user: "U0OUTSIDE1",
        actionId: ActionId.assignRequestInquiry,
        value: inquiry.id,
        responseUrl,
      }),
    );
    expect(res.status).toBe(200);
    await t.standin.waitFor(() => mine().length === 1, 10_000, "refusal");
    expect(mine()[0]?.body).toMatchObject({
      response_type: "ephemeral",
      replace_original: false,
    });
    expect(t.standin.callsOf("views.open")).toHaveLength(0);
    // Members' App Homes (refreshed after earlier tests' decisions) may list the inquiry; nothing
    // addressed to the outsider may.
    const toOutsider = t.standin.calls.filter((c) => JSON.stringify(c.args).includes("U0OUTSIDE1"));
    expect(JSON.stringify(toOutsider)).not.toContain("Geheim");
    expect(JSON.stringify(mine())).not.toContain("Geheim");
    expect((await prisma().inquiry.findUniqueOrThrow({ where: { id: inquiry.id } })).status).toBe("open");
  });
});

describe("in the ISV partner program", () => {
  const t = useTestApp({ members: ["U0ANNA0001"], env: { PARTNER_PROGRAM: "isv" } });

  it("does not open invitation decisions", async () => {
    const invitation = await seedInvitation(t.app.deps.prisma);
    await t.app.interact(
      blockAction({ user: "U0ANNA0001", actionId: ActionId.assignRequestInvitation, value: invitation.id }),
    );
    await t.standin.waitFor((s) => s.callsOf("views.open").length === 1, 10_000, "views.open");
    const view = JSON.parse(String(t.standin.callsOf("views.open")[0]?.args.view));
    expect(view.title.text).toBe("Nicht verfügbar");
    expect(
      (await t.app.deps.prisma.invitation.findUniqueOrThrow({ where: { id: invitation.id } })).status,
    ).toBe("pending");
  });
});
