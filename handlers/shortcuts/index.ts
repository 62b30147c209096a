import type { AllMiddlewareArgs, App, SlackShortcutMiddlewareArgs } from "@slack/bolt";
import { CallbackId } from "../../blocks/ids.ts";
import type { Deps } from "../deps.ts";
import { recordInquiryShortcut } from "./record-inquiry.ts";

type ShortcutListener = (args: SlackShortcutMiddlewareArgs & AllMiddlewareArgs) => Promise<void>;

/** callback_id → listener for global shortcuts. One file per listener in this folder. */
export const shortcutListeners: Record<string, ShortcutListener> = {
  [CallbackId.recordInquiry]: recordInquiryShortcut,
};

export function registerShortcuts(app: App, _deps: Deps): void {
  for (const [id, listener] of Object.entries(shortcutListeners)) app.shortcut(id, listener);
}
