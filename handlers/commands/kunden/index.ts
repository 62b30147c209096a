import type { AllMiddlewareArgs, App, SlackCommandMiddlewareArgs } from "@slack/bolt";
import { z } from "zod";
import type { Deps } from "../../../bot/deps.ts";
import { anfrageCommand } from "./anfrage.ts";
import { anfragenCommand } from "./anfragen.ts";
import { digestCommand } from "./digest.ts";
import { einladungenCommand } from "./einladungen.ts";
import { hilfeCommand } from "./hilfe.ts";
import { neuCommand } from "./neu.ts";
import { sucheCommand } from "./suche.ts";

export type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

/** One `/kunden <word>` subcommand. It acks itself (a modal must open right after the ack). */
export type KundenSubcommand = (args: CommandArgs, deps: Deps, rest: string) => Promise<void>;

/**
 * `/kunden <word> …`: word → handler, one file per subcommand in this folder.
 * An empty command shows help (`hilfe`); any other text searches customers (`suche`).
 */
export const kundenSubcommands: Record<string, KundenSubcommand> = {
  suche: sucheCommand,
  neu: neuCommand,
  hilfe: hilfeCommand,
  anfragen: anfragenCommand,
  einladungen: einladungenCommand,
  digest: digestCommand,
  anfrage: anfrageCommand,
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
