import type { App } from "@slack/bolt";
import type { Deps } from "../deps.ts";
import { publishHome } from "../shared/publish-home.ts";

/** A member opens the App Home: publish it fresh. (Non-members get the guard's notice instead.) */
export function registerAppHomeOpened(app: App, deps: Deps): void {
  app.event("app_home_opened", async ({ event }) => {
    if (event.tab !== "home") return;
    await publishHome(deps, event.user);
  });
}
