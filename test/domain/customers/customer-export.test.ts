import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { CUSTOMER_CSV_COLUMNS, customerCsv } from "../../../domain/customers/customer-export.ts";
import { textCell } from "../../../domain/text/csv.ts";
import { useTestDatabase } from "../../support/lifecycle.ts";

/**
 * The customers' CSV read back by a real CSV parser (csv-parse), not split on commas: umlauts,
 * quotes, commas and line breaks survive, and every cell a spreadsheet would run stays text.
 */

/** What a spreadsheet shows for a cell: Excel drops the leading ' and keeps the rest as text. */
const shown = (cell: string) => (cell.startsWith("'") ? cell.slice(1) : cell);

describe("customer CSV export", () => {
  const t = useTestDatabase();

  it("writes one row per customer that a CSV parser reads back intact", async () => {
    const prisma = t.db.prisma;
    const tricky = await prisma.customer.create({
      data: {
        company: 'Bäckerei "Zum Ölfass", Müller & Söhne',
        firstName: "Jörg",
        lastName: "Weiß-Öztürk",
        email: "jörg@bäckerei-müller.de",
        phone: "+49 30 5550123",
        address: "Straße 1\nHinterhaus\r\n10115 Berlin",
        createdAt: new Date("2026-03-01T23:30:00Z"),
      },
    });
    await prisma.domain.createMany({
      data: [
        { customerId: tricky.id, name: "zum-oelfass.de" },
        { customerId: tricky.id, name: "bäckerei-müller.de" },
      ],
    });
    const formulas = await prisma.customer.create({
      data: {
        company: '=HYPERLINK("https://evil.example","klick")',
        firstName: "@SUM(A1)",
        lastName: "-2+3",
        email: "\tformel@example.com",
        phone: "+1 (555) 0100",
        address: "\r=1+1",
        createdAt: new Date("2026-03-02T08:00:00Z"),
      },
    });
    const erased = await prisma.customer.create({
      data: { company: null, firstName: null, lastName: null, erasedAt: new Date() },
    });

    const { csv, rows } = await customerCsv(prisma, "Europe/Berlin");
    expect(rows).toBe(2);
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv.endsWith("\r\n")).toBe(true);
    const records = parse(csv, { bom: true, relax_column_count: false }) as string[][];
    expect(records[0]).toEqual([...CUSTOMER_CSV_COLUMNS]);
    for (const col of ["Firma", "Vorname", "Nachname", "E-Mail", "Telefon", "Domains", "Angelegt"])
      expect(records[0]).toContain(col);
    const [header, first, second] = records as [string[], string[], string[]];
    const row = (r: string[]) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ""]));

    expect(row(first)).toEqual({
      Firma: 'Bäckerei "Zum Ölfass", Müller & Söhne',
      Vorname: "Jörg",
      Nachname: "Weiß-Öztürk",
      "E-Mail": "jörg@bäckerei-müller.de",
      // A phone number with + is a formula to Excel (=+49 30 … minus …): it stays text.
      Telefon: "'+49 30 5550123",
      Adresse: "Straße 1\nHinterhaus\r\n10115 Berlin",
      Domains: "bäckerei-müller.de; zum-oelfass.de",
      // 23:30 UTC is the next day in Berlin.
      Angelegt: "2026-03-02",
      "Kunden-ID": tricky.id,
    });
    const f = row(second);
    for (const col of ["Firma", "Vorname", "Nachname", "E-Mail", "Telefon", "Adresse"]) {
      expect(f[col]?.startsWith("'"), col).toBe(true);
    }
    expect(shown(f.Firma as string)).toBe('=HYPERLINK("https://evil.example","klick")');
    expect(shown(f["E-Mail"] as string)).toBe("\tformel@example.com");
    expect(shown(f.Adresse as string)).toBe("\r=1+1");
    expect(f["Kunden-ID"]).toBe(formulas.id);
    expect(csv).not.toContain(erased.id);
  });

  it("keeps text cells as they are and prefixes only what a spreadsheet would run", () => {
    for (const cell of ["Müller", "030 5550123", "a=b", "info@example.com", "", "'schon"]) {
      expect(textCell(cell)).toBe(cell);
    }
    for (const cell of ["=1", "+49 30 1", "-1", "@A1", "\tx", "\rx"]) expect(textCell(cell)).toBe(`'${cell}`);
  });

  it("is a header row only when there are no customers (with its BOM)", async () => {
    await t.db.prisma.domain.deleteMany();
    await t.db.prisma.customer.deleteMany();
    const { csv, rows } = await customerCsv(t.db.prisma, "Europe/Berlin");
    expect(rows).toBe(0);
    expect(parse(csv, { bom: true })).toEqual([[...CUSTOMER_CSV_COLUMNS]]);
  });
});
