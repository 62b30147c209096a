/**
 * The mailbox watcher's state (bot/mail-intake/mailbox-watcher.ts keeps it; the App Home and the
 * metrics show it). Types only, without imports: every layer may use them.
 */
export interface MailIntakeStatus {
  state: "standby" | "connecting" | "connected" | "error" | "stopped";
  mailbox: string;
  /** Whether the server notifies of new mail (IDLE); else it is polled. */
  idle?: boolean;
  /** When the last mail was processed. */
  lastMailAt?: string;
  lastError?: string;
  lastErrorAt?: string;
  /** Mails processed since start: stored (or already stored) inquiries, and ignored mails. */
  inquiries: number;
  ignored: number;
}
