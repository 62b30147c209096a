import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type {
  BlockAction,
  BlockSuggestion,
  SlashCommand,
  ViewClosedAction,
  ViewSubmitAction,
} from "@slack/bolt";
import type { AppHomeOpenedEvent } from "@slack/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  appHomeOpenedEnvelope,
  Bridge,
  blockActionsPayload,
  blockSuggestionPayload,
  commandPayload,
  interpretCommandAck,
  interpretViewAck,
  stateValues,
  viewClosedPayload,
  viewSubmissionPayload,
  zonedToEpoch,
} from "../../sandbox/bridge.ts";
import { OWN_TEAM, SlackStandin, type StoredView } from "../support/slack-standin.ts";

const view: StoredView = {
  id: "V0MODAL001",
  hash: "1.1",
  type: "modal",
  callback_id: "decide_request",
  private_metadata: '{"id":"1"}',
  title: { text: "Kunde hinzufügen" },
  blocks: [
    {
      type: "input",
      block_id: "existing_customer",
      optional: true,
      label: { type: "plain_text", text: "Bestehender Kunde" },
      element: { type: "external_select", action_id: "existing_customer" },
    },
    {
      type: "input",
      block_id: "company",
      label: { type: "plain_text", text: "Firma" },
      element: { type: "plain_text_input", action_id: "value" },
    },
    {
      type: "input",
      block_id: "due",
      label: { type: "plain_text", text: "Fällig" },
      element: { type: "datetimepicker", action_id: "value" },
    },
    {
      type: "input",
      block_id: "owner",
      label: { type: "plain_text", text: "Wer" },
      element: { type: "users_select", action_id: "value" },
    },
    { type: "section", block_id: "s", text: { type: "mrkdwn", text: "x" } },
  ],
};

describe("the bridge's payloads have Slack's shape", () => {
  it("builds state.values for every input, with null for empty ones, like Slack", () => {
    expect(
      stateValues(
        view,
        {
          existing_customer: { existing_customer: { value: "c1", text: "Müller GmbH" } },
          company: { value: "Schäfer & Söhne" },
          due: { value: "2026-03-29T10:00" },
        },
        "Europe/Berlin",
      ),
    ).toEqual({
      existing_customer: {
        existing_customer: {
          type: "external_select",
          selected_option: { text: { type: "plain_text", text: "Müller GmbH", emoji: true }, value: "c1" },
        },
      },
      company: { value: { type: "plain_text_input", value: "Schäfer & Söhne" } },
      // 10:00 in Berlin on the day summer time starts is 08:00 UTC.
      due: { value: { type: "datetimepicker", selected_date_time: Date.UTC(2026, 2, 29, 8) / 1000 } },
      owner: { value: { type: "users_select", selected_user: null } },
    });
    expect(zonedToEpoch("2026-12-02T10:30", "Europe/Berlin")).toBe(Date.UTC(2026, 11, 2, 9, 30) / 1000);
  });

  it("types-check against Bolt's and @slack/types' payload types, and carries the fields Bolt routes on", () => {
    const user = "U0ANNA0001";
    const command: SlashCommand = commandPayload({
      user,
      channel: { id: "CKUNDENTEAM", name: "kundenteam" },
      command: "/kunden",
      text: "müller",
      triggerId: "1.2.abc",
      responseUrl: "http://127.0.0.1:1/response/R1",
    });
    expect(command).toMatchObject({
      command: "/kunden",
      text: "müller",
      user_id: user,
      trigger_id: "1.2.abc",
    });

    // Cast: Bolt's BlockAction type requires a response_url, which Slack leaves out for views.
    const click = blockActionsPayload({
      user,
      teamId: "T0AGENTUR1",
      source: {
        type: "message",
        channel: { id: "CKUNDENTEAM", name: "kundenteam" },
        ts: "1.000001",
        ephemeral: false,
      },
      action: {
        blockId: "request_actions",
        element: {
          type: "button",
          action_id: "inquiry_add_customer",
          value: "r1",
          text: { type: "plain_text", text: "x" },
        },
      },
      triggerId: "1.3.abc",
      responseUrl: "http://127.0.0.1:1/response/R2",
      tz: "Europe/Berlin",
      actionTs: "1.5",
    }) as unknown as BlockAction;
    expect(click.container).toEqual({
      type: "message",
      message_ts: "1.000001",
      channel_id: "CKUNDENTEAM",
      is_ephemeral: false,
    });
    expect(click.actions[0]).toMatchObject({
      type: "button",
      action_id: "inquiry_add_customer",
      block_id: "request_actions",
      value: "r1",
    });
    expect(click.response_url).toBe("http://127.0.0.1:1/response/R2");
    expect(click.user).toMatchObject({ id: user, team_id: "T0AGENTUR1" });

    const inView = blockActionsPayload({
      user,
      teamId: "T0AGENTUR1",
      source: { type: "view", view, values: { company: { value: "X" } } },
      action: {
        blockId: "s",
        element: { type: "button", action_id: "b", text: { type: "plain_text", text: "x" } },
      },
      triggerId: "1.4.abc",
      tz: "Europe/Berlin",
      actionTs: "1.6",
    }) as unknown as BlockAction;
    // No response_url from a modal, as in Slack; the view's state comes along.
    expect(inView.response_url).toBeUndefined();
    expect(inView.container).toEqual({ type: "view", view_id: "V0MODAL001" });
    expect(inView.view?.state.values.company?.value).toEqual({ type: "plain_text_input", value: "X" });

    const submission: ViewSubmitAction = viewSubmissionPayload({
      user,
      teamId: "T0AGENTUR1",
      view,
      values: {},
      triggerId: "1.5.abc",
      tz: "Europe/Berlin",
    });
    expect(submission.view).toMatchObject({
      id: "V0MODAL001",
      callback_id: "decide_request",
      private_metadata: '{"id":"1"}',
    });
    expect(submission.view).not.toHaveProperty("errors");

    const closed: ViewClosedAction = viewClosedPayload({
      user,
      teamId: "T0AGENTUR1",
      view,
      tz: "Europe/Berlin",
    });
    expect(closed).toMatchObject({ type: "view_closed", is_cleared: false });

    const suggestion: BlockSuggestion = blockSuggestionPayload({
      user,
      teamId: "T0AGENTUR1",
      view,
      blockId: "existing_customer",
      actionId: "existing_customer",
      value: "mül",
    });
    expect(suggestion).toMatchObject({
      type: "block_suggestion",
      action_id: "existing_customer",
      value: "mül",
    });

    const event: AppHomeOpenedEvent = appHomeOpenedEnvelope({ user, home: undefined, eventTs: "1.7" })
      .event as AppHomeOpenedEvent;
    expect(event).toMatchObject({ type: "app_home_opened", user, tab: "home" });
  });
});

describe("acks, read as Slack reads them", () => {
  it("view_submission: empty closes, errors stay under the inputs, update/push/clear, garbage fails", () => {
    expect(interpretViewAck(200, "")).toEqual({ kind: "close" });
    expect(interpretViewAck(200, "{}")).toEqual({ kind: "close" });
    expect(
      interpretViewAck(200, JSON.stringify({ response_action: "errors", errors: { company: "zu lang" } })),
    ).toEqual({
      kind: "errors",
      errors: { company: "zu lang" },
    });
    const next = { type: "modal", title: { type: "plain_text", text: "Weiter" }, blocks: [] };
    expect(interpretViewAck(200, JSON.stringify({ response_action: "update", view: next }))).toEqual({
      kind: "update",
      view: next,
    });
    expect(interpretViewAck(200, JSON.stringify({ response_action: "push", view: next }))).toEqual({
      kind: "push",
      view: next,
    });
    expect(interpretViewAck(200, JSON.stringify({ response_action: "clear" }))).toEqual({ kind: "clear" });
    expect(interpretViewAck(200, JSON.stringify({ response_action: "errors" })).kind).toBe("failed");
    expect(interpretViewAck("timeout", "").kind).toBe("failed");
    // A view Slack would refuse (a title over 24 characters) is an error, not a modal.
    expect(
      interpretViewAck(
        200,
        JSON.stringify({
          response_action: "update",
          view: { ...next, title: { type: "plain_text", text: "x".repeat(25) } },
        }),
      ).kind,
    ).toBe("failed");
  });

  it("slash command: the body is an ephemeral message unless in_channel; no ack in 3 s is operation_timeout", () => {
    expect(interpretCommandAck("/kunden", 200, "")).toEqual({ kind: "none" });
    expect(interpretCommandAck("/kunden", 200, JSON.stringify({ text: "Hilfe" }))).toEqual({
      kind: "message",
      inChannel: false,
      text: "Hilfe",
      blocks: undefined,
    });
    expect(
      interpretCommandAck("/kunden", 200, JSON.stringify({ response_type: "in_channel", text: "x" })),
    ).toMatchObject({
      inChannel: true,
    });
    expect(interpretCommandAck("/kunden", "timeout", "")).toEqual({
      kind: "failed",
      message: "/kunden ist mit dem Fehler „operation_timeout“ fehlgeschlagen",
    });
  });
});

describe("a bot that does not ack within 3 s", () => {
  let standin: SlackStandin;
  const silent = createServer(() => {
    // never answers, like a bot stuck before its ack
  });
  beforeAll(async () => {
    standin = await new SlackStandin({
      channel: "CKUNDENTEAM",
      members: ["U0ANNA0001"],
      strict: true,
    }).start();
    silent.listen(0, "127.0.0.1");
    await once(silent, "listening");
  });
  afterAll(async () => {
    silent.closeAllConnections();
    silent.close();
    await standin.stop();
  });

  it("shows the person Slack's error for the slash command", async () => {
    const bridge = new Bridge({
      standin,
      botUrl: () => `http://127.0.0.1:${(silent.address() as AddressInfo).port}`,
      signingSecret: "s",
      channel: { id: "CKUNDENTEAM", name: "kundenteam" },
      tz: () => "Europe/Berlin",
    });
    await bridge.command("U0ANNA0001", "/kunden hilfe");
    expect(standin.ephemerals).toEqual([
      expect.objectContaining({
        to: "U0ANNA0001",
        text: "/kunden ist mit dem Fehler „operation_timeout“ fehlgeschlagen",
      }),
    ]);
    expect(bridge.traffic.at(-1)).toMatchObject({ kind: "ack", body: { status: "timeout" } });
  }, 10_000);
});

describe("a slash command of a Slack Connect user, as Slack sends it", () => {
  let standin: SlackStandin;
  const bodies: string[] = [];
  const bot = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => {
      body += String(c);
    });
    req.on("end", () => {
      bodies.push(body);
      res.end();
    });
  });
  beforeAll(async () => {
    standin = await new SlackStandin({
      channel: "CKUNDENTEAM",
      members: ["U0ANNA0001", "U0EXTERN01"],
      strict: true,
    }).start();
    standin.addForeignUser("U0EXTERN01", "T0EXTERN01");
    bot.listen(0, "127.0.0.1");
    await once(bot, "listening");
  });
  afterAll(async () => {
    bot.close();
    await standin.stop();
  });

  it("carries the team_id of the workspace it ran in (ours), not the user's organisation", async () => {
    const bridge = new Bridge({
      standin,
      botUrl: () => `http://127.0.0.1:${(bot.address() as AddressInfo).port}`,
      signingSecret: "s",
      channel: { id: "CKUNDENTEAM", name: "kundenteam" },
      tz: () => "Europe/Berlin",
    });
    await bridge.command("U0EXTERN01", "/kunden müller");
    const sent = new URLSearchParams(bodies.at(-1));
    expect(sent.get("user_id")).toBe("U0EXTERN01");
    expect(sent.get("team_id")).toBe(OWN_TEAM);
    expect(standin.teamOf("U0EXTERN01")).toBe("T0EXTERN01");
  });
});
