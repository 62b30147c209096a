import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../bot/config.ts";

const minimal = { SLACK_BOT_TOKEN: "xoxb-1-2-abc", SLACK_SIGNING_SECRET: "secret" };

describe("IMAP_URL and IMAP_DONE_MAILBOX", () => {
  it("no IMAP_URL: no e-mail intake", () => {
    expect(loadConfig(minimal).imap).toBeUndefined();
  });

  it("imaps with the mailbox from the path; user and password URL-decoded; the default done mailbox", () => {
    const c = loadConfig({
      ...minimal,
      IMAP_URL: "imaps://anfragen%40agentur.example:p%40ss%2Fw@mail.example.com/Anfragen",
    });
    expect(c.imap).toEqual({
      host: "mail.example.com",
      port: 993,
      secure: true,
      user: "anfragen@agentur.example",
      password: "p@ss/w",
      mailbox: "Anfragen",
      doneMailbox: "kundenbot",
    });
  });

  it("imap (STARTTLS) on port 143 and INBOX when the path is empty", () => {
    const c = loadConfig({ ...minimal, IMAP_URL: "imap://u:p@127.0.0.1", IMAP_DONE_MAILBOX: "Erledigt" });
    expect(c.imap).toMatchObject({ port: 143, secure: false, mailbox: "INBOX", doneMailbox: "Erledigt" });
  });

  it("a bad URL is a clear configuration error", () => {
    for (const url of [
      "mail.example.com",
      "https://u:p@mail.example.com",
      "imaps://mail.example.com/INBOX",
    ]) {
      let err: unknown;
      try {
        loadConfig({ ...minimal, IMAP_URL: url });
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as ConfigError).problems.map((p) => p.variable)).toEqual(["IMAP_URL"]);
      expect((err as Error).message).toMatch(
        /IMAP_URL (must be an imap:\/\/ or imaps:\/\/ URL|must name the mailbox user).*e\.g\. imaps:\/\//,
      );
    }
  });
});
