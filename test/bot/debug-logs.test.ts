import { describe, expect, it } from "vitest";
import { ActionId, CallbackId, FieldId } from "../../blocks/ids.ts";
import { inquiryBody, postIntake } from "../support/intake.ts";
import { blockAction, texts, viewSubmission } from "../support/interactions.ts";
import { useTestApp } from "../support/lifecycle.ts";

// A prospect whose data is easy to spot in the logs, in every spelling a log could carry it.
const prospect = {
  name: "Quirinus Zwetschkenbaum",
  email: "quirinus.zw@zwetschke-beispiel.de",
  phone: "+49 151 2345 6789",
  message: "Bitte um Rueckruf wegen Xylophonwerkstatt",
};
const secrets = [
  "Quirinus",
  "Zwetschkenbaum",
  "quirinus.zw",
  "zwetschke-beispiel",
  "2345 6789",
  "2345%206789",
  "Xylophonwerkstatt",
];

describe("debug logs of Bolt and the Web API client", () => {
  const t = useTestApp({ members: ["U0ANNA0001"], env: { LOG_LEVEL: "debug" } });

  it("carry no name, message, e-mail address or phone number of a prospect, but the method names", async () => {
    const res = await postIntake(t.app.baseUrl, "inquiries", inquiryBody(prospect));
    expect(res.status).toBe(201);
    const id = String(res.body.id);
    await expect
      .poll(async () => (await t.app.deps.prisma.inquiry.findUnique({ where: { id } }))?.slackTs, {
        timeout: 5_000,
      })
      .toBeTruthy();
    const row = await t.app.deps.prisma.inquiry.findUniqueOrThrow({ where: { id } });

    const click = blockAction({
      user: "U0ANNA0001",
      actionId: ActionId.assignRequestInquiry,
      value: id,
      channel: String(row.slackChannel),
      messageTs: String(row.slackTs),
    });
    expect((await t.app.interact(click)).status).toBe(200);
    await t.standin.waitFor((s) => s.okCallsOf("views.open").length > 0, 5_000, "views.open");
    const view = JSON.parse(String(t.standin.okCallsOf("views.open").at(-1)?.args.view));

    const submitted = await t.app.interact(
      viewSubmission({
        user: "U0ANNA0001",
        callbackId: CallbackId.assignRequest,
        privateMetadata: view.private_metadata,
        values: texts({
          [FieldId.company]: "Zwetschkenbaum Xylophonwerkstatt",
          [FieldId.firstName]: "Quirinus",
          [FieldId.lastName]: "Zwetschkenbaum",
          [FieldId.email]: prospect.email,
          [FieldId.phone]: prospect.phone,
        }),
      }),
    );
    expect(submitted.status).toBe(200);
    await t.standin.waitFor((s) => s.okCallsOf("chat.update").length > 0, 5_000, "chat.update");

    const logs = t.app.logs.join("\n");
    // The payload logs were there (debug is on), so their absence of personal data means something.
    expect(logs).toContain("views.open");
    expect(logs).toContain("chat.postMessage");
    for (const s of secrets) expect(logs, `the logs contain ${s}`).not.toContain(s);
  });
});
