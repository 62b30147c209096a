/** Slack's mrkdwn escaping: only &, < and > (nothing else is HTML-encoded). Outside text can then never ping or link. */
export function escapeMrkdwnText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
