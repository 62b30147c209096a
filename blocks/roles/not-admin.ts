/** "a", "a und b", "a, b und c". */
function joinGerman(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} und ${items[items.length - 1]}`;
}

/** The refusal of a command that ADMIN_USERS reserves, naming who may use it. */
export function notAdminText(command: string, admins: readonly string[]): string {
  const who = joinGerman(admins.map((id) => `<@${id}>`));
  return `\`${command}\` dürfen in diesem Team nur ${who} verwenden (ADMIN_USERS). Bitte wenden Sie sich an ${admins.length > 1 ? "eine dieser Personen" : "diese Person"}.`;
}

/** The App Home's note without ADMIN_USERS: everyone in the channel may see and erase everything. */
export const NO_ADMINS_TEXT =
  ":information_source: Jedes Mitglied des Team-Kanals darf alle Daten zu einer Person abrufen (`/kunden auskunft`), sie endgültig löschen (`/kunden löschen`) und alle Kunden exportieren (`/kunden export`). Wer das auf einzelne Personen beschränken will, setzt `ADMIN_USERS`.";
