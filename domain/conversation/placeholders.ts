/**
 * The placeholders of answer templates: `{name}` (the prospect), `{firma}` (their company),
 * `{agentur}` (AGENCY_NAME) and `{mitglied}` (the answering member's full name, not a mention).
 * Filled in one pass, so that a value that contains `{…}` is never filled again. A line that only
 * held placeholders without a value is left out, so that a template reads right without them.
 */
export const PLACEHOLDERS = ["name", "firma", "agentur", "mitglied"] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];
export type PlaceholderValues = Partial<Record<Placeholder, string | null | undefined>>;

const TOKEN = /\{([^{}\n]{0,40})\}/g;

const known = (name: string): name is Placeholder => (PLACEHOLDERS as readonly string[]).includes(name);

/** The `{…}` in a text that are no placeholder (a field error when a template is saved). */
export function unknownPlaceholders(text: string): string[] {
  const unknown = new Set<string>();
  for (const m of text.matchAll(TOKEN)) if (!known(m[1] ?? "")) unknown.add(m[0]);
  return [...unknown];
}

export function fillPlaceholders(text: string, values: PlaceholderValues): string {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const out: string[] = [];
  for (const line of lines) {
    let hadEmpty = false;
    const filled = line.replace(TOKEN, (token, name: string) => {
      if (!known(name)) return token;
      const value = values[name]?.trim() ?? "";
      if (value === "") hadEmpty = true;
      return value;
    });
    // "{agentur}" alone on a line, without AGENCY_NAME: the line goes rather than stays empty.
    if (hadEmpty && filled.trim() === "") continue;
    out.push(filled);
  }
  return out.join("\n");
}
