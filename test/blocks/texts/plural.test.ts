import { describe, expect, it } from "vitest";
import { countOf, pluralForm } from "../../../blocks/texts/plural.ts";

const INVITATIONS = { one: "ausstehende Einladung", other: "ausstehende Einladungen" };

describe("German plurals", () => {
  it.each([
    [0, "0 ausstehende Einladungen"],
    [1, "1 ausstehende Einladung"],
    [2, "2 ausstehende Einladungen"],
    [21, "21 ausstehende Einladungen"],
    [2500, "2.500 ausstehende Einladungen"],
  ])("%i → %s", (n, text) => {
    expect(countOf(n, INVITATIONS)).toBe(text);
  });

  it("dresses the figure, not the word", () => {
    expect(countOf(1, INVITATIONS, (f) => `*${f}*`)).toBe("*1* ausstehende Einladung");
  });

  it("picks the verb form alone", () => {
    expect(pluralForm(1, { one: "wartet", other: "warten" })).toBe("wartet");
    expect(pluralForm(0, { one: "wartet", other: "warten" })).toBe("warten");
  });
});
