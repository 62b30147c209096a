import type { App } from "@slack/bolt";
import type { Deps } from "../deps.ts";
import { registerKundenCommand } from "./kunden/index.ts";

export function registerCommands(app: App, deps: Deps): void {
  registerKundenCommand(app, deps);
}
