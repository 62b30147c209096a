// A process that tries to take DATA_DIR's lock at a given moment (test/bot/data-dir-lock-race.test.ts):
// `node --import tsx test/support/lock-contender.ts <dir> <epoch ms>`. Prints "held" or "refused",
// holds a taken lock for a while, then releases it and exits.
import { DataDirInUseError, lockDataDir } from "../../bot/db/data-dir-lock.ts";

const [dir, at] = process.argv.slice(2);
if (!dir || !at) throw new Error("usage: lock-contender <dir> <epoch ms>");
while (Date.now() < Number(at)) {
  // Busy-wait: every contender starts within the same millisecond or so.
}
try {
  const lock = await lockDataDir(dir, dir);
  process.stdout.write("held\n");
  await new Promise((r) => setTimeout(r, 1500));
  await lock.release();
} catch (err) {
  if (!(err instanceof DataDirInUseError)) throw err;
  process.stdout.write("refused\n");
}
