import { z } from "zod";
import { interpretCommandAck, interpretViewAck, type ViewAck } from "./bridge/acks.ts";
import {
  type ActionSource,
  appHomeOpenedEnvelope,
  blockActionsPayload,
  blockSuggestionPayload,
  commandPayload,
  viewClosedPayload,
  viewSubmissionPayload,
} from "./bridge/payloads.ts";
import type { Block, Element, RawValues } from "./bridge/state-values.ts";
import { commandBody, interactionBody, slackSignature } from "./signing.ts";
import type { SlackStandin, StoredView } from "./slack-standin.ts";

/**
 * The bridge between the sandbox page and the bot: it builds the request Slack would send for what
 * the person did (with the user, team, container, trigger_id, response_url and state.values Slack
 * puts in), signs it, sends it to the bot's own /slack/events, and does with the ack what Slack does.
 * The page never talks to the bot. The payloads are built in bridge/payloads.ts, the inputs' state
 * in bridge/state-values.ts, and the acks read in bridge/acks.ts.
 */

export * from "./bridge/acks.ts";
export * from "./bridge/payloads.ts";
export {
  elementState,
  type RawValues,
  rawValue,
  rawValues,
  stateValues,
  zonedToEpoch,
} from "./bridge/state-values.ts";

/** Slack waits 3 s for an ack, then shows its own error. */
export const ACK_TIMEOUT_MS = 3_000;

export interface TrafficEntry {
  at: string;
  kind: "request" | "ack";
  type: string;
  body: unknown;
}

export interface BridgeOptions {
  standin: SlackStandin;
  /** The bot's base URL (known once its server listens). */
  botUrl: () => string;
  signingSecret: string;
  channel: { id: string; name: string };
  tz: (user: string) => string;
  now?: () => number;
}

/** Sends the requests Slack would send, and applies the acks to the stand-in's state. */
export class Bridge {
  /** The last requests to the bot and their acks, newest last (the page's JSON panel). */
  readonly traffic: TrafficEntry[] = [];
  private readonly now: () => number;

  constructor(private readonly opts: BridgeOptions) {
    this.now = opts.now ?? Date.now;
  }

  private record(entry: Omit<TrafficEntry, "at">) {
    this.traffic.push({ at: new Date(this.now()).toISOString(), ...entry });
    if (this.traffic.length > 60) this.traffic.splice(0, this.traffic.length - 60);
  }

  private actionTs() {
    return (this.now() / 1000).toFixed(6);
  }

  /** Posts a signed request to the bot; "timeout" when no ack came within Slack's 3 s. */
  private async send(
    type: string,
    body: string,
    contentType: string,
    logged: unknown,
  ): Promise<{ status: number | "timeout"; text: string }> {
    this.record({ kind: "request", type, body: logged });
    const headers = { "content-type": contentType, ...slackSignature(this.opts.signingSecret, body) };
    try {
      const res = await fetch(`${this.opts.botUrl()}/slack/events`, {
        method: "POST",
        headers,
        body,
        signal: AbortSignal.timeout(ACK_TIMEOUT_MS),
      });
      const text = await res.text();
      this.record({ kind: "ack", type, body: { status: res.status, body: parseMaybe(text) } });
      return { status: res.status, text };
    } catch (err) {
      if ((err as { name?: string }).name !== "TimeoutError") throw err;
      this.record({ kind: "ack", type, body: { status: "timeout" } });
      return { status: "timeout", text: "" };
    }
  }

  private interaction(payload: { type: string }) {
    return this.send(payload.type, interactionBody(payload), "application/x-www-form-urlencoded", payload);
  }

  async command(user: string, line: string): Promise<void> {
    const { standin, channel } = this.opts;
    const m = /^(\/\S+)\s*([\s\S]*)$/.exec(line.trim());
    if (!m) return;
    const command = m[1] as string;
    if (command !== "/kunden") {
      standin.addEphemeral({
        channel: channel.id,
        user: "USLACKBOT",
        to: user,
        text: `${command} ist kein gültiger Befehl.`,
      });
      return;
    }
    const fields = commandPayload({
      user,
      channel,
      command,
      text: (m[2] ?? "").trim(),
      triggerId: standin.triggerId(user),
      responseUrl: standin.responseUrl({ user, channel: channel.id }),
    });
    const ack = await this.send(
      "slash_command",
      commandBody(fields),
      "application/x-www-form-urlencoded",
      fields,
    );
    const answer = interpretCommandAck(command, ack.status, ack.text);
    if (answer.kind === "failed")
      standin.addEphemeral({ channel: channel.id, user: "USLACKBOT", to: user, text: answer.message });
    else if (answer.kind === "message") {
      if (answer.inChannel) {
        standin.messages.push({
          channel: channel.id,
          ts: standin.nextTs(),
          user,
          text: answer.text,
          blocks: answer.blocks,
          version: 1,
        });
        standin.changed();
      } else
        standin.addEphemeral({
          channel: channel.id,
          user: "U0KUNDENBOT",
          to: user,
          text: answer.text,
          blocks: answer.blocks,
        });
    }
  }

  /** A click in a channel message (or an ephemeral one) or in a view. */
  async action(
    user: string,
    where:
      | { type: "message"; ts: string; ephemeral: boolean }
      | { type: "view"; viewId: string; values: RawValues },
    blockId: string,
    actionId: string,
    choice: { value?: string; selected?: { value: string; text: string } } = {},
  ): Promise<{ error?: string }> {
    const { standin, channel } = this.opts;
    let blocks: Block[] | undefined;
    let source: ActionSource;
    if (where.type === "message") {
      const message = where.ephemeral
        ? standin.ephemerals.find((e) => e.ts === where.ts && e.to === user)
        : standin.messages.find((e) => e.ts === where.ts);
      if (!message) return { error: "Diese Nachricht gibt es nicht mehr." };
      blocks = message.blocks as Block[] | undefined;
      source = {
        type: "message",
        channel,
        ts: message.ts,
        ephemeral: where.ephemeral,
        message: {
          type: "message",
          user: message.user,
          ts: message.ts,
          text: message.text,
          blocks: message.blocks,
        },
      };
    } else {
      const view = findUserView(standin, user, where.viewId);
      if (!view) return { error: "Diese Ansicht ist nicht mehr offen." };
      blocks = view.blocks;
      source = { type: "view", view, values: where.values };
    }
    const element = findElement(blocks ?? [], blockId, actionId);
    if (!element) return { error: "Dieses Element gibt es nicht." };
    const payload = blockActionsPayload({
      user,
      teamId: standin.teamOf(user),
      source,
      action: { blockId, element, ...choice },
      triggerId: standin.triggerId(user),
      responseUrl:
        where.type === "message"
          ? standin.responseUrl({
              user,
              channel: channel.id,
              messageTs: where.ts,
              ephemeral: where.ephemeral,
            })
          : undefined,
      tz: this.opts.tz(user),
      actionTs: this.actionTs(),
    });
    const ack = await this.interaction(payload);
    if (ack.status !== 200) {
      standin.addEphemeral({
        channel: channel.id,
        user: "USLACKBOT",
        to: user,
        text:
          ack.status === "timeout"
            ? "kundenbot hat nicht rechtzeitig geantwortet."
            : `kundenbot hat mit HTTP ${ack.status} geantwortet.`,
      });
    }
    return {};
  }

  /** Submits the user's top modal and applies the ack (errors, update, push, clear, close). */
  async submit(user: string, viewId: string, values: RawValues): Promise<ViewAck | { kind: "gone" }> {
    const { standin } = this.opts;
    const stack = standin.modals.get(user) ?? [];
    const view = stack.at(-1);
    if (!view || view.id !== viewId) return { kind: "gone" };
    const payload = viewSubmissionPayload({
      user,
      teamId: standin.teamOf(user),
      view,
      values,
      triggerId: standin.triggerId(user),
      tz: this.opts.tz(user),
    });
    const ack = await this.interaction(payload);
    const answer = interpretViewAck(ack.status, ack.text);
    // The stack may have changed while the bot answered (views.update after the ack is common).
    const current = standin.modals.get(user) ?? [];
    const i = current.findIndex((v) => v.id === viewId);
    switch (answer.kind) {
      case "close":
        if (i >= 0) current.splice(i, 1);
        break;
      case "errors":
        if (i >= 0) (current[i] as StoredView).errors = answer.errors;
        break;
      case "update":
        if (i >= 0) current[i] = standin.makeView(answer.view, viewId);
        break;
      case "push":
        if (current.length < 3) current.push(standin.makeView(answer.view));
        break;
      case "clear":
        current.length = 0;
        break;
      case "failed":
        if (i >= 0) (current[i] as StoredView).errors = { _view: answer.message };
        break;
    }
    if (current.length === 0) standin.modals.delete(user);
    standin.changed();
    return answer;
  }

  /** The close button: Slack pops the modal, and tells the app only when it asked (notify_on_close). */
  async close(user: string, viewId: string): Promise<void> {
    const { standin } = this.opts;
    const stack = standin.modals.get(user) ?? [];
    const i = stack.findIndex((v) => v.id === viewId);
    if (i < 0) return;
    const [view] = stack.splice(i, 1);
    if (stack.length === 0) standin.modals.delete(user);
    standin.changed();
    if (view?.notify_on_close)
      await this.interaction(
        viewClosedPayload({ user, teamId: standin.teamOf(user), view, tz: this.opts.tz(user) }),
      );
  }

  /** Typing in an external select: `block_suggestion`, answered with options. */
  async suggest(user: string, viewId: string, blockId: string, actionId: string, value: string) {
    const { standin } = this.opts;
    const view = findUserView(standin, user, viewId);
    if (!view) return [];
    const ack = await this.interaction(
      blockSuggestionPayload({ user, teamId: standin.teamOf(user), view, blockId, actionId, value }),
    );
    if (ack.status !== 200) return [];
    const parsed = z
      .object({
        options: z.array(z.object({ text: z.object({ text: z.string() }), value: z.string() })).max(100),
      })
      .safeParse(parseMaybe(ack.text));
    return parsed.success ? parsed.data.options.map((o) => ({ value: o.value, text: o.text.text })) : [];
  }

  /** Opening the App Home tab: Slack sends app_home_opened every time. */
  async homeOpened(user: string): Promise<void> {
    const envelope = appHomeOpenedEnvelope({
      user,
      home: this.opts.standin.homes.get(user),
      eventTs: this.actionTs(),
    });
    await this.send("app_home_opened", JSON.stringify(envelope), "application/json", envelope);
  }
}

function parseMaybe(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The user's own modal or Home with this id: nobody acts in someone else's view. */
function findUserView(standin: SlackStandin, user: string, viewId: string): StoredView | undefined {
  const home = standin.homes.get(user);
  if (home?.id === viewId) return home;
  return standin.modals.get(user)?.find((v) => v.id === viewId);
}

/** The element `actionId` in the block `blockId` (any block when a block has no id). */
export function findElement(blocks: Block[], blockId: string, actionId: string): Element | undefined {
  for (const b of blocks) {
    if (b.block_id !== undefined && b.block_id !== blockId) continue;
    const candidates = [
      ...(Array.isArray(b.elements) ? (b.elements as Element[]) : []),
      ...(b.accessory ? [b.accessory as Element] : []),
      ...(b.element ? [b.element as Element] : []),
    ];
    const found = candidates.find((e) => e.action_id === actionId);
    if (found) return found;
  }
  return undefined;
}
