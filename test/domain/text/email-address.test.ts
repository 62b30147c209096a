import { describe, expect, it } from "vitest";
import {
  addressesIn,
  addressForms,
  canonicalEmail,
  isEmailAddress,
  sameAddress,
} from "../../../domain/text/email-address.ts";

describe("e-mail addresses", () => {
  it("accepts a domain in Unicode and in punycode, and stores one canonical form", () => {
    const ascii = `jörg@${new URL("http://bäckerei-müller.de").hostname}`;
    expect(ascii).toMatch(/^jörg@xn--/);
    for (const a of ["jörg@bäckerei-müller.de", ascii, "Jörg@BÄCKEREI-Müller.de"]) {
      expect(isEmailAddress(a), a).toBe(true);
      expect(canonicalEmail(a)?.toLowerCase(), a).toBe("jörg@bäckerei-müller.de");
    }
    expect(sameAddress("jörg@bäckerei-müller.de", ascii)).toBe(true);
    expect(addressForms("JÖRG@bäckerei-müller.de")).toEqual(
      expect.arrayContaining([ascii.replace("jörg", "jörg")]),
    );
    // ASCII domains stay as written.
    expect(canonicalEmail(" Anna@Example.com ")).toBe("Anna@Example.com");
  });

  it("refuses what is no address", () => {
    for (const a of [
      "anna",
      "anna@",
      "@example.com",
      "a b@example.com",
      "anna@example",
      "a..b@example.com",
      "anna@exa mple.com",
      "anna@-x.de",
      "<a@example.com>",
    ])
      expect(isEmailAddress(a), a).toBe(false);
  });

  it("finds whole addresses in free text, never a part of a longer one", () => {
    const text =
      "Lisa <lisa@example.com>, *a@example.com.evil* und <mailto:b@example.com|b@example.com>. Ende: c@example.com.";
    expect(addressesIn(text)).toEqual([
      "lisa@example.com",
      "a@example.com.evil",
      "b@example.com",
      "b@example.com",
      "c@example.com",
    ]);
    expect(addressesIn(text).some((a) => sameAddress(a, "a@example.com"))).toBe(false);
  });
});
