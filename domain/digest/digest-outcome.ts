/** What posting a digest came to (bot/scheduler/digest-poster.ts; `/kunden digest` answers with it). Types only. */
export type DigestOutcome =
  | { status: "enqueued"; subject: "invitations" | "inquiries"; waiting: number }
  /** Nothing waits: nothing is posted. */
  | { status: "nothing-waiting"; subject: "invitations" | "inquiries" }
  /** A digest with this key was enqueued before (another instance, or a retry). */
  | { status: "duplicate" }
  /** SLACK_CHANNEL_ID is not set: there is nowhere to post. */
  | { status: "no-channel" };
