import type { AllMiddlewareArgs, App, SlackCommandMiddlewareArgs } from "@slack/bolt";
import { z } from "zod";
import type { Deps } from "../../../bot/deps.ts";
import { anfrage } from "./anfrage.ts";
import { anfragen } from "./anfragen.ts";
import { kundenDigest } from "./digest.ts";
import { einladungen } from "./einladungen.ts";
import { hilfe } from "./hilfe.ts";
import { neu } from "./neu.ts";
import { suche } from "./suche.ts";

export type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

/** One `/kunden <word>` subcommand. It acks itself (a modal must open right after the ack). */
export type KundenSubcommand = (args: CommandArgs, deps: Deps, rest: string) => Promise<void>;

/**
 * `/kunden <word> …`: word → handler, one file per subcommand in this folder.
 * An empty command shows help (`hilfe`); any other text searches customers (`suche`).
 */
export const kundenSubcommands: Record<string, KundenSubcommand> = {
  suche,
  neu,
  hilfe,
  anfragen,
  einladungen,
  digest: kundenDigest,
  anfrage,
};

const commandText = z.object({ text: z.string().max(4000).default("") });

export function parseKunden(text: string): { word: string; rest: string } {
  const trimmed = text.trim();
  const [first = "", ...more] = trimmed.split(/\s+/);
  const word = first.toLowerCase();
  if (word === "") return { word: "hilfe", rest: "" };
  if (word in kundenSubcommands && word !== "suche") return { word, rest: more.join(" ") };
  return { word: "suche", rest: trimmed };
}

export function registerKundenCommand(app: App, deps: Deps): void {
  app.command("/kunden", async (args) => {
    const { text } = commandText.parse(args.command);
    const { word, rest } = parseKunden(text);
    const handler = kundenSubcommands[word];
    if (!handler) {
      await args.ack({ response_type: "ephemeral", text: `\`/kunden ${word}\` ist noch nicht verfügbar.` });
      return;
    }
    await handler(args, deps, rest);
  });
}
