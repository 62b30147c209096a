import type { Db } from "../db.ts";
import { csvDocument } from "../text/csv.ts";
import { localDateTime } from "../time/calendar.ts";
import { listCustomersForExport } from "./customer-repository.ts";

/**
 * All customers as one CSV file (`/kunden export`, `npm run export -- customers`): one row per
 * customer, oldest first; erased customers ("Gelöschter Kunde") have no data left and are left out.
 * The columns are part of the public interface (contract "Integrations"; README: HubSpot mapping).
 */
export const CUSTOMER_CSV_COLUMNS = [
  "Firma",
  "Vorname",
  "Nachname",
  "E-Mail",
  "Telefon",
  "Adresse",
  "Domains",
  "Angelegt",
  "Kunden-ID",
] as const;

const pad = (n: number) => String(n).padStart(2, "0");

/** The customers' CSV; `Angelegt` is the calendar day (YYYY-MM-DD) in `timeZone`. */
export async function customerCsv(db: Db, timeZone: string): Promise<{ csv: string; rows: number }> {
  const customers = await listCustomersForExport(db);
  const rows = customers.map((c) => {
    const day = localDateTime(c.createdAt, timeZone);
    return [
      c.company,
      c.firstName,
      c.lastName,
      c.email,
      c.phone,
      c.address,
      c.domains.map((d) => d.name).join("; "),
      `${day.year}-${pad(day.month)}-${pad(day.day)}`,
      c.id,
    ];
  });
  return { csv: csvDocument(CUSTOMER_CSV_COLUMNS, rows), rows: rows.length };
}
