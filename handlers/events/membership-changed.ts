import type { App } from "@slack/bolt";
import type { Deps } from "../deps.ts";

/** Someone joined or left the team channel: forget the cached team, so that a leaver is out at once. */
export function registerMembershipChanged(app: App, deps: Deps): void {
  for (const type of ["member_joined_channel", "member_left_channel"] as const) {
    app.event(type, async ({ event }) => {
      if (event.channel !== deps.config.slack.channelId) {
        deps.log.debug({ event: type, channel: event.channel }, "membership changed in another channel");
        return;
      }
      deps.membership.invalidate();
      deps.log.info(
        { event: type, user: event.user, channel: event.channel },
        "team channel membership changed",
      );
    });
  }
}
