import { describe, expect, it } from "vitest";
import { kundenSubcommands, parseKunden } from "../../../handlers/commands/kunden/index.ts";

describe("parseKunden", () => {
  it.each(["", "hilfe", "help", "HELP", "?", "  ?  "])("%j shows the help", (text) => {
    const { word } = parseKunden(text);
    expect(kundenSubcommands[word]).toBe(kundenSubcommands.hilfe);
  });

  it("searches for anything else, also words that start like help", () => {
    expect(parseKunden("helper")).toEqual({ word: "suche", rest: "helper" });
    expect(parseKunden("? Müller")).toEqual({ word: "?", rest: "Müller" });
    expect(parseKunden("Acker GmbH")).toEqual({ word: "suche", rest: "Acker GmbH" });
  });
});
