import { existsSync, readFileSync } from "node:fs";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

// Slack's published schema, from ../shared when present (as in CI), else the copy kept in the repo.
const shared = new URL("../../../shared/slack/manifest.schema.1.0.0.json", import.meta.url);
const vendored = new URL("../fixtures/slack-manifest.schema.1.0.0.json", import.meta.url);
const schema = JSON.parse(readFileSync(existsSync(shared) ? shared : vendored, "utf8"));
const manifest = parse(readFileSync(new URL("../../manifest.yml", import.meta.url), "utf8"));

describe("manifest.yml", () => {
  it("validates against Slack's manifest schema", () => {
    const ajv = new Ajv({ strict: false, allErrors: true });
    const validate = ajv.compile(schema);
    const ok = validate(manifest);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it("routes every Slack request to /slack/events and has what the bot uses", () => {
    expect(manifest.features.slash_commands.map((c: { command: string }) => c.command)).toContain("/kunden");
    for (const c of manifest.features.slash_commands) expect(c.url).toMatch(/\/slack\/events$/);
    expect(manifest.settings.interactivity.request_url).toMatch(/\/slack\/events$/);
    // External selects (Bestehender Kunde) need the options URL in HTTP mode.
    expect(manifest.settings.interactivity.message_menu_options_url).toMatch(/\/slack\/events$/);
    // Membership changes drop the cached team list at once; they need channels:read / groups:read.
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(
      expect.arrayContaining(["app_home_opened", "member_joined_channel", "member_left_channel"]),
    );
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    expect(manifest.oauth_config.scopes.bot).toEqual(
      expect.arrayContaining(["chat:write", "commands", "channels:read", "groups:read", "users:read"]),
    );
  });

  it("lets /kunden auskunft open the member's DM and upload the file there", () => {
    expect(manifest.oauth_config.scopes.bot).toEqual(expect.arrayContaining(["im:write", "files:write"]));
    expect(manifest.features.app_home.messages_tab_enabled).toBe(true);
  });

  it("is rejected by the schema when broken, so the check above can fail", () => {
    const ajv = new Ajv({ strict: false });
    const validate = ajv.compile(schema);
    expect(validate({ ...manifest, settings: { ...manifest.settings, no_such_setting: true } })).toBe(false);
  });
});
