/**
 * Text as a literal inside a LIKE/ILIKE pattern. Without this, a `_` or `%` someone typed matches
 * any character(s), and `\` (PostgreSQL's default escape character) swallows the next one.
 */
export const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (m) => `\\${m}`);
