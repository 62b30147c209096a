import type { App } from "@slack/bolt";
import { registerActions } from "./actions/index.ts";
import { registerCommands } from "./commands/index.ts";
import type { Deps } from "./deps.ts";
import { registerErrorHandler } from "./errors.ts";
import { registerEvents } from "./events/index.ts";
import { registerTeamMemberGuard } from "./guards/team-member.ts";
import { registerOptions } from "./options/index.ts";
import { registerShortcuts } from "./shortcuts/index.ts";
import { registerViews } from "./views/index.ts";

/** Registers every Slack listener, one `register` per kind. */
export function registerListeners(app: App, deps: Deps): void {
  registerErrorHandler(app, deps.log);
  registerTeamMemberGuard(app, deps);
  registerCommands(app, deps);
  registerShortcuts(app, deps);
  registerActions(app, deps);
  registerViews(app, deps);
  registerOptions(app, deps);
  registerEvents(app, deps);
}
