/**
 * Thrown inside a transaction to roll it back when its conditional update changed nothing: another
 * click or instance came first. The caller catches it and answers with the state that won.
 */
export class LostTheRace extends Error {}
