import { randomBytes } from "node:crypto";
import { withBlockIds } from "./block-kit.ts";
import { type MethodHandler, OWN_TEAM, type StoredView, type Workspace } from "./types.ts";
import { parseJson } from "./wire.ts";

/**
 * views.open / push / update / publish with Slack's state: trigger ids that expire and are used
 * once, one modal stack per user (at most three deep), one App Home per user, hashes that conflict.
 */

/** Slack's limits on trigger ids and modal stacks. */
const TRIGGER_TTL_MS = 3_000;
const MODAL_STACK_MAX = 3;

/** The trigger ids handed out in clicks, commands and submissions. */
export class TriggerIds {
  private triggers = new Map<string, { user: string; at: number; used: boolean }>();

  /** A fresh trigger_id for `user`. */
  issue(user: string, now: number): string {
    const id = `${Math.floor(now / 1000)}.${this.triggers.size + 1}.${randomBytes(8).toString("hex")}`;
    this.triggers.set(id, { user, at: now, used: false });
    return id;
  }

  clear(): void {
    this.triggers.clear();
  }

  /** trigger_id checks of views.open and views.push: Slack's errors, and whose modal stack it is. */
  use(triggerId: unknown, now: number, strict: boolean): { user: string } | { error: string } {
    if (typeof triggerId !== "string" || triggerId === "") return { error: "invalid_trigger_id" };
    const t = this.triggers.get(triggerId);
    if (!t) return strict ? { error: "invalid_trigger_id" } : { user: "" };
    if (t.used) return { error: "exchanged_trigger_id" };
    if (now - t.at > TRIGGER_TTL_MS) return { error: "expired_trigger_id" };
    t.used = true;
    return { user: t.user };
  }
}

/** A view as Slack stores it: Slack's id and a fresh hash, block ids filled in. */
export function makeView(standin: Workspace, sent: unknown, id?: string): StoredView {
  standin.counters.view += 1;
  const n = standin.counters.view;
  const view = (sent && typeof sent === "object" ? sent : {}) as Record<string, unknown>;
  // Slack's own fields win over whatever the app sent: a view id `V…` and a fresh hash per change.
  return {
    ...(view as Partial<StoredView>),
    blocks: withBlockIds(Array.isArray(view.blocks) ? (view.blocks as StoredView["blocks"]) : []),
    type: String(view.type ?? "modal"),
    id: id ?? `V0${String(n).padStart(8, "0")}`,
    team_id: OWN_TEAM,
    hash: `${1_700_000_000 + n}.${String(n).padStart(8, "0")}`,
  };
}

function findView(
  standin: Workspace,
  args: Record<string, unknown>,
): { view: StoredView; replace: (v: StoredView) => void } | undefined {
  const match = (v: StoredView) =>
    (typeof args.view_id === "string" && v.id === args.view_id) ||
    (typeof args.external_id === "string" && v.external_id === args.external_id);
  for (const stack of standin.modals.values()) {
    const i = stack.findIndex(match);
    if (i >= 0)
      return {
        view: stack[i] as StoredView,
        replace: (v) => {
          stack[i] = v;
        },
      };
  }
  for (const [user, home] of standin.homes) {
    if (match(home)) return { view: home, replace: (v) => standin.homes.set(user, v) };
  }
  return undefined;
}

/** views.open replaces the user's stack, views.push adds to it. */
function openOrPush(method: "views.open" | "views.push"): MethodHandler {
  return (args, standin) => {
    const sent = parseJson(args.view);
    if (!sent || typeof sent !== "object") return { ok: false, error: "invalid_arguments" };
    const t = standin.triggers.use(args.trigger_id, standin.now(), standin.strict);
    if ("error" in t) return { ok: false, error: t.error };
    const stack = standin.modals.get(t.user) ?? [];
    if (method === "views.push" && stack.length === 0 && standin.strict)
      return { ok: false, error: "not_found" };
    // Hand-made trigger ids (lenient tests) share one anonymous stack, so only real users get the limit.
    if (method === "views.push" && t.user !== "" && stack.length >= MODAL_STACK_MAX)
      return { ok: false, error: "push_limit_reached" };
    const view = makeView(standin, sent);
    standin.modals.set(t.user, method === "views.open" ? [view] : [...stack, view]);
    standin.changed();
    return { ok: true, view };
  };
}

export const viewsOpen = openOrPush("views.open");
export const viewsPush = openOrPush("views.push");

export const viewsUpdate: MethodHandler = (args, standin) => {
  const sent = parseJson(args.view);
  if (!sent || typeof sent !== "object") return { ok: false, error: "invalid_arguments" };
  if (typeof args.view_id !== "string" && typeof args.external_id !== "string")
    return { ok: false, error: "invalid_arguments" };
  const found = findView(standin, args);
  if (!found) {
    if (standin.strict) return { ok: false, error: "not_found" };
    return {
      ok: true,
      view: makeView(standin, sent, typeof args.view_id === "string" ? args.view_id : undefined),
    };
  }
  if (typeof args.hash === "string" && args.hash !== found.view.hash)
    return { ok: false, error: "hash_conflict" };
  const view = makeView(standin, sent, found.view.id);
  found.replace(view);
  standin.changed();
  return { ok: true, view };
};

export const viewsPublish: MethodHandler = (args, standin) => {
  const sent = parseJson(args.view);
  if (!sent || typeof sent !== "object") return { ok: false, error: "invalid_arguments" };
  if (typeof args.user_id !== "string" || args.user_id === "")
    return { ok: false, error: "invalid_arguments" };
  const current = standin.homes.get(args.user_id);
  if (current && typeof args.hash === "string" && args.hash !== current.hash)
    return { ok: false, error: "hash_conflict" };
  const view = makeView(standin, sent, current?.id);
  standin.homes.set(args.user_id, view);
  standin.changed();
  return { ok: true, view };
};
