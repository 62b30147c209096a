import { z } from "zod";

/**
 * The pipeline phases of a request (contract "Pipeline"), in their order: Neu, In Kontakt, Angebot,
 * Gewonnen, Verloren. Stored as the enum RequestPhase; the labels are in blocks/requests/phase.ts.
 */
export const PHASES = ["new", "contacted", "offer", "won", "lost"] as const;
export type Phase = (typeof PHASES)[number];
export const phaseSchema = z.enum(PHASES);

/** Won and lost end a request's pipeline (its follow-up leaves Meine Wiedervorlagen). */
export const isClosedPhase = (p: Phase) => p === "won" || p === "lost";
