import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * kundenbot's own folder (package.json, prisma/, templates/), found from this module upwards: the
 * same from bot/ under tsx (tests, `npm run dev`) as from the build in dist/ (`npm start`, ADR 012).
 */
export const APP_ROOT = findAppRoot(path.dirname(fileURLToPath(import.meta.url)));

function findAppRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, "package.json")) && existsSync(path.join(dir, "prisma"))) return dir;
    if (path.dirname(dir) === dir)
      throw new Error(`kundenbot's folder (package.json, prisma/) not found above ${from}`);
  }
}
