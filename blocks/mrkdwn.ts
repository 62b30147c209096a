/**
 * Escapes text from outside (names, messages, e-mail addresses) for Slack `mrkdwn`. Slack only
 * needs `&`, `<` and `>` escaped; with them escaped, `<!channel>`, `<@U…>` and `<url|text>` stay
 * text. Nothing else is HTML-encoded (`We've` must stay `We've`).
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

// Real user ids are upper-case letters and digits (U… or W…).
const USER_ID = /^[UW][A-Z0-9]{2,}$/;

/**
 * A user mention, only for a well-formed Slack user id; anything else goes through `otherwise`
 * (by default shown as escaped text).
 */
export function userMention(userId: string, otherwise: (text: string) => string = escapeMrkdwn): string {
  return USER_ID.test(userId) ? `<@${userId}>` : otherwise(userId);
}
