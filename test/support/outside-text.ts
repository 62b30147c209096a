import { escapeMrkdwn } from "../../blocks/mrkdwn.ts";

/**
 * Where outside text (what a prospect or a colleague typed) could ping or link: every mrkdwn text
 * object below `node` that contains one of `needles` (as written, or escaped for mrkdwn) without
 * `verbatim: true`, and every mrkdwn text that contains a needle's control characters unescaped.
 * Needles should be short and distinctive (`evil.example`, `#allgemein`), so a cut text still
 * shows them. An empty list means the outside text sits only in plain_text or verbatim mrkdwn.
 */
export function linkableOutsideText(node: unknown, needles: string[], path = "$"): string[] {
  const out: string[] = [];
  const walk = (n: unknown, p: string) => {
    if (Array.isArray(n)) {
      n.forEach((c, i) => {
        walk(c, `${p}[${i}]`);
      });
      return;
    }
    if (!n || typeof n !== "object") return;
    const o = n as Record<string, unknown>;
    if (o.type === "mrkdwn" && typeof o.text === "string") {
      const text = o.text;
      for (const needle of needles) {
        if (/[<>&]/.test(needle) && text.includes(needle))
          out.push(`${p}: mrkdwn contains ${JSON.stringify(needle)} unescaped`);
        else if ((text.includes(needle) || text.includes(escapeMrkdwn(needle))) && o.verbatim !== true)
          out.push(`${p}: mrkdwn with ${JSON.stringify(needle)} lacks verbatim: true`);
      }
      return;
    }
    for (const [k, v] of Object.entries(o)) walk(v, `${p}.${k}`);
  };
  walk(node, path);
  return out;
}
