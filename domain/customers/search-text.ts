/**
 * Folds text for search: lower case, umlauts and their two-letter spellings to the base vowel,
 * ß to ss, other accents removed. `Müller`, `Mueller`, `MÜLLER` and `muller` all become `muller`.
 * Both the stored search text and the query go through this, so they meet.
 */
export function foldForSearch(text: string): string {
  return text
    .toLowerCase()
    .replace(/ß/g, "ss")
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/ae/g, "a")
    .replace(/oe/g, "o")
    .replace(/ue/g, "u")
    .replace(/\s+/g, " ")
    .trim();
}

/** The stored search text of a customer: every field one can search by, folded. */
export function customerSearchText(c: {
  company?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  email?: string | null;
  domains?: string[];
}): string {
  return foldForSearch(
    [
      c.company,
      c.firstName,
      c.lastName,
      c.firstName && c.lastName ? `${c.lastName} ${c.firstName}` : null,
      c.email,
      ...(c.domains ?? []),
    ]
      .filter(Boolean)
      .join(" | "),
  );
}
