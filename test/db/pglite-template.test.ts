// bot/db/pglite-template.ts: the install-time template restored, streamed, onto disk for a first start.
import { existsSync } from "node:fs";
import { lstat, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_MIGRATIONS_DIR } from "../../bot/db/migrate.ts";
import { openPglite } from "../../bot/db/pglite.ts";
import { PGLITE_TEMPLATE, restorePgliteTemplate } from "../../bot/db/pglite-template.ts";

async function walk(dir: string): Promise<{ rel: string; dir: boolean; mode: number }[]> {
  const out: { rel: string; dir: boolean; mode: number }[] = [];
  for (const name of await readdir(dir)) {
    const p = path.join(dir, name);
    const s = await lstat(p);
    out.push({ rel: path.relative(dir, p), dir: s.isDirectory(), mode: s.mode & 0o777 });
    if (s.isDirectory()) for (const e of await walk(p)) out.push({ ...e, rel: path.join(name, e.rel) });
  }
  return out;
}

describe.skipIf(!existsSync(PGLITE_TEMPLATE))("restorePgliteTemplate", () => {
  let parent: string;
  beforeAll(async () => {
    parent = await mkdtemp(path.join(tmpdir(), "kundenbot-template-"));
  });
  afterAll(async () => {
    await rm(parent, { recursive: true, force: true });
  });

  it("writes a data directory that PGlite opens as the migrated database, files 0600 and folders 0700", async () => {
    const dir = path.join(parent, "data", "pglite");
    expect(await restorePgliteTemplate(dir)).toBe(true);
    const entries = await walk(dir);
    expect(entries.length).toBeGreaterThan(1000);
    expect(entries.filter((e) => e.mode !== (e.dir ? 0o700 : 0o600))).toEqual([]);
    expect((await readFile(path.join(dir, "PG_VERSION"), "utf8")).trim()).toMatch(/^\d+$/);

    const db = await openPglite(dir); // no template: it must find the database as it is
    try {
      const rows = await db.query<{ migration_name: string }>(
        "SELECT migration_name FROM _prisma_migrations ORDER BY migration_name",
      );
      const folders = (await readdir(DEFAULT_MIGRATIONS_DIR, { withFileTypes: true }))
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
        .sort();
      expect(rows.rows.map((r) => r.migration_name)).toEqual(folders);
    } finally {
      await db.close();
    }
  }, 60_000);

  it("an interrupted tarball fails and leaves no PG_VERSION, so the next start restores again", async () => {
    const tar = gunzipSync(await readFile(PGLITE_TEMPLATE));
    const cut = path.join(parent, "cut.tar.gz");
    await writeFile(cut, gzipSync(tar.subarray(0, Math.floor(tar.length / 2) + 100)));
    const dir = path.join(parent, "cut");
    await expect(restorePgliteTemplate(dir, cut)).rejects.toThrow(/ends early/);
    expect(existsSync(path.join(dir, "PG_VERSION"))).toBe(false);
    expect(await restorePgliteTemplate(dir)).toBe(true);
    expect(existsSync(path.join(dir, "PG_VERSION"))).toBe(true);
  }, 60_000);

  it("says so when there is no template", async () => {
    expect(await restorePgliteTemplate(path.join(parent, "none"), path.join(parent, "missing.tgz"))).toBe(
      false,
    );
    expect(existsSync(path.join(parent, "none"))).toBe(false);
  });
});
