import { randomBytes } from "node:crypto";
import { adminQuery, dropDatabase, withDatabase } from "../test/support/global-setup.ts";

/** The local PostgreSQL server the benchmarks create their scratch databases on. */
export const PG_ADMIN_URL = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

/** A new empty database (the app migrates it at start); `drop()` removes it. */
export async function scratchDatabase(
  prefix = "kundenbot_bench",
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${randomBytes(4).toString("hex")}`;
  await adminQuery(PG_ADMIN_URL, `CREATE DATABASE "${name}"`);
  return {
    url: withDatabase(PG_ADMIN_URL, name),
    drop: () => dropDatabase(PG_ADMIN_URL, name),
  };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] ?? Number.NaN;
}

export function summarize(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  return {
    n: s.length,
    p50: percentile(s, 50),
    p95: percentile(s, 95),
    p99: percentile(s, 99),
    max: s.at(-1) ?? Number.NaN,
  };
}

export const ms = (v: number) => `${v.toFixed(1)} ms`;
