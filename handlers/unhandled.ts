const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A pattern that matches every id except the given ones: the catch-all after the real listeners. */
export function everyIdExcept(ids: string[]): RegExp {
  if (ids.length === 0) return /^/;
  return new RegExp(`^(?!(?:${ids.map(escapeRe).join("|")})$)`);
}
