/**
 * One Bolt listener per kind that picks the real listener by its id. Bolt runs the middleware of
 * every registered listener for every request (30 listeners: 30 middleware chains per click, on
 * the path to the ack); a table lookup costs nothing.
 */
export function dispatchById<Args extends { ack: Ack }>(
  listeners: Record<string, (args: Args) => Promise<void>>,
  idOf: (args: Args) => string | undefined,
  /** For ids without a listener (links, buttons of old messages): acknowledged, so Slack shows no error. */
  unhandled: (args: Args) => Promise<void>,
  /** After a listener's own ack, before its work goes on: lets the other waiting acks go out first. */
  yieldToAcks: () => Promise<void>,
): (args: Args) => Promise<void> {
  const table = new Map(Object.entries(listeners));
  return (args) => {
    const id = idOf(args);
    const listener = id === undefined ? undefined : table.get(id);
    if (!listener) return unhandled(args);
    const ack = args.ack;
    const ackFirst: Ack = async (response?: unknown) => {
      await ack(response);
      await yieldToAcks();
    };
    return listener({ ...args, ack: ackFirst });
  };
}

/**
 * A listener table with each old id (blocks/ids.ts: ActionIdAlias, CallbackIdAlias) pointing at the
 * listener of the id that replaced it, so that buttons of messages posted before, and modals open
 * during an update, still reach their listener.
 */
export function withAliases<T>(
  listeners: Record<string, T>,
  aliases: Record<string, string>,
): Record<string, T> {
  const out = { ...listeners };
  for (const [old, current] of Object.entries(aliases)) {
    const listener = listeners[current];
    if (listener !== undefined) out[old] = listener;
  }
  return out;
}

// biome-ignore lint/suspicious/noExplicitAny: Bolt's ack differs per payload type; it is passed through unchanged.
type Ack = (response?: any) => Promise<void>;
