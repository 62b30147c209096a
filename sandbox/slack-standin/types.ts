/** The shapes the Slack stand-in keeps and records. */

export interface RecordedCall {
  method: string;
  args: Record<string, unknown>;
  token: string | undefined;
  at: number;
  /** What the stand-in answered: an HTTP status and, for 200, the body. */
  status: number;
  response?: unknown;
}

/** One Web API method's answer: Slack's JSON body for the call's arguments. */
export type MethodHandler = (args: Record<string, unknown>, standin: Workspace) => unknown;

/**
 * What the method families read and change of the stand-in's workspace (SlackStandin is it; the
 * families see only this, so that they need not import the class that dispatches to them).
 */
export interface Workspace {
  readonly strict: boolean;
  readonly channel: string;
  readonly port: number;
  members: string[];
  channelInfo: { is_private: boolean; is_shared: boolean; is_ext_shared: boolean };
  readonly users: Map<string, StandinUser>;
  readonly botUsers: Set<string>;
  readonly dms: Map<string, string>;
  readonly files: Map<string, StandinFile>;
  readonly responses: RecordedResponse[];
  messages: StoredMessage[];
  ephemerals: EphemeralMessage[];
  readonly modals: Map<string, StoredView[]>;
  homes: Map<string, StoredView>;
  readonly triggers: {
    use(triggerId: unknown, now: number, strict: boolean): { user: string } | { error: string };
  };
  readonly counters: { ts: number; view: number };
  /** The workspace's address (auth.test → url), where message links start. */
  readonly workspaceUrl: string;
  now(): number;
  nextTs(): string;
  changed(): void;
  teamOf(userId: string): string;
  knowsChannel(id: string): boolean;
}

/** A person in the stand-in's workspace, as users.info describes them. */
export interface StandinUser {
  id: string;
  realName: string;
  tz?: string;
}

/** A channel message as Slack keeps it: its current blocks, how often it was edited, and its thread. */
export interface StoredMessage {
  channel: string;
  ts: string;
  user: string;
  text?: string;
  blocks?: unknown[];
  threadTs?: string;
  /** 1 when posted, +1 for each chat.update or replace_original. */
  version: number;
  /** Ids of the files shared with this message (files.completeUploadExternal posts one). */
  files?: string[];
}

/** An ephemeral message: one user sees it, in one channel, until the next reload (like Slack). */
export interface EphemeralMessage extends Omit<StoredMessage, "version"> {
  /** The one user who sees it. */
  to: string;
}

export interface StoredView {
  id: string;
  hash: string;
  type: string;
  title?: { text: string };
  submit?: { text: string };
  close?: { text: string };
  callback_id?: string;
  private_metadata?: string;
  external_id?: string;
  notify_on_close?: boolean;
  blocks: { type: string; block_id?: string; [k: string]: unknown }[];
  /** response_action errors, shown under the inputs until the next submission. */
  errors?: Record<string, string>;
  [k: string]: unknown;
}

/** What the stand-in keeps across a restart (modals and trigger ids are gone after one, as in Slack). */
export interface StandinState {
  messages: StoredMessage[];
  ephemerals: EphemeralMessage[];
  homes: Record<string, StoredView>;
  counters: { ts: number; view: number };
  /** Direct-message channels: id → user (absent in state saved before there were DMs). */
  dms?: Record<string, string>;
  /** Shared files with their bytes in base64 (absent in older state). */
  files?: SavedFile[];
}

/** A shared file as the saved state keeps it. */
export type SavedFile = Omit<StandinFile, "bytes"> & { bytes: string };

export interface StandinOptions {
  /** Channel members answered by conversations.members (default: U0MEMBER01). */
  members?: string[];
  /** People with names (users.info); others get a name made from their id. */
  users?: StandinUser[];
  /**
   * Refuse what only a real workspace can tell apart: trigger ids and message ts the stand-in never
   * issued, views it never opened. The sandbox runs strict; tests that send hand-made payloads don't.
   */
  strict?: boolean;
  /** The team channel's id (default CTEAM0001): the one channel whose members `members` are. */
  channel?: string;
  /** Enforce a posting rate per channel for chat.postMessage: 1 per `ms`, with a burst. */
  postRate?: PostRate;
  seed?: number;
}

/** A posting rate per channel: 1 per `perMs`, with a burst. */
export interface PostRate {
  perMs: number;
  burst: number;
}

/** The app's own workspace, as auth.test reports it. */
export const OWN_TEAM = "T0AGENTUR1";
/** The bot's own user id, as auth.test reports it. */
export const BOT_USER = "U0KUNDENBOT";

/** A file of Slack's external upload: announced (getUploadURLExternal), uploaded, then shared (completeUploadExternal). */
export interface StandinFile {
  id: string;
  filename: string;
  /** The byte length announced in getUploadURLExternal. */
  length: number;
  bytes?: Buffer;
  title?: string;
  /** Where completeUploadExternal shared it. */
  channel?: string;
  initialComment?: string;
}

/** Where a response_url's answer goes: the click's user, channel and message. */
export interface ResponseContext {
  user?: string;
  channel?: string;
  messageTs?: string;
  ephemeral?: boolean;
}

export interface RecordedResponse {
  id: string;
  body: Record<string, unknown>;
  status: number;
}
