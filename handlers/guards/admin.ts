import { notAdminText } from "../../blocks/roles/not-admin.ts";
import type { KundenSubcommand } from "../commands/kunden/index.ts";
import type { Deps } from "../deps.ts";

/**
 * Roles: with ADMIN_USERS set, only those members may use the commands that show or erase everyone's
 * data (Auskunft, Löschen, export, templates). Without it every team member may (the team-member
 * guard still runs first).
 */

/** The refusal for `userId`, or undefined when they may use `command`. */
export function adminRefusal(
  deps: Pick<Deps, "config">,
  userId: string,
  command: string,
): string | undefined {
  const admins = deps.config.adminUsers;
  if (!admins || admins.includes(userId)) return undefined;
  return notAdminText(command, admins);
}

/** A `/kunden` subcommand that only ADMIN_USERS may use; anyone else is told who may. */
export function adminOnly(command: string, sub: KundenSubcommand): KundenSubcommand {
  return async (args, deps, rest) => {
    const refusal = adminRefusal(deps, args.command.user_id, command);
    if (refusal) {
      deps.log.info({ user: args.command.user_id, command }, "refused a command reserved to ADMIN_USERS");
      await args.ack({ response_type: "ephemeral", text: refusal });
      return;
    }
    await sub(args, deps, rest);
  };
}
