import { stripInvisible } from "../text/invisible.ts";
import { escapeHtml } from "./html.ts";

/**
 * The standard e-mail to a prospect whose invitation was declined, rendered from the template file
 * `templates/decline-invitation.de.txt` that an agency can adapt. The first line is
 * `Betreff: <subject>`; `{{name}}`, `{{agencyName}}`, `{{signature}}` and `{{personalMessage}}` are
 * replaced; `{{#key}}…{{/key}}` appears only when that value is set (a personal message, an
 * agency name), `{{^key}}…{{/key}}` only when it is not. A section whose opening tag ends its line
 * takes its line breaks with it; one inside a line (`für {{#agencyName}}…`) takes none.
 */
export interface DeclineMailVars {
  name: string;
  /** AGENCY_NAME; unset, the template says "uns" instead (never "Ihre Agentur"). */
  agencyName: string | null;
  signature: string;
  personalMessage?: string | null;
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

/** CR, LF and other control characters never reach a header, nor invisible ones; long values are cut. */
export function headerSafe(value: string, max = 200): string {
  const flat = Array.from(stripInvisible(value), (c) => (isControl(c) ? " " : c))
    .join("")
    .replace(/\s+/g, " ")
    .trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function isControl(c: string): boolean {
  const code = c.codePointAt(0) ?? 0;
  return code < 0x20 || code === 0x7f || code === 0x2028 || code === 0x2029;
}

export function renderDeclineMail(template: string, vars: DeclineMailVars): RenderedMail {
  const personal = vars.personalMessage?.replace(/\r\n?/g, "\n").trim() || null;
  const [first = "", ...rest] = template.replace(/\r\n?/g, "\n").split("\n");
  const subjectMatch = /^Betreff:\s*(.*)$/.exec(first);
  const bodyTemplate = (subjectMatch ? rest : [first, ...rest]).join("\n").replace(/^\n+/, "");
  const values: Record<string, string> = {
    name: headerSafe(vars.name),
    agencyName: vars.agencyName ? headerSafe(vars.agencyName) : "",
    signature: vars.signature.trim(),
    personalMessage: personal ?? "",
  };
  const sections = (t: string) =>
    t.replace(
      /\{\{([#^])(\w+)\}\}(\n?)([\s\S]*?)\{\{\/\2\}\}(\n?)/g,
      (_m, sign: string, key: string, ownLine: string, inner: string, after: string) => {
        const set = Object.hasOwn(values, key) && values[key] !== "";
        const shown = (sign === "#") === set ? inner : "";
        // A section on lines of its own leaves no empty line behind; one inside a line keeps its line break.
        return ownLine ? shown : shown + after;
      },
    );
  const withSection = sections(bodyTemplate);
  // Values are inserted in one pass, so a value that contains "{{…}}" is never expanded again.
  const fill = (t: string, literal: (v: string) => string, value: (v: string) => string) =>
    t
      .split(/(\{\{\w+\}\})/)
      .map((part) => {
        const key = /^\{\{(\w+)\}\}$/.exec(part)?.[1];
        return key !== undefined && Object.hasOwn(values, key) ? value(values[key] ?? "") : literal(part);
      })
      .join("");
  const same = (v: string) => v;
  const text = `${fill(withSection, same, same).trimEnd()}\n`;
  const html = [
    '<!doctype html><html lang="de"><body style="font-family:sans-serif;line-height:1.5">',
    ...withSection
      .trimEnd()
      .split(/\n{2,}/)
      .map((para) => `<p>${fill(para, escapeHtml, escapeHtml).replace(/\n/g, "<br>")}</p>`),
    "</body></html>",
  ].join("\n");
  const subject = headerSafe(fill(sections(subjectMatch?.[1] ?? "Ihre Zugriffsfreigabe"), same, same));
  return { subject, text, html };
}
