import { execFileSync } from "node:child_process";
import { statSync } from "node:fs";
import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBuild } from "../../scripts/build.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));

// `npm start` runs the build (ADR 012). It must never run an old one: a project of two files is
// built, run, changed, and run again.
describe("the build npm start runs", () => {
  let project: string;
  const write = (file: string, text: string) => writeFile(path.join(project, file), text);
  const run = (file: string) => execFileSync(process.execPath, [file], { encoding: "utf8" }).trim();

  beforeAll(async () => {
    project = await mkdtemp(path.join(tmpdir(), "kundenbot-build-"));
    await mkdir(path.join(project, "bot", "mail-intake"), { recursive: true });
    await symlink(path.join(root, "node_modules"), path.join(project, "node_modules"));
    await write("package.json", '{ "type": "module" }\n');
    await write("main.ts", 'import { word } from "./bot/word.ts";\nconsole.log(word);\n');
    await write("bot/word.ts", 'export const word: string = "eins";\n');
    // The build's second entry (the mail reader's worker) must exist; it is not run here.
    await write("bot/mail-intake/mail-reader-worker.ts", "export {};\n");
  });
  afterAll(async () => {
    await rm(project, { recursive: true, force: true });
  });

  it("is built once, reused while the sources are unchanged, and rebuilt when one changes", async () => {
    const first = await ensureBuild(project);
    expect(run(first)).toBe("eins");
    const info = path.join(project, "dist", "build.json");
    const builtAt = statSync(info).mtimeMs;

    expect(await ensureBuild(project)).toBe(first);
    expect(statSync(info).mtimeMs).toBe(builtAt);

    // A changed file, and a new one that only the changed file imports.
    await write("bot/suffix.ts", 'export const suffix = "!";\n');
    await write(
      "bot/word.ts",
      'import { suffix } from "./suffix.ts";\nexport const word: string = "zwei" + suffix;\n',
    );
    const second = await ensureBuild(project);
    expect(second).not.toBe(first);
    expect(run(second)).toBe("zwei!");

    await write("bot/suffix.ts", 'export const suffix = "?";\n');
    expect(run(await ensureBuild(project))).toBe("zwei?");
  }, 60_000);
});
