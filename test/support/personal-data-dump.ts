import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { PrismaClient } from "../../prisma/generated/client.ts";
import type { SlackStandin } from "./slack-standin.ts";

/**
 * Everything kundenbot holds, as searchable text: every row of every table (all columns, as JSON),
 * every file under DATA_DIR, every channel message as the Slack stand-in holds it now, and the log
 * lines at info and above.
 */
export interface Hit {
  where: string;
  /** The row's id (tables) or the file name. */
  id: string;
  needle: string;
}

/** The forms a value can take when stored: as is, JSON-, URL-, quoted-printable- or HTML-escaped. */
export function escapedForms(value: string): string[] {
  // Encoded from the value as written (Ä and ä encode differently), compared in lower case.
  const qp = [...Buffer.from(value, "utf8")]
    .map((b) =>
      b === 0x3d || b > 0x7e ? `=${b.toString(16).toUpperCase().padStart(2, "0")}` : String.fromCharCode(b),
    )
    .join("");
  const jsonEscaped = [...value]
    .map((c) =>
      /^[ -~]$/.test(c) && !"@<>&'".includes(c) ? c : `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
    )
    .join("");
  const forms = [
    value,
    encodeURIComponent(value),
    qp,
    qp.replace(/ /g, "_"),
    jsonEscaped,
    value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;"),
  ];
  return [...new Set(forms.map((f) => f.toLowerCase()))];
}

function search(text: string, needles: string[]): string[] {
  const hay = text.toLowerCase();
  return needles.filter((n) => hay.includes(n));
}

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(full)));
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

export async function findPersonalData(input: {
  prisma: PrismaClient;
  dataDir: string;
  standin?: SlackStandin;
  logs?: string[];
  values: string[];
}): Promise<Hit[]> {
  const needles = [...new Set(input.values.flatMap(escapedForms))];
  const hits: Hit[] = [];
  const tables = await input.prisma.$queryRaw<{ table_name: string }[]>`
    SELECT table_name FROM information_schema.tables
    WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`;
  for (const { table_name } of tables) {
    const rows = await input.prisma.$queryRawUnsafe<{ row: string }[]>(
      `SELECT row_to_json(t)::text AS row FROM "${table_name.replace(/"/g, '""')}" t`,
    );
    for (const { row } of rows) {
      const id = String((JSON.parse(row) as { id?: unknown; key?: unknown }).id ?? "");
      for (const needle of search(row, needles)) hits.push({ where: table_name, id, needle });
    }
  }
  for (const file of await filesUnder(input.dataDir)) {
    const text = (await readFile(file)).toString("latin1");
    const utf8 = (await readFile(file)).toString("utf8");
    for (const needle of new Set([...search(text, needles), ...search(utf8, needles)]))
      hits.push({ where: "DATA_DIR", id: path.relative(input.dataDir, file), needle });
  }
  for (const [key, message] of input.standin?.messages ?? []) {
    for (const needle of search(JSON.stringify(message), needles))
      hits.push({ where: "Slack message", id: key, needle });
  }
  for (const line of input.logs ?? []) {
    if (!line.startsWith("{")) continue;
    const level = (JSON.parse(line) as { level?: number }).level ?? 0;
    if (level < 30) continue;
    for (const needle of search(line, needles)) hits.push({ where: "log", id: line.slice(0, 120), needle });
  }
  return hits;
}
