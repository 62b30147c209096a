import { domainToASCII, domainToUnicode } from "node:url";

/**
 * E-mail addresses as kundenbot compares them: exactly, ignoring case, and with a domain in Unicode
 * (`jörg@bäckerei-müller.de`) the same address as in punycode (`jörg@xn--bckerei-mller-…`).
 * An address is stored in one canonical form: the local part as written, an internationalised
 * domain in lower-case Unicode (ASCII domains stay as written). Matching compares both forms, so
 * rows stored before either form was canonical are still found.
 */

/** Local part: letters (any script), digits and `_'+-.`; no dot at either end, no two in a row. */
const LOCAL = /^(?!\.)(?!.*\.\.)[\p{L}\p{M}\p{N}_'+\-.]*[\p{L}\p{M}\p{N}_+-]$/u;
/** Domain in ASCII (after IDNA): labels of letters, digits and hyphens, a TLD of letters or punycode. */
const ASCII_DOMAIN = /^([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+([a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

interface Parts {
  local: string;
  /** The domain in ASCII (punycode), lower case. */
  ascii: string;
  /** The domain in Unicode, lower case. */
  unicode: string;
  /** The domain as written. */
  written: string;
}

function parts(address: string): Parts | undefined {
  const at = address.lastIndexOf("@");
  if (at <= 0 || at === address.length - 1) return undefined;
  const local = address.slice(0, at);
  const written = address.slice(at + 1);
  if (local.length > 64 || !LOCAL.test(local)) return undefined;
  // Only letters, digits, dots and hyphens may reach IDNA (it would map e.g. full-width dots).
  if (!/^[\p{L}\p{M}\p{N}.-]+$/u.test(written)) return undefined;
  const ascii = domainToASCII(written);
  if (!ascii || ascii.length > 253 || !ASCII_DOMAIN.test(ascii)) return undefined;
  const unicode = domainToUnicode(ascii);
  if (!unicode) return undefined;
  return { local, ascii, unicode, written };
}

/** Whether the text (trimmed) is one valid address, in either form of its domain. */
export const isEmailAddress = (text: string): boolean => {
  const p = parts(text.trim());
  return !!p && `${p.local}@${p.ascii}`.length <= 254;
};

/**
 * The canonical form to store: an internationalised domain (Unicode or punycode) in lower-case
 * Unicode, anything else as written. Undefined for no valid address.
 */
export function canonicalEmail(text: string): string | undefined {
  const trimmed = text.trim();
  if (!isEmailAddress(trimmed)) return undefined;
  const p = parts(trimmed) as Parts;
  const international =
    p.ascii !== p.written.toLowerCase() || p.ascii.split(".").some((l) => l.startsWith("xn--"));
  return international ? `${p.local}@${p.unicode}` : trimmed;
}

/**
 * Every form of one address that matching must treat as the same, in lower case: the domain in
 * Unicode and in punycode. For text that is no valid address, just the text in lower case.
 */
export function addressForms(text: string): string[] {
  const trimmed = text.trim();
  const p = parts(trimmed);
  if (!p) return [trimmed.toLowerCase()];
  const local = p.local.toLowerCase();
  return [...new Set([`${local}@${p.unicode}`, `${local}@${p.ascii}`, trimmed.toLowerCase()])];
}

/** Whether two texts are the same address (case, and Unicode or punycode domain, aside). */
export function sameAddress(a: string, b: string): boolean {
  const forms = new Set(addressForms(a));
  return addressForms(b).some((f) => forms.has(f));
}

/** Characters that end an address inside free text (mrkdwn, HTML, JSON strings, headers). */
const TOKEN = /[^\s<>()[\]{}"',;:|\\&*`]+@[^\s<>()[\]{}"',;:|\\&*`@]+/gu;

/**
 * Every address written in a free text, each as a whole (never a part of a longer address): what
 * matching looks for in rendered messages and error texts. Trailing dots (end of a sentence) go.
 */
export function addressesIn(text: string): string[] {
  return [...text.matchAll(TOKEN)].map((m) => m[0].replace(/\.+$/, "").replace(/^mailto:/i, ""));
}
