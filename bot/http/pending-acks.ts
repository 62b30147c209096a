/**
 * Slack requests that arrived and have no answer yet. A listener's work after its ack (reads,
 * building a modal, views.open) competes for the CPU with the requests that arrived meanwhile;
 * letting their acks go out first keeps every ack fast under a burst of clicks, at the cost of a
 * few milliseconds for the work that follows (bounded by `maxWaitMs`, far inside the trigger's 3 s).
 */
export class PendingAcks {
  private count = 0;
  private waiters = new Set<() => void>();

  constructor(private readonly maxWaitMs = 100) {}

  get size(): number {
    return this.count;
  }

  /** A request arrived; the returned function marks it answered (idempotent). */
  begin(): () => void {
    this.count += 1;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.count -= 1;
      if (this.count === 0) for (const wake of [...this.waiters]) wake();
    };
  }

  /**
   * Resolves once no request waits for its answer, checked after the I/O that is ready now has been
   * read (setImmediate), and at the latest after `maxWaitMs`.
   */
  yield(): Promise<void> {
    return new Promise((resolve) => {
      setImmediate(() => {
        if (this.count === 0) return resolve();
        const wake = () => {
          clearTimeout(timer);
          this.waiters.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, this.maxWaitMs);
        this.waiters.add(wake);
      });
    });
  }
}
