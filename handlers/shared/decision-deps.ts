import type { Deps } from "../../bot/deps.ts";
import type { DeclineDeps } from "../../domain/decisions/decline-service.ts";

/** What the decision services need, taken from the app's deps. */
export const decisionDeps = (deps: Deps): DeclineDeps => ({
  prisma: deps.prisma,
  now: deps.now,
  invitationsEnabled: deps.config.invitationsEnabled,
  mail: deps.declineMail,
});
