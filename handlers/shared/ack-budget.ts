/**
 * Slack wants the ack within 3 s, and the team-member guard has spent some of them already. Work
 * that may take longer races a budget: in time, its result goes into the ack; late, the listener
 * acks with "a moment please" and answers when the work is done.
 */
export type WithinAckBudget<T> = { status: "in_time"; value: T } | { status: "late" };

export async function withinAckBudget<T>(work: Promise<T>, budgetMs: number): Promise<WithinAckBudget<T>> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<{ status: "late" }>((resolve) => {
    timer = setTimeout(() => resolve({ status: "late" }), budgetMs);
  });
  try {
    return await Promise.race([work.then((value) => ({ status: "in_time" as const, value })), late]);
  } finally {
    clearTimeout(timer);
  }
}
