/** The entry file of an up-to-date build of `root` (default: this project), building first when needed. */
export function ensureBuild(root?: string): Promise<string>;
/** Builds `root` (default: this project) into dist/<hash>/. */
export function build(root?: string): Promise<{ hash: string }>;
