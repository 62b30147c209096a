/**
 * Subjects of a conversation. A reply's subject is the original's with reply prefixes in front
 * (`Re:`, `RE:`, `AW:`, `Aw:`, also counted `Re[2]:` and chains of them); with those removed on
 * both sides, the subjects are the same. Linear: one anchored prefix per step.
 */
const PREFIX = /^(?:re|aw)(?:\[\d{1,4}\])?[ \t]*:[ \t]*/i;

export function withoutReplyPrefixes(subject: string): string {
  let rest = subject.replace(/\s+/g, " ").trim();
  for (;;) {
    const m = PREFIX.exec(rest);
    if (!m || m[0].length === 0) return rest;
    rest = rest.slice(m[0].length).trimStart();
  }
}

/** The key two subjects are compared by: prefixes removed, spaces collapsed, case ignored. */
export const subjectKey = (subject: string): string => withoutReplyPrefixes(subject).toLowerCase();

/** The subject of an answer to a mail: `Re: <subject>`, never `Re: Re: …`. */
export const replySubject = (subject: string): string => `Re: ${withoutReplyPrefixes(subject)}`;
