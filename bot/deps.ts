import type { WebClient } from "@slack/web-api";
import type { Logger } from "pino";
import type { IntakeService } from "../domain/intake/intake-service.ts";
import type { PrivacyService } from "../domain/privacy/privacy-service.ts";
import type { PrismaClient } from "../prisma/generated/client.ts";
import type { Config } from "./config.ts";
import type { DeclineMailSettings } from "./mail/templates.ts";
import type { DigestPoster } from "./scheduler/digest-poster.ts";
import type { TeamMembership } from "./slack/team-membership.ts";

/**
 * What listeners, routes and workers get from the composition root (bot/app.ts).
 * Side effects (clock, Slack, SMTP) come in here so that tests can pass real stand-ins.
 */
export interface Deps {
  config: Config;
  log: Logger;
  prisma: PrismaClient;
  now: () => Date;
  /** The bot's Web API client (the same one Bolt hands to listeners). */
  slack: WebClient;
  membership: TeamMembership;
  /** The decline e-mail's template, agency name and signature. */
  declineMail: DeclineMailSettings;
  /** The outbox worker of this process: `wake()` right after committing an enqueued job. */
  outbox: { wake(): void };
  /** Builds the digest of waiting requests and enqueues it for the team channel. */
  digest: DigestPoster;
  /** Intake of inquiries and invitations (API and manual entry): store and announce in one transaction. */
  intake: IntakeService;
  /** Auskunft and Löschen of one person's data (DSGVO Art. 15 and 17). */
  privacy: PrivacyService;
}
