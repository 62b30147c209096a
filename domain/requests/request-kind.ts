/** The two kinds of request the team decides: an inquiry (Kunde hinzufügen) and an invitation (Kunde verbinden). */
export type RequestKind = "inquiry" | "invitation";
