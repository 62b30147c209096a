import type { WebClient } from "@slack/web-api";
import type { Logger } from "pino";
import type { ConversationService } from "../domain/conversation/conversation-service.ts";
import type { CustomerService } from "../domain/customers/customer-service.ts";
import type { DecisionService } from "../domain/decisions/decision-service.ts";
import type { DigestOutcome } from "../domain/digest/digest-outcome.ts";
import type { FollowUpService } from "../domain/follow-ups/follow-up-service.ts";
import type { IntakeService } from "../domain/intake/intake-service.ts";
import type { MailIntakeStatus } from "../domain/mail-intake/mail-intake-status.ts";
import type { PhaseService } from "../domain/pipeline/phase-service.ts";
import type { PrivacyService } from "../domain/privacy/privacy-service.ts";
import type { ReportService } from "../domain/report/report-service.ts";
import type { WaitingService } from "../domain/requests/waiting-service.ts";
import type { ChannelExposure, MembershipAnswer } from "../domain/team/membership.ts";
import type { TriageService } from "../domain/triage/triage-service.ts";

/**
 * The listeners' contract: what they get from the composition root (bot/app.ts provides it, see
 * bot/app-deps.ts): domain services, never the database client. Side effects (clock, Slack, SMTP)
 * come in here so that tests can pass real stand-ins. It names nothing of bot/: what listeners
 * need of the configuration, the team check and the digest is spelled here.
 */
export interface Deps {
  config: ListenerConfig;
  log: Logger;
  now: () => Date;
  /** The bot's Web API client (the same one Bolt hands to listeners). */
  slack: WebClient;
  membership: TeamCheck;
  /** Customers and their card: create, edit, search, domains, contracts, tasks. */
  customers: CustomerService;
  /** What waits for a decision: lists, counts, the App Home's data. */
  waiting: WaitingService;
  /** Opening and making decisions (Kunde hinzufügen, Kunde verbinden, Einladung ablehnen). */
  decisions: DecisionService;
  /** Übernehmen, Abgeben and Notiz on requests. */
  triage: TriageService;
  /** The pipeline: the Phase select. */
  phase: PhaseService;
  /** The pipeline: Wiedervorlage (set, replace, delete a request's follow-up). */
  followUps: FollowUpService;
  /** Antworten, the prospect's replies and the answer templates (Vorlagen). */
  conversation: ConversationService;
  /** Builds the digest of waiting requests and enqueues it for the team channel. */
  digest: { onDemand(userId: string): Promise<DigestOutcome> };
  /** Intake of inquiries and invitations (API and manual entry): store and announce in one statement. */
  intake: IntakeService;
  /** The mailbox watcher (IMAP_URL set): its state for the App Home. */
  mailIntake?: { status(): MailIntakeStatus };
  /** The workspace's URL (auth.test, asked once), for links to channel messages; undefined: no links. */
  workspaceUrl?: { get(): Promise<string | undefined> };
  /** The weekly report: `/kunden bericht` sends it to the asking member. */
  report: Pick<ReportService, "toMember">;
  /** Auskunft and Löschen of one person's data (DSGVO Art. 15 and 17). */
  privacy: PrivacyService;
  /**
   * Resolves once the Slack requests that wait for their ack have been answered (bounded, see
   * bot/http/pending-acks.ts). Listeners' work after their own ack waits for it: acks come first.
   */
  yieldToAcks(): Promise<void>;
}

/**
 * What listeners read of the configuration (bot/config.ts's Config has it all and is passed as it
 * is). A listener that needs more of it adds the field here, spelled as in Config.
 */
export interface ListenerConfig {
  /** Whether the partner programme has invitations (not for "isv"): their flows and lists. */
  invitationsEnabled: boolean;
  /** Days after a decline until the invitation's personal data is erased. */
  retentionDays: number;
  slack: { channelId: string | undefined };
  /** The members who may use Auskunft, Löschen, export and templates; undefined: every team member. */
  adminUsers: string[] | undefined;
  /** DIGEST_TIMEZONE: the time zone of dates the team reads. */
  digest: { timezone: string };
}

/** Who is on the team (bot/slack/team-membership.ts). */
export interface TeamCheck {
  check(userId: string): Promise<MembershipAnswer>;
  /** Set at start when the team channel is public or shared. */
  readonly exposure: ChannelExposure | undefined;
  /** Forgets the cached member list (a member joined or left). */
  invalidate(): void;
}
