/**
 * CSV as Excel and CRMs read it: RFC 4180 (comma, CRLF, fields with a comma, quote or line break
 * in double quotes, quotes doubled), UTF-8 with a byte order mark so that Excel keeps umlauts, and
 * no cell that a spreadsheet would run as a formula (CSV injection).
 */

const BOM = "\uFEFF";

/** Starts like a formula to Excel, LibreOffice or Google Sheets: =, +, -, @, tab or CR (OWASP). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A cell that stays text: a leading ' where a spreadsheet would read a formula (`+49 30 …` too). */
export function textCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

function quoted(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}

/** The whole file: BOM, header row, one row per record, each line ended by CRLF. */
export function csvDocument(
  header: readonly string[],
  rows: readonly (readonly (string | null)[])[],
): string {
  const line = (cells: readonly (string | null)[]) => cells.map((c) => quoted(textCell(c ?? ""))).join(",");
  return `${BOM}${[header, ...rows].map((r) => `${line(r)}\r\n`).join("")}`;
}
