import type { WebClient } from "@slack/web-api";
import type { Logger } from "pino";
import type { ConversationService } from "../domain/conversation/conversation-service.ts";
import type { CustomerService } from "../domain/customers/customer-service.ts";
import type { DecisionService } from "../domain/decisions/decision-service.ts";
import type { IntakeService } from "../domain/intake/intake-service.ts";
import type { PrivacyService } from "../domain/privacy/privacy-service.ts";
import type { ReportService } from "../domain/report/report-service.ts";
import type { WaitingService } from "../domain/requests/waiting-service.ts";
import type { TriageService } from "../domain/triage/triage-service.ts";
import type { Config } from "./config.ts";
import type { MailIntakeStatus } from "./mail-intake/mailbox-watcher.ts";
import type { DigestPoster } from "./scheduler/digest-poster.ts";
import type { TeamMembership } from "./slack/team-membership.ts";

/**
 * What listeners and routes get from the composition root (bot/app.ts): domain services, never the
 * database client. Side effects (clock, Slack, SMTP) come in here so that tests can pass real stand-ins.
 */
export interface Deps {
  config: Config;
  log: Logger;
  now: () => Date;
  /** The bot's Web API client (the same one Bolt hands to listeners). */
  slack: WebClient;
  membership: TeamMembership;
  /** Customers and their card: create, edit, search, domains, contracts, tasks. */
  customers: CustomerService;
  /** What waits for a decision: lists, counts, the App Home's data. */
  waiting: WaitingService;
  /** Opening and making decisions (Kunde hinzufügen, Kunde verbinden, Einladung ablehnen). */
  decisions: DecisionService;
  /** Übernehmen, Abgeben and Notiz on requests. */
  triage: TriageService;
  /** Antworten, the prospect's replies and the answer templates (Vorlagen). */
  conversation: ConversationService;
  /** Builds the digest of waiting requests and enqueues it for the team channel. */
  digest: DigestPoster;
  /** The weekly report: `/kunden bericht` sends it to the asking member. */
  report: Pick<ReportService, "toMember">;
  /** Intake of inquiries and invitations (API and manual entry): store and announce in one statement. */
  intake: IntakeService;
  /** The mailbox watcher (IMAP_URL set): its state for the App Home. */
  mailIntake?: { status(): MailIntakeStatus };
  /** Auskunft and Löschen of one person's data (DSGVO Art. 15 and 17). */
  privacy: PrivacyService;
  /**
   * Resolves once the Slack requests that wait for their ack have been answered (bounded, see
   * bot/http/pending-acks.ts). Listeners' work after their own ack waits for it: acks come first.
   */
  yieldToAcks(): Promise<void>;
}
