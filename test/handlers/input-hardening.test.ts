import { describe, expect, it } from "vitest";
import {
  ActionId,
  CallbackId,
  EXISTING_CUSTOMER_BLOCK,
  FieldId,
  INPUT_ACTION,
  PERSONAL_MESSAGE_ACTION,
  PERSONAL_MESSAGE_BLOCK,
  RecordInquiryBlock,
} from "../../blocks/ids.ts";
import { customerInput } from "../../domain/customers/customer.schema.ts";
import { insertCustomer } from "../../domain/customers/customer-repository.ts";
import { dbKinds } from "../support/db.ts";
import { seedInquiry, seedInvitation } from "../support/fixtures.ts";
import { click, nthView, type SentView, slashCommand, submit, texts } from "../support/interactions.ts";
import { useTestApp } from "../support/lifecycle.ts";

type ViewAnswer = { response_action: string; view?: SentView; errors?: Record<string, string> };
type Ephemeral = { response_type: string; text: string; blocks: SentView["blocks"] };

const SAME_EMAIL_NOTICE = "Es gibt bereits einen Kunden mit dieser E-Mail-Adresse";
const NUL = "\u0000";

/**
 * Hostile input from Slack users: e-mail addresses and search texts with LIKE's wildcards, NUL
 * characters in modal fields, and subcommand words that are names of Object.prototype members.
 */
describe.each(dbKinds())("input from Slack on %s", (kind) => {
  const t = useTestApp({ kind, members: ["U0MEMBER01"] });
  const prisma = () => t.app.deps.prisma;
  const count = (method: string) => t.standin.okCallsOf(method).length;
  const newCustomer = (fields: Record<string, string>) =>
    insertCustomer(prisma(), customerInput.parse(fields), "U0MEMBER01");

  /** Clicks a decision button and returns the modal it opened. */
  async function decisionModalFor(actionId: string, requestId: string): Promise<SentView> {
    const n = count("views.open");
    await click(t.app, t.standin, actionId, requestId);
    return nthView(t.standin, "views.open", n + 1);
  }

  let max: { id: string };

  describe("e-mail addresses match exactly, ignoring case", () => {
    it("does not preselect max@firma.de for m_x@firma.de or %@firma.de, and does for MAX@Firma.de", async () => {
      max = await newCustomer({ company: "Max Firma", email: "max@firma.de" });
      for (const email of ["m_x@firma.de", "%@firma.de", "max@firma.d_"]) {
        const inquiry = await seedInquiry(prisma(), { email });
        const view = await decisionModalFor(ActionId.assignRequestInquiry, inquiry.id);
        const text = JSON.stringify(view.blocks);
        expect(text, email).not.toContain(SAME_EMAIL_NOTICE);
        expect(text, email).not.toContain(`"value":"${max.id}"`);
      }
      const invitation = await seedInvitation(prisma(), { email: "MAX@Firma.de" });
      const text = JSON.stringify(
        (await decisionModalFor(ActionId.assignRequestInvitation, invitation.id)).blocks,
      );
      expect(text).toContain(SAME_EMAIL_NOTICE);
      expect(text).toContain(`"value":"${max.id}"`);
    });

    /** `/kunden neu`, then the form submitted with these fields. */
    async function submitNewCustomer(fields: Record<string, string>): Promise<ViewAnswer> {
      const n = count("views.open");
      await slashCommand(t.app, t.standin, "neu");
      const form = await nthView(t.standin, "views.open", n + 1);
      return (await submit(t.app, form, texts(fields))).json() as ViewAnswer;
    }

    it("/kunden neu does not flag m_x@firma.de as a duplicate of max@firma.de, and flags MAX@Firma.de", async () => {
      const other = await submitNewCustomer({
        [FieldId.company]: "Mx GmbH",
        [FieldId.email]: "m_x@firma.de",
      });
      expect(JSON.stringify(other.view)).not.toContain("schon eingetragen bei");
      expect(other.view?.callback_id).toBe(CallbackId.customerCard);

      const same = await submitNewCustomer({
        [FieldId.company]: "Max Filiale",
        [FieldId.email]: "MAX@Firma.de",
      });
      expect(same.view?.callback_id).toBe(CallbackId.customerForm);
      expect(JSON.stringify(same.view)).toContain("schon eingetragen bei: Max Firma");
    });
  });

  describe("search texts with _, % and \\ find only literal matches", () => {
    const resultIds = async (q: string) => {
      const body = (await slashCommand(t.app, t.standin, q)).json() as Ephemeral;
      expect(body.response_type, q).toBe("ephemeral");
      return body.blocks
        .map((b) => (b as { accessory?: { action_id?: string; value?: string } }).accessory)
        .filter((a) => a?.action_id === ActionId.openCustomer)
        .map((a) => a?.value);
    };

    it("in /kunden <text>", async () => {
      const underscore = await newCustomer({ company: "Web_Werk" });
      await newCustomer({ company: "WebxWerk" });
      const percent = await newCustomer({ company: "100% Pixel" });
      await newCustomer({ company: "1000 Pixel" });
      const backslash = await newCustomer({ company: "Back\\Slash IT" });
      await newCustomer({ company: "Backslash IT" });
      expect(await resultIds("web_werk")).toEqual([underscore.id]);
      expect(await resultIds("100%")).toEqual([percent.id]);
      expect(await resultIds("%")).toEqual([percent.id]);
      expect(await resultIds("k\\s")).toEqual([backslash.id]);
      expect(await resultIds("\\")).toEqual([backslash.id]);
      const mx = await prisma().customer.findFirstOrThrow({ where: { email: "m_x@firma.de" } });
      expect(await resultIds("m_x@")).toEqual([mx.id]);
    });

    it("in Bestehender Kunde", async () => {
      const res = await t.app.interact({
        type: "block_suggestion",
        team: { id: "T0AGENTUR1" },
        user: { id: "U0MEMBER01", team_id: "T0AGENTUR1" },
        api_app_id: "A0KUNDENBOT",
        token: "legacy",
        action_id: ActionId.existingCustomer,
        block_id: EXISTING_CUSTOMER_BLOCK,
        value: "_",
        container: { type: "view", view_id: "V0MODAL001" },
        view: { id: "V0MODAL001", type: "modal", callback_id: CallbackId.assignRequest },
      });
      const options = (res.json() as { options: { value: string }[] }).options;
      const literal = await prisma().customer.findMany({
        where: { company: { in: ["Mx GmbH", "Web_Werk"] } },
        select: { id: true },
      });
      expect(literal).toHaveLength(2);
      expect(options.map((o) => o.value).sort()).toEqual(literal.map((c) => c.id).sort());
    });
  });

  describe("/kunden <word> that names an Object.prototype member is a search", () => {
    for (const word of ["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf"]) {
      it(`/kunden ${word}`, async () => {
        const res = await slashCommand(t.app, t.standin, word);
        expect(res.status).toBe(200);
        const body = res.json() as Ephemeral;
        expect(body.response_type).toBe("ephemeral");
        expect(JSON.stringify(body.blocks)).toContain(`Kein Kunde gefunden für „${word}“`);
      });
    }
  });

  describe("a NUL character in a modal field is shown under that field, and nothing is stored", () => {
    const unstorable = expect.stringContaining("Zeichen, das nicht gespeichert werden kann");

    it("in /kunden <text>", async () => {
      const res = await slashCommand(t.app, t.standin, `Müller${NUL}`);
      expect(res.status).toBe(200);
      const body = res.json() as Ephemeral;
      expect(body.response_type).toBe("ephemeral");
      expect(body.text).toEqual(unstorable);
    });

    it("in the customer form", async () => {
      const before = await prisma().customer.count();
      const n = count("views.open");
      await slashCommand(t.app, t.standin, "neu");
      const form = await nthView(t.standin, "views.open", n + 1);
      const answer = (
        await submit(
          t.app,
          form,
          texts({ [FieldId.company]: "Firma", [FieldId.notes]: `a${NUL}b`, [FieldId.lastName]: "\uD800" }),
        )
      ).json() as ViewAnswer;
      expect(answer).toEqual({
        response_action: "errors",
        errors: { [FieldId.notes]: unstorable, [FieldId.lastName]: unstorable },
      });
      expect(await prisma().customer.count()).toBe(before);
    });

    it("in the decision modal's customer fields", async () => {
      const before = await prisma().customer.count();
      const inquiry = await seedInquiry(prisma(), { email: "nul@firma.de" });
      const view = await decisionModalFor(ActionId.assignRequestInquiry, inquiry.id);
      const answer = (
        await submit(
          t.app,
          view,
          texts({ [FieldId.company]: `Firma${NUL}`, [FieldId.email]: "nul@firma.de" }),
        )
      ).json() as ViewAnswer;
      expect(answer).toEqual({ response_action: "errors", errors: { [FieldId.company]: unstorable } });
      expect(await prisma().customer.count()).toBe(before);
      expect((await prisma().inquiry.findUniqueOrThrow({ where: { id: inquiry.id } })).status).toBe("open");
    });

    it("in the decline's personal message", async () => {
      const invitation = await seedInvitation(prisma(), { email: "decline@firma.de" });
      const view = await decisionModalFor(ActionId.declineInvitation, invitation.id);
      const jobs = await prisma().outboxJob.count();
      const answer = (
        await submit(t.app, view, {
          [PERSONAL_MESSAGE_BLOCK]: {
            [PERSONAL_MESSAGE_ACTION]: { type: "plain_text_input", value: `Leider${NUL} nicht.` },
          },
        })
      ).json() as ViewAnswer;
      expect(answer).toEqual({ response_action: "errors", errors: { [PERSONAL_MESSAGE_BLOCK]: unstorable } });
      expect((await prisma().invitation.findUniqueOrThrow({ where: { id: invitation.id } })).status).toBe(
        "pending",
      );
      expect(await prisma().outboxJob.count()).toBe(jobs);
    });

    it("in Anfrage erfassen", async () => {
      const n = count("views.open");
      await slashCommand(t.app, t.standin, "anfrage");
      const form = await nthView(t.standin, "views.open", n + 1);
      const before = await prisma().inquiry.count();
      const field = (value: string | null) => ({ [INPUT_ACTION]: { type: "plain_text_input", value } });
      const answer = (
        await submit(t.app, form, {
          [RecordInquiryBlock.name]: field("Eva"),
          [RecordInquiryBlock.email]: field("eva@firma.de"),
          [RecordInquiryBlock.message]: field(`Hallo${NUL}`),
        })
      ).json() as ViewAnswer;
      expect(answer).toEqual({
        response_action: "errors",
        errors: { [RecordInquiryBlock.message]: unstorable },
      });
      expect(await prisma().inquiry.count()).toBe(before);
    });

    it("in the card forms: domain, contract, task", async () => {
      const n = count("views.open");
      await click(t.app, t.standin, ActionId.openCustomer, max.id, { ephemeral: true });
      const card = await nthView(t.standin, "views.open", n + 1);
      const forms: [string, string][] = [
        [ActionId.assignDomain, FieldId.domainName],
        [ActionId.assignContract, FieldId.contractTitle],
        [ActionId.createTask, FieldId.taskTitle],
      ];
      for (const [actionId, fieldId] of forms) {
        const pushes = count("views.push");
        await click(t.app, t.standin, actionId, max.id, { view: card });
        const form = await nthView(t.standin, "views.push", pushes + 1);
        const res = await submit(t.app, form, texts({ [fieldId]: `beispiel${NUL}.de` }));
        expect(res.status, actionId).toBe(200);
        const answer = res.json() as ViewAnswer;
        expect(answer.response_action, actionId).toBe("errors");
        expect(Object.keys(answer.errors ?? {}), actionId).toEqual([fieldId]);
      }
      const stored = await prisma().customer.findUniqueOrThrow({
        where: { id: max.id },
        select: { _count: { select: { domains: true, contracts: true, tasks: true } } },
      });
      expect(stored._count).toEqual({ domains: 0, contracts: 0, tasks: 0 });
    });
  });
});
