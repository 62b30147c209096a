import { chmod, lstat, mkdir, readdir } from "node:fs/promises";
import path from "node:path";
import type { Logger } from "pino";

/**
 * Makes `dir` and everything under it readable by this user only (directories 0700, files 0600):
 * it holds the database and e-mails with personal data. Creates it when missing. A folder that
 * exists with wider rights (an older version, a copied backup) is fixed and the log says so, once,
 * with the folder, how many entries were fixed and the first few with their old modes. Symbolic
 * links are not followed. `expected`: PGlite sets its own files to 0666 whatever the umask, so they
 * are fixed (quietly) again after it opened and after it closed; inside the 0700 folder nobody else
 * can reach them meanwhile.
 */
export async function securePrivateDir(
  dir: string,
  log: Logger,
  opts: { expected?: boolean } = {},
): Promise<void> {
  const root = path.resolve(dir);
  await mkdir(root, { recursive: true, mode: 0o700 });
  const fixed: { path: string; mode: string }[] = [];
  const visit = async (p: string) => {
    const stat = await lstat(p);
    if (stat.isSymbolicLink()) return;
    const wanted = stat.isDirectory() ? 0o700 : 0o600;
    const mode = stat.mode & 0o777;
    if (mode !== wanted) {
      await chmod(p, wanted);
      fixed.push({ path: p, mode: `0${mode.toString(8)}` });
    }
    if (stat.isDirectory()) for (const name of await readdir(p)) await visit(path.join(p, name));
  };
  await visit(root);
  if (fixed.length > 0 && opts.expected) {
    log.debug({ path: root, fixed: fixed.length }, "set files under DATA_DIR to this user only");
  } else if (fixed.length > 0) {
    log.warn(
      { path: root, fixed: fixed.length, first: fixed.slice(0, 5) },
      "DATA_DIR was readable by others: set it to this user only (directories 0700, files 0600)",
    );
  }
}
