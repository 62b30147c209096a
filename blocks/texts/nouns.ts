import type { PluralForms } from "./plural.ts";

/**
 * The counted things that several surfaces name (help, lists, digest, Home), spelled once so they
 * read the same everywhere. Surfaces that add their own counted things add them here.
 */
export const OPEN_INQUIRIES: PluralForms = { one: "offene Anfrage", other: "offene Anfragen" };
export const PENDING_INVITATIONS: PluralForms = {
  one: "ausstehende Einladung",
  other: "ausstehende Einladungen",
};
