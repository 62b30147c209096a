// A migrated, empty PGlite database as a tarball, made once by `npm ci` (postinstall). Creating a
// new PGlite data directory runs initdb (5–7 s); restoring this tarball takes about 1.5 s, which
// keeps the first `npm start` well inside the contract's 20 s (ADR 001).

import {
  closeSync,
  createReadStream,
  existsSync,
  mkdirSync,
  openSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { createGunzip } from "node:zlib";
import { APP_ROOT } from "../files/app-root.ts";

export const PGLITE_TEMPLATE = path.join(
  APP_ROOT,
  "node_modules",
  ".cache",
  "kundenbot",
  "pglite-template.tar.gz",
);

/** The template as one Blob, for an in-memory PGlite (`loadDataDir`; the tests' snapshot). */
export async function readPgliteTemplate(): Promise<Blob | undefined> {
  if (!existsSync(PGLITE_TEMPLATE)) return undefined;
  return new Blob([await readFile(PGLITE_TEMPLATE)]);
}

export async function writePgliteTemplate(tarball: Blob): Promise<void> {
  await mkdir(path.dirname(PGLITE_TEMPLATE), { recursive: true });
  await writeFile(PGLITE_TEMPLATE, Buffer.from(await tarball.arrayBuffer()));
}

const BLOCK = 512;
const field = (header: Buffer, offset: number, length: number) => {
  const raw = header.subarray(offset, offset + length);
  const end = raw.indexOf(0);
  return raw.subarray(0, end === -1 ? length : end).toString("utf8");
};

/**
 * Restores the template into `dir`, a new data directory on disk, for PGlite to open as an
 * existing database. Streamed, file by file: PGlite's own `loadDataDir` reads the whole tarball
 * into memory and unpacks it there (4.8 MB compressed, 42 MB unpacked, several copies), and the
 * idle process then still held those buffers, about 100 MB more than a restart (issue 21, ADR 012).
 * PG_VERSION, which marks a data directory as complete (bot/db/pglite.ts), is written last, so an
 * interrupted restore is restored again at the next start. Files are 0600, folders 0700.
 * Synchronous writes: nothing else runs while the database opens, and they are faster.
 * Returns false when there is no template.
 */
export async function restorePgliteTemplate(
  dir: string,
  template: string = PGLITE_TEMPLATE,
): Promise<boolean> {
  if (!existsSync(template)) return false;
  const root = path.resolve(dir);
  mkdirSync(root, { recursive: true, mode: 0o700 });
  const target = (name: string) => {
    const rel = name.replace(/^\/+/, "");
    const full = path.resolve(root, rel);
    if (!rel || (full !== root && !full.startsWith(root + path.sep)))
      throw new Error(`PGlite template: unexpected entry ${JSON.stringify(name)}`);
    return full;
  };
  let pending = Buffer.alloc(0);
  /** The file being written: its descriptor (or its bytes, for PG_VERSION) and how many bytes are left. */
  let file: { fd: number | undefined; bytes: Buffer[]; path: string; left: number } | undefined;
  let padding = 0;
  let ended = false;
  let version: { path: string; data: Buffer } | undefined;
  const finish = (f: NonNullable<typeof file>) => {
    if (f.fd !== undefined) closeSync(f.fd);
    else version = { path: f.path, data: Buffer.concat(f.bytes) };
  };
  try {
    for await (const chunk of createReadStream(template).pipe(
      createGunzip({ chunkSize: 256 * 1024 }),
    ) as AsyncIterable<Buffer>) {
      if (ended) continue;
      let buf = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      for (;;) {
        if (file) {
          const n = Math.min(file.left, buf.length);
          if (n > 0) {
            const part = buf.subarray(0, n);
            if (file.fd !== undefined) {
              let written = 0;
              while (written < n) written += writeSync(file.fd, part, written, n - written);
            } else file.bytes.push(Buffer.from(part));
            file.left -= n;
            buf = buf.subarray(n);
          }
          if (file.left > 0) break;
          finish(file);
          file = undefined;
        }
        if (padding > 0) {
          const n = Math.min(padding, buf.length);
          padding -= n;
          buf = buf.subarray(n);
          if (padding > 0) break;
        }
        if (buf.length < BLOCK) break;
        const header = buf.subarray(0, BLOCK);
        buf = buf.subarray(BLOCK);
        if (header.every((b) => b === 0)) {
          ended = true;
          break;
        }
        const prefix = field(header, 257, 5) === "ustar" ? field(header, 345, 155) : "";
        const name = prefix ? `${prefix}/${field(header, 0, 100)}` : field(header, 0, 100);
        const size = Number.parseInt(field(header, 124, 12).trim() || "0", 8);
        const type = String.fromCharCode(header[156] as number);
        const full = target(name);
        if (type === "5") {
          mkdirSync(full, { recursive: true, mode: 0o700 });
        } else if (type === "0" || type === "\0") {
          mkdirSync(path.dirname(full), { recursive: true, mode: 0o700 });
          const isVersion = path.dirname(full) === root && path.basename(full) === "PG_VERSION";
          file = {
            fd: isVersion ? undefined : openSync(full, "w", 0o600),
            bytes: [],
            path: full,
            left: size,
          };
          padding = (BLOCK - (size % BLOCK)) % BLOCK;
          if (size === 0) {
            finish(file);
            file = undefined;
          }
        } else {
          throw new Error(`PGlite template: unexpected entry type ${JSON.stringify(type)} (${name})`);
        }
      }
      pending = Buffer.from(buf); // at most a partial header; the chunk itself can go
    }
    if (file || padding > 0 || (!ended && pending.length > 0))
      throw new Error("PGlite template: the tarball ends early");
  } finally {
    if (file?.fd !== undefined) closeSync(file.fd);
  }
  if (!version) throw new Error("PGlite template: no PG_VERSION");
  writeFileSync(version.path, version.data, { mode: 0o600 });
  return true;
}
