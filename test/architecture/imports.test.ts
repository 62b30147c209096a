import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The layer rules of ADR 002, checked over the import graph: listeners get services, never the
 * database; builders take only types from the domain; the domain knows nothing of Slack; no floor
 * imports a floor above it.
 */

const ROOT = path.resolve(import.meta.dirname, "../..");

interface Import {
  /** Repository-relative path of a relative import, or the package name. */
  target: string;
  typeOnly: boolean;
}

// import/export … from "x" (the clause has no quotes or semicolons, so one match never spans two
// statements), side-effect imports, and dynamic import("x").
const FROM = /(?:^|[\n;])\s*(import|export)\s+(type\s+)?([^;"'`]*?)\s*from\s*["']([^"']+)["']/g;
const BARE = /(?:^|[\n;])\s*import\s*["']([^"']+)["']/g;
const DYNAMIC = /\bimport\(\s*["']([^"']+)["']\s*\)/g;

function resolve(file: string, spec: string): string {
  if (!spec.startsWith(".")) return spec;
  return path.posix.normalize(path.posix.join(path.posix.dirname(file), spec));
}

function importsOf(file: string, source: string): Import[] {
  const found: Import[] = [];
  for (const m of source.matchAll(FROM)) {
    const clause = m[3] ?? "";
    // `import { type A, type B }` is as type-only as `import type { A, B }`.
    const names = /^\{([\s\S]*)\}$/.exec(clause.trim())?.[1];
    const allTypes =
      names
        ?.split(",")
        .map((n) => n.trim())
        .filter(Boolean)
        .every((n) => n.startsWith("type ")) ?? false;
    found.push({ target: resolve(file, m[4] as string), typeOnly: Boolean(m[2]) || allTypes });
  }
  for (const m of source.matchAll(BARE))
    found.push({ target: resolve(file, m[1] as string), typeOnly: false });
  for (const m of source.matchAll(DYNAMIC))
    found.push({ target: resolve(file, m[1] as string), typeOnly: false });
  return found;
}

/** A module that reads or writes the database, or the Prisma client itself. */
const isDatabase = (target: string) =>
  /-repository\.ts$/.test(target) ||
  target === "domain/db.ts" ||
  target.startsWith("prisma/") ||
  target.startsWith("@prisma/") ||
  target === "pg" ||
  target.startsWith("@electric-sql/") ||
  target === "pglite-prisma-adapter";

/**
 * A domain module that imports nothing (customer-label.ts, text/invisible.ts) is pure: builders may
 * run it. Anything else from domain/ could reach the database.
 */
function isImportFreeLeaf(target: string): boolean {
  let source: string;
  try {
    source = readFileSync(path.join(ROOT, target), "utf8");
  } catch {
    return false;
  }
  return importsOf(target, source).length === 0;
}

/**
 * The floors of the house, bottom to top: a file imports only from its own floor and those below.
 * main.ts, the entry point of `npm start`, is the top: the one file that knows both the bot and the
 * sandbox, so the bot never imports the sandbox that runs around it.
 */
const FLOORS = ["domain", "blocks", "handlers", "bot", "sandbox", "main.ts"];

function floorOf(file: string): number | undefined {
  const i = FLOORS.indexOf(file.split("/")[0] as string);
  return i < 0 ? undefined : i;
}

function violations(file: string, source: string): string[] {
  const found: string[] = [];
  for (const imp of importsOf(file, source)) {
    const t = imp.target;
    const [from, to] = [floorOf(file), floorOf(t)];
    if (from !== undefined && to !== undefined && to > from)
      found.push(`${file} imports ${t}: a floor imports only floors below it (${FLOORS.join(" → ")})`);
    if (file.startsWith("handlers/") && isDatabase(t))
      found.push(`${file} imports ${t}: listeners get services through Deps, not the database`);
    if (file.startsWith("blocks/") && t.startsWith("domain/") && !imp.typeOnly && !isImportFreeLeaf(t))
      found.push(`${file} imports runtime code from ${t}: builders take only types from domain/`);
  }
  return found;
}

/**
 * Whether a source reads or writes the database: a query on a model (`db.inquiry.findMany(`, also
 * across lines) or raw SQL. Only repositories may, so that "touches the database" shows in the
 * file's name and the rule above keeps listeners away from every such file. A transaction alone
 * (`$transaction`) is a service's orchestration, not a query.
 */
const QUERY =
  /\b(?!this\b)\w+\s*\.\s*\w+\s*\.\s*(?:findMany|findUnique|findUniqueOrThrow|findFirst|findFirstOrThrow|create|createMany|createManyAndReturn|update|updateMany|updateManyAndReturn|upsert|delete|deleteMany|count|aggregate|groupBy)\s*\(|\$(?:queryRaw|executeRaw|queryRawUnsafe|executeRawUnsafe)\b/;

function touchesDatabaseOutsideRepository(file: string, source: string): string[] {
  if (!file.startsWith("domain/") || /-repository\.ts$/.test(file)) return [];
  const query = QUERY.exec(source);
  return query
    ? [`${file} queries the database (${query[0].trim()}): queries belong in a *-repository.ts file`]
    : [];
}

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(".ts"))
    .map((e) => path.relative(ROOT, path.join(e.parentPath, e.name)).split(path.sep).join("/"));
}

describe("the import rules (ADR 002)", () => {
  it("catch each kind of violation", () => {
    expect(
      violations(
        "handlers/actions/x.ts",
        'import { findTask } from "../../domain/tasks/task-repository.ts";',
      ),
    ).toHaveLength(1);
    expect(
      violations(
        "handlers/views/x.ts",
        'import type {\n  PrismaClient,\n} from "../../prisma/generated/client.ts";',
      ),
    ).toHaveLength(1);
    expect(
      violations(
        "blocks/x.ts",
        'import { type CustomerSummary, searchCustomers } from "../domain/customers/customer-service.ts";',
      ),
    ).toHaveLength(1);
    expect(violations("domain/x/y.ts", 'import { ActionId } from "../../blocks/ids.ts";')).toHaveLength(1);
    expect(violations("domain/x/y.ts", 'const m = await import("../../bot/config.ts");')).toHaveLength(1);
    expect(violations("blocks/x.ts", 'import type { Deps } from "../handlers/deps.ts";')).toHaveLength(1);
    expect(violations("handlers/x.ts", 'import type { AppDeps } from "../bot/app-deps.ts";')).toHaveLength(1);
    expect(
      violations("bot/x.ts", 'const { startSandbox } = await import("../sandbox/start.ts");'),
    ).toHaveLength(1);
    expect(violations("sandbox/x.ts", 'import "../main.ts";')).toHaveLength(1);
    // Allowed: types into blocks, services and schemas into handlers, the bot and sandbox into main.ts.
    expect(
      violations(
        "main.ts",
        'import { startApp } from "./bot/start.ts";\nawait import("./sandbox/start.ts");',
      ),
    ).toEqual([]);
    expect(violations("sandbox/x.ts", 'import { startApp } from "../bot/start.ts";')).toEqual([]);
    expect(
      violations(
        "blocks/x.ts",
        'import { type A, type B } from "../domain/a.ts";\nimport type { C } from "../domain/c-repository.ts";',
      ),
    ).toEqual([]);
    expect(
      violations(
        "handlers/x/y.ts",
        'import { customerInput } from "../../domain/customers/customer.schema.ts";',
      ),
    ).toEqual([]);
  });

  it("see every query outside a repository", () => {
    expect(
      touchesDatabaseOutsideRepository("domain/x/x-service.ts", "await db.inquiry.findMany({})"),
    ).toHaveLength(1);
    expect(
      touchesDatabaseOutsideRepository(
        "domain/x/x-service.ts",
        "return tx.invitation\n    .updateMany({ where })",
      ),
    ).toHaveLength(1);
    expect(
      touchesDatabaseOutsideRepository("domain/x/places.ts", "const rows = await db.$queryRaw`SELECT 1`"),
    ).toHaveLength(1);
    // Allowed: the same in a repository, a transaction in a service, a Map's delete.
    expect(
      touchesDatabaseOutsideRepository("domain/x/x-repository.ts", "await db.inquiry.findMany({})"),
    ).toEqual([]);
    expect(
      touchesDatabaseOutsideRepository(
        "domain/x/x-service.ts",
        "await deps.prisma.$transaction(async (tx) => f(tx))",
      ),
    ).toEqual([]);
    expect(touchesDatabaseOutsideRepository("domain/x/worker.ts", "this.runners.delete(lane);")).toEqual([]);
  });

  it("hold for every file of every floor", () => {
    const files = ["main.ts", ...["sandbox", "bot", "handlers", "blocks", "domain"].flatMap(sourceFiles)];
    expect(files.length).toBeGreaterThan(50);
    const found = files.flatMap((f) => {
      const source = readFileSync(path.join(ROOT, f), "utf8");
      return [...violations(f, source), ...touchesDatabaseOutsideRepository(f, source)];
    });
    expect(found).toEqual([]);
  });
});
