// The production build (ADR 012): main.ts (the entry point) bundled with esbuild into plain JavaScript under dist/<hash of the sources>/, packages left to node_modules. `npm start` runs it
// (scripts/start.mjs), so no TypeScript is transpiled at start; tests and `npm run dev` stay on
// TypeScript (tsx), and so do the operator CLIs (`npm run privacy`), which run seldom and briefly.
//
// A stale build can never run: dist/build.json lists every source file of the last build with its
// SHA-256; `ensureBuild()` hashes those files again (about 10 ms) and builds anew when any differs
// or is missing. A new file is found too, as the file that imports it has changed.
//
// `node scripts/build.mjs` builds (npm's postinstall, `npm run build`).
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ownRoot = fileURLToPath(new URL("..", import.meta.url));
// The mail reader's worker thread is an entry of its own: bot/mail-intake/mail-reader.ts starts it
// from the file next to itself (a chunk in the same folder).
const ENTRY_POINTS = { main: "main.ts", "mail-reader-worker": "bot/mail-intake/mail-reader-worker.ts" };
/** How we build (this file, esbuild's version): a change to it also makes a new build. */
const RECIPE = [
  fileURLToPath(import.meta.url),
  path.join(ownRoot, "node_modules", "esbuild", "package.json"),
];

async function hashFiles(root, files) {
  const hash = createHash("sha256");
  for (const file of RECIPE) hash.update(await readFile(file));
  for (const file of [...files].sort()) {
    hash.update(file);
    hash.update("\0");
    hash.update(await readFile(path.join(root, file)));
    hash.update("\0");
  }
  return hash.digest("hex").slice(0, 16);
}

async function readBuildInfo(root) {
  try {
    return JSON.parse(await readFile(path.join(root, "dist", "build.json"), "utf8"));
  } catch {
    return undefined;
  }
}

/** The entry file of an up-to-date build of `root` (this project), building first when needed. */
export async function ensureBuild(root = ownRoot) {
  const info = await readBuildInfo(root);
  if (info) {
    const current = await hashFiles(root, info.inputs).catch(() => undefined);
    const file = path.join(root, "dist", info.hash, "main.js");
    if (current === info.hash && existsSync(file)) return file;
  }
  return path.join(root, "dist", (await build(root)).hash, "main.js");
}

/** Builds into dist/<hash>/ (a temporary folder renamed into place, so a half build is never used). */
export async function build(root = ownRoot) {
  const started = Date.now();
  const distDir = path.join(root, "dist");
  const buildInfoPath = path.join(distDir, "build.json");
  const esbuild = await import("esbuild");
  const tmp = path.join(distDir, `.tmp-${process.pid}-${Date.now()}`);
  await mkdir(tmp, { recursive: true });
  try {
    const result = await esbuild.build({
      absWorkingDir: root,
      entryPoints: ENTRY_POINTS,
      outdir: tmp,
      bundle: true,
      splitting: true, // what is loaded only when configured (sandbox, PGlite, mail intake) stays a chunk of its own
      format: "esm",
      platform: "node",
      target: "node20.19",
      packages: "external",
      sourcemap: "linked", // for `node --enable-source-maps`; not loaded otherwise
      metafile: true,
      logLevel: "warning",
    });
    const inputs = [
      ...Object.keys(result.metafile.inputs).filter((f) => !f.startsWith("node_modules/")),
      "package.json",
    ];
    const hash = await hashFiles(root, inputs);
    const target = path.join(distDir, hash);
    if (existsSync(target)) await rm(tmp, { recursive: true, force: true });
    else await rename(tmp, target);
    const infoTmp = `${buildInfoPath}.${process.pid}`;
    await writeFile(infoTmp, `${JSON.stringify({ hash, inputs: inputs.sort() }, null, 1)}\n`);
    await rename(infoTmp, buildInfoPath);
    // Older builds go, but not the one before: a process started from it may still load its chunks.
    const keep = new Set([hash, "build.json"]);
    const dirs = (await readdir(distDir, { withFileTypes: true })).filter((d) => d.isDirectory());
    const old = dirs.filter((d) => !keep.has(d.name) && !d.name.startsWith(".tmp-"));
    for (const d of old.slice(0, Math.max(0, old.length - 1))) {
      await rm(path.join(distDir, d.name), { recursive: true, force: true });
    }
    process.stderr.write(
      `kundenbot: built dist/${hash} (${inputs.length} files) in ${Date.now() - started} ms\n`,
    );
    return { hash };
  } catch (err) {
    await rm(tmp, { recursive: true, force: true });
    throw err;
  } finally {
    await esbuild.stop?.();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  await build();
}
