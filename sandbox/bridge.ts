import type { ViewOutput } from "@slack/bolt";
import { z } from "zod";
import { commandBody, interactionBody, slackSignature } from "./signing.ts";
import { invalidBlockKit, OWN_TEAM, type SlackStandin, type StoredView } from "./slack-standin.ts";

/**
 * The bridge between the sandbox page and the bot: it builds the request Slack would send for what
 * the person did (with the user, team, container, trigger_id, response_url and state.values Slack
 * puts in), signs it, sends it to the bot's own /slack/events, and does with the ack what Slack does.
 * The page never talks to the bot.
 */

export const APP_ID = "A0KUNDENBOT";
const TEAM = { id: OWN_TEAM, domain: "agentur" };
/** Slack waits 3 s for an ack, then shows its own error. */
export const ACK_TIMEOUT_MS = 3_000;

/** What the page sends for one input: a text or date, or a chosen option with its text. */
export const rawValue = z.union([z.string(), z.object({ value: z.string(), text: z.string() }), z.null()]);
export const rawValues = z.record(z.string(), z.record(z.string(), rawValue));
export type RawValues = z.infer<typeof rawValues>;

type Block = StoredView["blocks"][number];
type Element = { type: string; action_id?: string; [k: string]: unknown };

/** The wall-clock time `local` ("2026-12-02T10:30") in time zone `tz`, as Unix seconds. */
export function zonedToEpoch(local: string, tz: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!m) return undefined;
  const asUtc = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!);
  // The zone's offset at that moment, read back through Intl (two passes cover DST edges).
  let guess = asUtc;
  for (let i = 0; i < 2; i++) guess = asUtc - offsetMs(guess, tz);
  return Math.floor(guess / 1000);
}

function offsetMs(at: number, tz: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: tz,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(at));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  return Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second")) - at;
}

/** One element's value as Slack puts it into `view.state.values` (null when empty, as Slack sends it). */
export function elementState(element: Element, raw: z.infer<typeof rawValue> | undefined, tz: string) {
  const text = typeof raw === "string" && raw !== "" ? raw : null;
  switch (element.type) {
    case "datepicker":
      return { type: element.type, selected_date: text };
    case "timepicker":
      return { type: element.type, selected_time: text };
    case "datetimepicker":
      return { type: element.type, selected_date_time: text ? (zonedToEpoch(text, tz) ?? null) : null };
    case "users_select":
      return { type: element.type, selected_user: text };
    case "conversations_select":
      return { type: element.type, selected_conversation: text };
    case "static_select":
    case "external_select": {
      const option = raw && typeof raw === "object" ? raw : undefined;
      const known =
        option ??
        (text
          ? ((element.options as { value: string; text: { text: string } }[] | undefined) ?? [])
              .filter((o) => o.value === text)
              .map((o) => ({ value: o.value, text: o.text.text }))[0]
          : undefined);
      return {
        type: element.type,
        selected_option: known
          ? { text: { type: "plain_text", text: known.text, emoji: true }, value: known.value }
          : null,
      };
    }
    default:
      return { type: element.type, value: text };
  }
}

/** `view.state.values` for a view: every input block, and every select in an actions block, keyed like Slack. */
export function stateValues(view: Pick<StoredView, "blocks">, raw: RawValues, tz: string) {
  const values: Record<string, Record<string, unknown>> = {};
  for (const block of view.blocks as Block[]) {
    if (!block.block_id) continue;
    const elements: Element[] =
      block.type === "input" && block.element
        ? [block.element as Element]
        : block.type === "actions"
          ? ((block.elements as Element[]) ?? []).filter((e) => e.type !== "button")
          : [];
    for (const element of elements) {
      if (!element.action_id) continue;
      values[block.block_id] ??= {};
      (values[block.block_id] as Record<string, unknown>)[element.action_id] = elementState(
        element,
        raw[block.block_id]?.[element.action_id],
        tz,
      );
    }
  }
  return values;
}

const slackUser = (id: string, teamId: string) => ({
  id,
  username: id.toLowerCase(),
  name: id.toLowerCase(),
  team_id: teamId,
});

/** Slash command form fields, as Slack posts them. */
export function commandPayload(input: {
  user: string;
  teamId: string;
  channel: { id: string; name: string };
  command: string;
  text: string;
  triggerId: string;
  responseUrl: string;
}) {
  return {
    token: "sandbox",
    team_id: input.teamId,
    team_domain: TEAM.domain,
    channel_id: input.channel.id,
    channel_name: input.channel.name,
    user_id: input.user,
    user_name: input.user.toLowerCase(),
    command: input.command,
    text: input.text,
    api_app_id: APP_ID,
    is_enterprise_install: "false",
    response_url: input.responseUrl,
    trigger_id: input.triggerId,
  };
}

export type ActionSource =
  | {
      type: "message";
      channel: { id: string; name: string };
      ts: string;
      ephemeral: boolean;
      message?: unknown;
    }
  | { type: "view"; view: StoredView; values: RawValues };

/** A click on a button or a choice in a select: `block_actions` with Slack's container. */
export function blockActionsPayload(input: {
  user: string;
  teamId: string;
  source: ActionSource;
  action: { blockId: string; element: Element; value?: string; selected?: { value: string; text: string } };
  triggerId: string;
  responseUrl?: string;
  tz: string;
  actionTs: string;
}) {
  const { element } = input.action;
  const action: Record<string, unknown> = {
    type: element.type,
    action_id: element.action_id,
    block_id: input.action.blockId,
    action_ts: input.actionTs,
  };
  if (element.type === "button") {
    action.text = element.text;
    if (typeof element.value === "string") action.value = element.value;
    if (typeof element.style === "string") action.style = element.style;
  } else Object.assign(action, elementState(element, input.action.selected ?? input.action.value, input.tz));
  const src = input.source;
  const base = {
    type: "block_actions",
    user: slackUser(input.user, input.teamId),
    api_app_id: APP_ID,
    token: "sandbox",
    trigger_id: input.triggerId,
    team: TEAM,
    is_enterprise_install: false,
    actions: [action],
  };
  if (src.type === "view") {
    return {
      ...base,
      container: { type: "view", view_id: src.view.id },
      view: viewForPayload(src.view, stateValues(src.view, src.values, input.tz)),
      state: { values: stateValues(src.view, src.values, input.tz) },
    };
  }
  return {
    ...base,
    container: {
      type: "message",
      message_ts: src.ts,
      channel_id: src.channel.id,
      is_ephemeral: src.ephemeral,
    },
    channel: src.channel,
    // Slack sends the message only for messages everyone sees; an ephemeral one it does not keep.
    ...(src.ephemeral ? {} : { message: src.message }),
    state: { values: {} },
    response_url: input.responseUrl,
  };
}

/** The view as Slack echoes it in payloads (Bolt's ViewOutput): without what only the sandbox keeps. */
function viewForPayload(view: StoredView, values: Record<string, Record<string, unknown>>): ViewOutput {
  const { errors: _errors, ...rest } = view;
  const text = (t: { text: string } | undefined) =>
    t ? { type: "plain_text" as const, text: t.text, emoji: true } : null;
  return {
    ...rest,
    id: view.id,
    type: view.type,
    team_id: OWN_TEAM,
    app_id: APP_ID,
    bot_id: "B0KUNDENBOT",
    title: text(view.title) ?? { type: "plain_text", text: "", emoji: true },
    close: text(view.close),
    submit: text(view.submit),
    blocks: view.blocks as ViewOutput["blocks"],
    hash: view.hash,
    private_metadata: view.private_metadata ?? "",
    callback_id: view.callback_id ?? "",
    root_view_id: typeof view.root_view_id === "string" ? view.root_view_id : view.id,
    previous_view_id: typeof view.previous_view_id === "string" ? view.previous_view_id : null,
    clear_on_close: view.clear_on_close === true,
    notify_on_close: view.notify_on_close === true,
    state: { values: values as ViewOutput["state"]["values"] },
  };
}

export function viewSubmissionPayload(input: {
  user: string;
  teamId: string;
  view: StoredView;
  values: RawValues;
  triggerId: string;
  tz: string;
}) {
  return {
    type: "view_submission" as const,
    team: TEAM,
    user: slackUser(input.user, input.teamId),
    api_app_id: APP_ID,
    token: "sandbox",
    trigger_id: input.triggerId,
    view: viewForPayload(input.view, stateValues(input.view, input.values, input.tz)),
    response_urls: [],
    is_enterprise_install: false,
  };
}

export function viewClosedPayload(input: { user: string; teamId: string; view: StoredView; tz: string }) {
  return {
    type: "view_closed" as const,
    team: TEAM,
    user: slackUser(input.user, input.teamId),
    api_app_id: APP_ID,
    token: "sandbox",
    view: viewForPayload(input.view, stateValues(input.view, {}, input.tz)),
    is_cleared: false,
    is_enterprise_install: false,
  };
}

export function blockSuggestionPayload(input: {
  user: string;
  teamId: string;
  view: StoredView;
  blockId: string;
  actionId: string;
  value: string;
}) {
  return {
    type: "block_suggestion" as const,
    user: slackUser(input.user, input.teamId),
    container: { type: "view" as const, view_id: input.view.id },
    api_app_id: APP_ID,
    token: "sandbox",
    action_id: input.actionId,
    block_id: input.blockId,
    value: input.value,
    team: TEAM,
    view: viewForPayload(input.view, {}),
    is_enterprise_install: false,
  };
}

export function appHomeOpenedEnvelope(input: {
  user: string;
  home: StoredView | undefined;
  eventTs: string;
}) {
  return {
    token: "sandbox",
    team_id: OWN_TEAM,
    api_app_id: APP_ID,
    type: "event_callback",
    event_id: `Ev0${input.eventTs.replace(".", "")}`,
    event_time: Math.floor(Number(input.eventTs)),
    event: {
      type: "app_home_opened",
      user: input.user,
      channel: `D0${input.user.slice(1, 9)}`,
      tab: "home",
      event_ts: input.eventTs,
      ...(input.home ? { view: input.home } : {}),
    },
  };
}

const viewObject = z.looseObject({ type: z.string(), blocks: z.array(z.looseObject({ type: z.string() })) });
const viewAck = z.union([
  z.object({ response_action: z.literal("errors"), errors: z.record(z.string(), z.string()) }),
  z.object({ response_action: z.literal("update"), view: viewObject }),
  z.object({ response_action: z.literal("push"), view: viewObject }),
  z.object({ response_action: z.literal("clear") }),
]);

export type ViewAck =
  | { kind: "close" }
  | { kind: "errors"; errors: Record<string, string> }
  | { kind: "update" | "push"; view: Record<string, unknown> }
  | { kind: "clear" }
  | { kind: "failed"; message: string };

/** What Slack makes of a view_submission's ack: an empty 200 closes the modal. */
export function interpretViewAck(status: number | "timeout", body: string): ViewAck {
  if (status === "timeout")
    return { kind: "failed", message: "kundenbot hat nicht rechtzeitig geantwortet." };
  if (status !== 200)
    return { kind: "failed", message: `Es gab ein Problem mit kundenbot (HTTP ${status}).` };
  if (body.trim() === "") return { kind: "close" };
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { kind: "failed", message: "kundenbot hat keine gültige Antwort gesendet." };
  }
  if (json && typeof json === "object" && Object.keys(json).length === 0) return { kind: "close" };
  const parsed = viewAck.safeParse(json);
  if (!parsed.success) return { kind: "failed", message: "kundenbot hat keine gültige Antwort gesendet." };
  const a = parsed.data;
  if (a.response_action === "errors") return { kind: "errors", errors: a.errors };
  if (a.response_action === "clear") return { kind: "clear" };
  const invalid = invalidBlockKit("views.update", { view: a.view });
  if (invalid) return { kind: "failed", message: `Slack hat die Ansicht abgelehnt: ${invalid.error}` };
  return { kind: a.response_action, view: a.view };
}

export type CommandAck =
  | { kind: "none" }
  | { kind: "message"; inChannel: boolean; text?: string; blocks?: unknown[] }
  | { kind: "failed"; message: string };

/** What Slack makes of a slash command's ack: its body is shown as a message (ephemeral by default). */
export function interpretCommandAck(command: string, status: number | "timeout", body: string): CommandAck {
  if (status === "timeout")
    return { kind: "failed", message: `${command} ist mit dem Fehler „operation_timeout“ fehlgeschlagen` };
  if (status !== 200)
    return { kind: "failed", message: `${command} ist mit dem Fehler „http_${status}“ fehlgeschlagen` };
  if (body.trim() === "") return { kind: "none" };
  try {
    const json = JSON.parse(body) as { text?: unknown; blocks?: unknown; response_type?: unknown };
    if (!json || typeof json !== "object" || (json.text === undefined && json.blocks === undefined))
      return { kind: "none" };
    return {
      kind: "message",
      inChannel: json.response_type === "in_channel",
      text: typeof json.text === "string" ? json.text : undefined,
      blocks: Array.isArray(json.blocks) ? json.blocks : undefined,
    };
  } catch {
    return { kind: "message", inChannel: false, text: body };
  }
}

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
      teamId: standin.teamOf(user),
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

function findElement(blocks: Block[], blockId: string, actionId: string): Element | undefined {
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
