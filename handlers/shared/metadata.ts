import type { z } from "zod";

/**
 * Parses a view's private_metadata (JSON) with a schema. Broken JSON fails like a wrong shape: the
 * caller decides whether a stale view gets a notice or is an error.
 */
export function parseMetadata<T extends z.ZodType>(
  schema: T,
  raw: string | undefined,
): z.ZodSafeParseResult<z.output<T>> {
  let json: unknown;
  try {
    json = JSON.parse(raw || "{}");
  } catch {
    json = undefined;
  }
  return schema.safeParse(json) as z.ZodSafeParseResult<z.output<T>>;
}
