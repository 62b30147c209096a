import path from "node:path";

/**
 * Where the sandbox keeps its data (its embedded database, the stand-in's state, the mails):
 * DATA_DIR/sandbox, apart from a real bot's data. An import-free leaf, so that main.ts can check the
 * database's lock before it loads the sandbox.
 */
export function sandboxDataDir(dataDir: string): string {
  return path.resolve(dataDir, "sandbox");
}
