import { beforeAll, describe, expect, it } from "vitest";
import { customerInput } from "../../../domain/customers/customer.schema.ts";
import {
  findCustomersByEmail,
  insertCustomer,
  searchCustomers,
} from "../../../domain/customers/customer-repository.ts";
import { foldForSearch } from "../../../domain/customers/search-text.ts";
import { dbKinds } from "../../support/db.ts";
import { useTestDatabase } from "../../support/lifecycle.ts";

describe("foldForSearch", () => {
  it("folds case, umlauts and their two-letter spellings", () => {
    for (const s of ["Müller", "Mueller", "MÜLLER", "muller", "MUELLER"])
      expect(foldForSearch(s)).toBe("muller");
    expect(foldForSearch("Straße")).toBe("strasse");
    expect(foldForSearch("Göß")).toBe(foldForSearch("goess"));
  });
});

describe.each(dbKinds())("customer repository on %s", (kind) => {
  const t = useTestDatabase(kind);
  beforeAll(async () => {
    const add = (v: Record<string, string>) => insertCustomer(t.db.prisma, customerInput.parse(v), "U1");
    await add({
      company: "Bäckerei Müller GmbH",
      firstName: "Hans",
      lastName: "Müller",
      email: "hans@baeckerei-mueller.de",
    });
    await add({
      company: "Schröder IT",
      firstName: "Eva",
      lastName: "Schröder",
      email: "EVA@schroeder-it.de",
    });
    await add({ firstName: "Max", lastName: "Mustermann", email: "max@example.com" });
  });

  it.each(["muller", "mueller", "MÜLLER", "Bäckerei", "baeckerei", "hans@"])(
    "finds Müller by %s",
    async (q) => {
      const { items, total } = await searchCustomers(t.db.prisma, q);
      expect(total).toBe(1);
      expect(items[0]?.lastName).toBe("Müller");
    },
  );

  it("finds nothing for an unknown term, and everything for a common part", async () => {
    expect((await searchCustomers(t.db.prisma, "zzzz")).total).toBe(0);
    expect((await searchCustomers(t.db.prisma, "e")).total).toBe(3);
  });

  it("finds customers by e-mail ignoring case", async () => {
    const found = await findCustomersByEmail(t.db.prisma, "eva@SCHROEDER-it.de");
    expect(found.map((c) => c.company)).toEqual(["Schröder IT"]);
  });

  it("refuses a customer without company and name", () => {
    const r = customerInput.safeParse({ email: "a@b.de" });
    expect(r.success).toBe(false);
    expect(customerInput.safeParse({ company: "X", email: "kein-mail" }).success).toBe(false);
  });
});
