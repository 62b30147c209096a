import type { Deps } from "../handlers/deps.ts";
import type { Config } from "./config.ts";

/**
 * What the composition root hands out: the listeners' contract (handlers/deps.ts) with the whole
 * configuration, which the routes of bot/ (intake API) read more of.
 */
export type AppDeps = Deps & { config: Config };
