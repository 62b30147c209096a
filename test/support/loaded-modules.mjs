// `node --import tsx --import ./test/support/loaded-modules.mjs main.ts`: writes the URL of every
// module the process loads, one a line, to the file in LOADED_MODULES_FILE, so that a test can see
// what a process loaded before it stopped (e.g. no app before the DATA_DIR refusal). Registered after
// tsx, its hook runs first in the chain and so sees the TypeScript files too.
import { register } from "node:module";

register("./loaded-modules-hooks.mjs", import.meta.url, {
  data: { file: process.env.LOADED_MODULES_FILE },
});
