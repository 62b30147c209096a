import { describe, expect, it } from "vitest";
import { stripInvisible } from "../../../domain/text/invisible.ts";

describe("stripInvisible", () => {
  it("drops every bidi control and zero-width character", () => {
    const invisible = [
      ..."\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\u200E\u200F\u061C",
      ..."\u200B\u200C\u200D\u2060\uFEFF",
    ];
    for (const c of invisible)
      expect(stripInvisible(`Mül${c}ler`), `U+${c.codePointAt(0)?.toString(16)}`).toBe("Müller");
    expect(stripInvisible("Rechnung\u202Efdp.exe")).toBe("Rechnungfdp.exe");
  });

  it("keeps umlauts, emoji and an emoji's zero-width joiner", () => {
    expect(stripInvisible("Jörg 👩‍👩‍👧 👍🏽 🏳️‍🌈 🇩🇪")).toBe("Jörg 👩‍👩‍👧 👍🏽 🏳️‍🌈 🇩🇪");
    expect(stripInvisible("a\u200D👩")).toBe("a👩");
    expect(stripInvisible("👩\u200Da")).toBe("👩a");
  });
});
