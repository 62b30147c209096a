import type { App } from "@slack/bolt";
import type { Deps } from "../deps.ts";
import { registerAppHomeOpened } from "./app-home-opened.ts";
import { registerMembershipChanged } from "./membership-changed.ts";

export function registerEvents(app: App, deps: Deps): void {
  registerAppHomeOpened(app, deps);
  registerMembershipChanged(app, deps);
}
