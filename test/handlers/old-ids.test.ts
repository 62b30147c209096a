import { beforeEach, describe, expect, it } from "vitest";
import { ActionId, ActionIdAlias, CallbackId, CallbackIdAlias, NoteBlock } from "../../blocks/ids.ts";
import { NOTE_INPUT_ACTION } from "../../blocks/requests/note.ts";
import { actionListeners } from "../../handlers/actions/index.ts";
import { withAliases } from "../../handlers/dispatch.ts";
import { viewListeners } from "../../handlers/views/index.ts";
import { seedInquiry } from "../support/fixtures.ts";
import { blockAction, viewSubmission } from "../support/interactions.ts";
import { useTestApp } from "../support/lifecycle.ts";

/**
 * Ids of earlier versions (blocks/ids.ts: ActionIdAlias, CallbackIdAlias) still reach the listener
 * of the id that replaced them: a channel message posted before an update keeps its buttons, and a
 * modal open during one submits its old callback_id.
 */

const ANNA = "U0ANNA0001";

describe("old action and callback ids", () => {
  it("each alias dispatches to the listener of its current id, and no alias is a current id", () => {
    const actions = withAliases(actionListeners, ActionIdAlias);
    for (const [old, current] of Object.entries(ActionIdAlias)) {
      expect(actionListeners[current], current).toBeDefined();
      expect(actions[old], old).toBe(actionListeners[current]);
      expect(Object.values(ActionId)).not.toContain(old);
    }
    const views = withAliases(viewListeners, CallbackIdAlias);
    for (const [old, current] of Object.entries(CallbackIdAlias)) {
      expect(viewListeners[current], current).toBeDefined();
      expect(views[old], old).toBe(viewListeners[current]);
      expect(Object.values(CallbackId)).not.toContain(old);
    }
  });

  describe("through the app", () => {
    const t = useTestApp({ kind: "pglite", members: [ANNA] });
    beforeEach(() => t.standin.reset());

    it("Kunde hinzufügen of a message posted with inquiry_add_customer opens the assign-request modal", async () => {
      const inquiry = await seedInquiry(t.app.deps.prisma);
      const payload = blockAction({ user: ANNA, actionId: "inquiry_add_customer", value: inquiry.id });
      expect((await t.app.interact(payload)).status).toBe(200);
      await t.standin.waitFor((s) => s.okCallsOf("views.open").length > 0, 5_000, "views.open");
      const view = JSON.parse(String(t.standin.okCallsOf("views.open")[0]?.args.view));
      expect(view.callback_id).toBe(CallbackId.assignRequest);
    });

    it("a Notiz modal opened before the update (callback_id request_note) still stores the note", async () => {
      const inquiry = await seedInquiry(t.app.deps.prisma);
      const res = await t.app.interact(
        viewSubmission({
          user: ANNA,
          callbackId: "request_note",
          privateMetadata: JSON.stringify({ kind: "inquiry", id: inquiry.id }),
          values: {
            [NoteBlock.text]: { [NOTE_INPUT_ACTION]: { type: "plain_text_input", value: "Rückruf" } },
          },
        }),
      );
      expect(res.status).toBe(200);
      const notes = await t.app.deps.prisma.requestNote.findMany({ where: { inquiryId: inquiry.id } });
      expect(notes.map((n) => n.text)).toEqual(["Rückruf"]);
    });
  });
});
