/**
 * German plurals through `Intl.PluralRules("de")`: "1 offene Anfrage", "0 offene Anfragen",
 * "3 offene Anfragen". Every count in a user-facing text goes through here, so no text says
 * "1 ausstehende Einladungen".
 */
const rules = new Intl.PluralRules("de");
const numbers = new Intl.NumberFormat("de-DE");

/** The singular and the plural of what is counted, with its adjective: `{ one: "offene Anfrage", other: "offene Anfragen" }`. */
export interface PluralForms {
  one: string;
  other: string;
}

/** The form that fits `n`, without the number: "wartet" or "warten". */
export function pluralForm(n: number, forms: PluralForms): string {
  return rules.select(n) === "one" ? forms.one : forms.other;
}

/** `n` and the form that fits it: "1 Tag", "2.500 Tage". `number` dresses the figure (e.g. bold). */
export function countOf(
  n: number,
  forms: PluralForms,
  number: (figure: string) => string = (f) => f,
): string {
  return `${number(numbers.format(n))} ${pluralForm(n, forms)}`;
}
