import type { KnownBlock } from "@slack/types";

/**
 * Slack's limits for a message's blocks (see ../shared/slack-facts.md): the API rejects a message
 * past them with invalid_blocks or msg_blocks_too_long. Returns every violation found.
 */
export function messageLimitViolations(blocks: KnownBlock[]): string[] {
  const problems: string[] = [];
  if (blocks.length > 50) problems.push(`${blocks.length} blocks (max 50)`);
  const total = JSON.stringify(blocks).length;
  // About 13,000 characters of blocks were seen failing with msg_blocks_too_long; keep a margin.
  if (total > 12_000) problems.push(`${total} characters of blocks (keep under 12,000)`);
  blocks.forEach((b, i) => {
    if (b.type === "header" && b.text.text.length > 150) problems.push(`block ${i}: header over 150`);
    if (b.type === "section") {
      if (b.text && b.text.text.length > 3000) problems.push(`block ${i}: section text over 3000`);
      if (b.fields && b.fields.length > 10) problems.push(`block ${i}: more than 10 fields`);
      for (const f of b.fields ?? []) if (f.text.length > 2000) problems.push(`block ${i}: field over 2000`);
    }
    if (b.type === "context" && b.elements.length > 10) problems.push(`block ${i}: more than 10 elements`);
    if (b.type === "actions" && b.elements.length > 25) problems.push(`block ${i}: more than 25 elements`);
  });
  return problems;
}
