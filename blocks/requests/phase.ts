import type { ContextBlock, PlainTextOption, StaticSelect } from "@slack/types";
import type { Phase } from "../../domain/pipeline/phase.ts";
import { ActionId } from "../ids.ts";

/** The phases' labels (contract "Pipeline"). */
export const PHASE_LABEL: Record<Phase, string> = {
  new: "Neu",
  contacted: "In Kontakt",
  offer: "Angebot",
  won: "Gewonnen",
  lost: "Verloren",
};

/** The phases in their order (the record's keys keep the domain's order). */
const ORDER = Object.keys(PHASE_LABEL) as Phase[];

/** A request's phase as the builders get it (none: Neu). */
export interface PhaseForMessage {
  phase?: Phase | null;
}

/** The value of a Phase option: `<type>:<id>:<phase>` (handlers parse it with phaseChoice). */
export const phaseOptionValue = (type: "inquiry" | "invitation", id: string, phase: Phase) =>
  `${type}:${id}:${phase}`;

const option = (type: "inquiry" | "invitation", id: string, phase: Phase): PlainTextOption => ({
  text: { type: "plain_text", text: PHASE_LABEL[phase] },
  value: phaseOptionValue(type, id, phase),
});

/** "Phase: In Kontakt" on the message. */
export function phaseContext(r: PhaseForMessage): ContextBlock {
  return {
    type: "context",
    block_id: "request_phase",
    elements: [{ type: "mrkdwn", text: `Phase: *${PHASE_LABEL[r.phase ?? "new"]}*` }],
  };
}

/** The select with the placeholder **Phase**, showing the current phase. */
export function phaseSelect(type: "inquiry" | "invitation", id: string, r: PhaseForMessage): StaticSelect {
  return {
    type: "static_select",
    action_id: ActionId.changePhase,
    placeholder: { type: "plain_text", text: "Phase" },
    options: ORDER.map((p) => option(type, id, p)),
    initial_option: option(type, id, r.phase ?? "new"),
  };
}

/** "Neu 3 · In Kontakt 1 · Angebot 0 · Gewonnen 2 · Verloren 0": the digest and the App Home. */
export function phaseCountsText(phases: { phase: Phase; count: number }[]): string {
  return phases.map((p) => `${PHASE_LABEL[p.phase]} ${p.count}`).join(" · ");
}
