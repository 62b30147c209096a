import type { Button, KnownBlock, ModalView } from "@slack/types";
import { plain } from "../format.ts";
import { ActionId, AssignMemberBlock, CallbackId } from "../ids.ts";
import { userMention } from "../mrkdwn.ts";

/** **Zuweisen** on an undecided request; value: `<type>:<id>`. */
export function assignMemberButton(type: "inquiry" | "invitation", id: string): Button {
  return {
    type: "button",
    action_id: ActionId.assignMember,
    text: { type: "plain_text", text: "Zuweisen" },
    value: `${type}:${id}`,
  };
}

/** The modal **Zuweisen**: one required user select **Teammitglied**; `private_metadata` says which request. */
export function assignMemberModal(privateMetadata: string): ModalView {
  return {
    type: "modal",
    callback_id: CallbackId.assignMember,
    private_metadata: privateMetadata,
    title: plain("Zuweisen", 24),
    submit: plain("Zuweisen", 24),
    close: plain("Abbrechen", 24),
    blocks: [
      {
        type: "input",
        block_id: AssignMemberBlock.member,
        label: plain("Teammitglied", 2000),
        hint: plain("Die Person übernimmt die Anfrage und erhält eine Direktnachricht.", 2000),
        element: { type: "users_select", action_id: AssignMemberBlock.member },
      },
    ],
  };
}

/** The direct message to the member a request was assigned to: who did it, and the link (no personal data). */
export function assignedDirectMessage(input: {
  kind: "inquiry" | "invitation";
  by: string;
  permalink: string;
}): { text: string; blocks: KnownBlock[] } {
  const what = input.kind === "inquiry" ? "eine Anfrage" : "eine Einladung";
  const text = `${userMention(input.by)} hat Ihnen ${what} zugewiesen: <${input.permalink}|zur Nachricht im Team-Kanal>`;
  return {
    text,
    blocks: [{ type: "section", block_id: "assigned_notice", text: { type: "mrkdwn", text } }],
  };
}
