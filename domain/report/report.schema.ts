import { z } from "zod";

/**
 * The weekly report: counts per week and per member, nothing about prospects. It travels as the
 * payload of the outbox jobs that post its text and its chart, so both always show the same numbers.
 */

const count = z.number().int().min(0);

export const weekFiguresSchema = z.object({
  /** "KW 49" */
  label: z.string().min(1),
  /** Monday 00:00 in the report's time zone, ISO 8601. */
  start: z.string(),
  /** The current week, counted so far. */
  partial: z.boolean(),
  received: z.object({ api: count, email: count, manual: count }),
  inquiries: count,
  invitations: count,
  decisions: count,
  /** Answers sent to prospects from Slack (the conversation). */
  answers: count,
  /** Requests that reached the phase Gewonnen / Verloren in the week (each request once). */
  won: count,
  lost: count,
  /** Median minutes from arrival to the first reaction of the requests that arrived this week; null without one. */
  reactionMedianMinutes: z.number().min(0).nullable(),
  /** How many of this week's requests had a reaction (the median's sample). */
  reactions: count,
});

export const memberFiguresSchema = z.object({
  /** Slack user id of the team member. */
  user: z.string().min(1),
  decisions: count,
  answers: count,
});

export const reportSchema = z.object({
  /** When it was computed (the slot time, or now). */
  asOf: z.string(),
  timeZone: z.string().min(1),
  /** false in the ISV partner program: no invitations, none counted or named. */
  invitationsEnabled: z.boolean(),
  /** The last 12 full weeks, oldest first, then the current week so far. */
  weeks: z.array(weekFiguresSchema).min(2).max(60),
  /** Per member, for the last full week (the week before the current one), most active first. */
  members: z.array(memberFiguresSchema).max(200),
});

export type WeekFigures = z.output<typeof weekFiguresSchema>;
export type MemberFigures = z.output<typeof memberFiguresSchema>;
export type Report = z.output<typeof reportSchema>;
