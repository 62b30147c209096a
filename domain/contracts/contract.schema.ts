import { z } from "zod";
import { optionalDate, optionalText, storableString } from "../fields.ts";

/** A contract (Vertrag) assigned to a customer. */
export const contractInput = z.object({
  title: storableString().trim().min(1, "Bitte eine Bezeichnung angeben").max(200, "höchstens 200 Zeichen"),
  number: optionalText(100),
  startsOn: optionalDate,
  notes: optionalText(2000),
});

export type ContractInput = z.input<typeof contractInput>;
export type ContractData = z.output<typeof contractInput>;
