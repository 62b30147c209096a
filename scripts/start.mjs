// `npm start`: runs the build of main.ts (scripts/build.mjs), building it first when the sources
// changed since the last build, so what runs is always what the sources say (ADR 012).
import { pathToFileURL } from "node:url";
import { ensureBuild } from "./build.mjs";

await import(pathToFileURL(await ensureBuild()).href);
