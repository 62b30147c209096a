import { z } from "zod";

/**
 * A domain name as people paste it ("https://www.Müller.de/kontakt") becomes the bare, lower-case
 * name ("www.müller.de"): unique names only mean something when they are written one way.
 */
export function normalizeDomainName(input: string): string {
  return input
    .trim()
    .normalize("NFC")
    .toLowerCase()
    .replace(/^[a-z]+:\/\//, "")
    .replace(/[/?#].*$/, "")
    .replace(/\.$/, "");
}

const label = "[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]{0,61}[\\p{L}\\p{N}])?";
const domainPattern = new RegExp(`^(?:${label}\\.)+(?:\\p{L}{2,63}|xn--[a-z0-9-]{1,59})$`, "u");

export const domainInput = z.object({
  name: z
    .string()
    .transform(normalizeDomainName)
    .pipe(
      z
        .string()
        .min(1, "Bitte eine Domain angeben")
        .max(253, "höchstens 253 Zeichen")
        .regex(domainPattern, "keine gültige Domain, z. B. beispiel.de"),
    ),
});

export type DomainInput = z.input<typeof domainInput>;
export type DomainData = z.output<typeof domainInput>;
