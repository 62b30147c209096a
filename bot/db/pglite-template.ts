// A migrated, empty PGlite database as a tarball, made once by `npm ci` (postinstall). Creating a
// new PGlite data directory runs initdb (5–7 s); restoring this tarball takes about 1.5 s, which
// keeps the first `npm start` well inside the contract's 20 s (ADR 001).

import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { APP_ROOT } from "../files/app-root.ts";

export const PGLITE_TEMPLATE = path.join(
  APP_ROOT,
  "node_modules",
  ".cache",
  "kundenbot",
  "pglite-template.tar.gz",
);

export async function readPgliteTemplate(): Promise<Blob | undefined> {
  if (!existsSync(PGLITE_TEMPLATE)) return undefined;
  return new Blob([await readFile(PGLITE_TEMPLATE)]);
}

export async function writePgliteTemplate(tarball: Blob): Promise<void> {
  await mkdir(path.dirname(PGLITE_TEMPLATE), { recursive: true });
  await writeFile(PGLITE_TEMPLATE, Buffer.from(await tarball.arrayBuffer()));
}
