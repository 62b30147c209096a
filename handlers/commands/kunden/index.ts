import type { AllMiddlewareArgs, App, SlackCommandMiddlewareArgs } from "@slack/bolt";
import { z } from "zod";
import { storableString } from "../../../domain/fields.ts";
import type { Deps } from "../../deps.ts";
import { adminOnly } from "../../guards/admin.ts";
import { anfrageCommand } from "./anfrage.ts";
import { anfragenCommand } from "./anfragen.ts";
import { auskunftCommand } from "./auskunft.ts";
import { berichtCommand } from "./bericht.ts";
import { digestCommand } from "./digest.ts";
import { einladungenCommand } from "./einladungen.ts";
import { exportCommand } from "./export.ts";
import { hilfeCommand } from "./hilfe.ts";
import { loeschenCommand } from "./loeschen.ts";
import { neuCommand } from "./neu.ts";
import { sucheCommand } from "./suche.ts";
import { vorlagenCommand } from "./vorlagen.ts";

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
  bericht: berichtCommand,
  anfrage: anfrageCommand,
  // Reserved to ADMIN_USERS when it is set (handlers/guards/admin.ts).
  auskunft: adminOnly("/kunden auskunft", auskunftCommand),
  löschen: adminOnly("/kunden löschen", loeschenCommand),
  // For keyboards without umlauts.
  loeschen: adminOnly("/kunden löschen", loeschenCommand),
  export: adminOnly("/kunden export", exportCommand),
  vorlagen: adminOnly("/kunden vorlagen", vorlagenCommand),
  // What people type when they look for help: Slack's own commands answer to `help`.
  help: hilfeCommand,
  "?": hilfeCommand,
};

const commandText = z.object({
  text: storableString(
    "Der Befehl enthält ein Zeichen, das nicht gespeichert werden kann (Nullzeichen oder ungültiges Unicode).",
  )
    .max(4000, "Der Befehl ist zu lang.")
    .default(""),
});

export function parseKunden(text: string): { word: string; rest: string } {
  const trimmed = text.trim();
  const [first = "", ...more] = trimmed.split(/\s+/);
  const word = first.normalize("NFC").toLowerCase();
  if (word === "") return { word: "hilfe", rest: "" };
  // Own keys only: `constructor` or `__proto__` are search words, not members of Object.prototype.
  if (Object.hasOwn(kundenSubcommands, word) && word !== "suche") return { word, rest: more.join(" ") };
  return { word: "suche", rest: trimmed };
}

export function registerKundenCommand(app: App, deps: Deps): void {
  app.command("/kunden", async (args) => {
    const parsed = commandText.safeParse(args.command);
    if (!parsed.success) {
      await args.ack({ response_type: "ephemeral", text: parsed.error.issues[0]?.message ?? "" });
      return;
    }
    const { word, rest } = parseKunden(parsed.data.text);
    const handler = kundenSubcommands[word];
    if (!handler) {
      await args.ack({ response_type: "ephemeral", text: `\`/kunden ${word}\` ist noch nicht verfügbar.` });
      return;
    }
    await handler(args, deps, rest);
  });
}
