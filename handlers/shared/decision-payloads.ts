import { z } from "zod";
import type { RequestKind } from "../../domain/requests/request-kind.ts";

/** A request id as carried in a button's value. */
export const requestId = z.uuid();

/** The button value `<inquiry|invitation>:<uuid>` (blocks/request-message.ts, encodeRequestRef). */
export const requestRef = z
  .string()
  .regex(/^(inquiry|invitation):[0-9a-f-]{36}$/)
  .transform((v) => {
    const [type, id] = v.split(":") as ["inquiry" | "invitation", string];
    return { type, id };
  });

/** What a decision modal carries in private_metadata. */
export const requestMetadata = z.object({ kind: z.enum(["inquiry", "invitation"]), id: z.uuid() });
export type RequestMetadata = z.infer<typeof requestMetadata>;

export const requestMetadataJson = (kind: RequestKind, id: string) =>
  JSON.stringify({ kind, id } satisfies RequestMetadata);

/** The part of a block_actions body the decision buttons need. */
export const buttonClick = z.object({
  trigger_id: z.string().min(1),
  user: z.object({ id: z.string().min(1) }),
  actions: z.array(z.object({ value: z.string().optional() })).min(1),
});
