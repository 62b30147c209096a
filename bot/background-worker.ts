/** Something that runs in the background (outbox worker, scheduler): started after the server, stopped before the database closes. */
export interface BackgroundWorker {
  name: string;
  start(): void;
  /** Resolves when the work in flight is finished. */
  stop(): Promise<void>;
}
