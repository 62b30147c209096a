import { describe, expect, it } from "vitest";
import {
  claimNextJob,
  completeJob,
  enqueueJob,
  rescheduleJob,
} from "../../../domain/outbox/outbox-repository.ts";
import { useTestDatabase } from "../../support/lifecycle.ts";

/** orderKeys: a job waits while an older pending job of one of its records is waiting or in flight. */
describe("outbox order keys", () => {
  const t = useTestDatabase();
  const LANE = "webhook-test";
  const add = (n: number, orderKeys: string[]) =>
    enqueueJob(t.db.prisma, { kind: "webhook.send", lane: LANE, payload: { n }, orderKeys });
  const claim = async () => {
    const job = await claimNextJob(t.db.prisma, LANE, ["webhook.send"], new Date(), 30_000);
    return job && { id: job.id, n: (job.payload as { n: number }).n, ordered: job.ordered };
  };

  it("claims a record's next job only after its older one is done, and other records meanwhile", async () => {
    await add(1, ["inquiry:a"]);
    await add(2, ["inquiry:a"]);
    await add(3, ["customer:b"]);
    await add(4, ["inquiry:a", "customer:b"]);
    await add(5, []);
    const first = await claim();
    expect(first).toMatchObject({ n: 1, ordered: true });
    // 1 is in flight: 2 and 4 wait; 3 (another record) and 5 (no order) go.
    expect(await claim()).toMatchObject({ n: 3 });
    expect(await claim()).toMatchObject({ n: 5, ordered: false });
    expect(await claim()).toBeUndefined();
    // 1 fails and waits for its retry: 2 still waits behind it.
    await rescheduleJob(t.db.prisma, first?.id as bigint, new Date(Date.now() + 60_000), "HTTP 500");
    expect(await claim()).toBeUndefined();
    await completeJob(t.db.prisma, first?.id as bigint, new Date());
    expect(await claim()).toMatchObject({ n: 2 });
    // 4 shares a key with 2 (in flight) and with 3 (in flight): it waits for both.
    expect(await claim()).toBeUndefined();
  });
});
