import { readdir } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ERASED_TEXT } from "../../blocks/privacy/erased-message.ts";
import { dbKinds } from "../support/db.ts";
import { seedInquiry } from "../support/fixtures.ts";
import { useTestApp } from "../support/lifecycle.ts";
import { clickAnswer, sendAnswerModal } from "./conversation-support.ts";
import { until } from "./support.ts";

/**
 * The conversation is personal data: the Auskunft lists the answers and replies, the erasure
 * deletes them, overwrites their thread posts and deletes the answers' mail files (no SMTP_URL).
 */

const ANNA = "U0ANNA0001";

describe.each(dbKinds())("erasure of a conversation (%s)", (kind) => {
  const t = useTestApp({ kind, members: [ANNA], env: { MAIL_FROM: "kontakt@agentur.example" } });

  it("Auskunft contains it; the erasure removes it from the database, the thread and DATA_DIR/mail", async () => {
    const prisma = t.app.deps.prisma;
    const email = "loesch.mich@kunde.example";
    const other = await seedInquiry(prisma, { email: "bleibt@kunde.example", slackTs: "1700004000.000200" });
    const inquiry = await seedInquiry(prisma, { email, name: "Lotte Lösch", slackTs: "1700004000.000100" });
    for (const target of [inquiry, other]) {
      const view = await clickAnswer(t.app, t.standin, { user: ANNA, kind: "inquiry", id: target.id });
      await sendAnswerModal(t.app, {
        user: ANNA,
        view,
        subject: "Ihre Anfrage",
        text: `Antwort an ${target.email}`,
      });
    }
    const sent = await prisma.conversationEntry.findFirstOrThrow({ where: { inquiryId: inquiry.id } });
    await t.app.deps.conversation.receiveReply({
      messageId: "<loesch-reply@kunde.example>",
      inReplyTo: [sent.messageId],
      references: [],
      address: email,
      name: "Lotte Lösch",
      subject: "Re: Ihre Anfrage",
      text: "Meine Telefonnummer ist 030 999",
      attachments: ["lebenslauf.pdf"],
    });
    const threadPosts = () =>
      t.standin.okCallsOf("chat.postMessage").filter((c) => c.args.thread_ts === "1700004000.000100");
    await t.standin.waitFor(() => threadPosts().length >= 2, 10_000, "answer and reply in the thread");
    const mailDir = path.join(t.app.deps.config.dataDir, "mail");
    await until(async () => (await readdir(mailDir).catch(() => [])).length >= 2, 5_000, "two .eml files");

    const doc = await t.app.deps.privacy.exportFor(email);
    const exported = JSON.stringify(doc);
    expect(exported).toContain("Meine Telefonnummer ist 030 999");
    expect(exported).toContain(`Antwort an ${email}`);
    expect(exported).not.toContain("bleibt@kunde.example");

    const result = await t.app.deps.privacy.erase(email, ANNA);
    expect(result.status).toBe("erased");
    expect(await prisma.conversationEntry.count({ where: { inquiryId: inquiry.id } })).toBe(0);
    expect(await prisma.conversationEntry.count({ where: { address: email } })).toBe(0);
    // The other person's conversation stays.
    expect(await prisma.conversationEntry.count({ where: { inquiryId: other.id } })).toBe(1);

    // Both thread posts now say so, without the data.
    const postTs = threadPosts().map((c) => (c.response as { ts: string }).ts);
    await t.standin.waitFor(
      (s) =>
        postTs.every((ts) =>
          s
            .okCallsOf("chat.update")
            .some((c) => c.args.ts === ts && String(c.args.text).includes(ERASED_TEXT)),
        ),
      10_000,
      "the thread posts overwritten",
    );
    const files = await readdir(mailDir);
    expect(files).toHaveLength(1);
    expect(JSON.stringify(await t.app.deps.privacy.exportFor(email))).not.toContain("030 999");
  });
});
