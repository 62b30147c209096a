import type { App } from "@slack/bolt";
import type { Deps } from "../../bot/deps.ts";

export function registerCommands(_app: App, _deps: Deps): void {}
