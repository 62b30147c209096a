import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dbKinds } from "../support/db.ts";
import { inquiryBody, invitationBody, postIntake } from "../support/intake.ts";
import { slashCommand } from "../support/interactions.ts";
import { useTestApp } from "../support/lifecycle.ts";

const NUL = "\u0000";
/** Fixed, so that a failure can be replayed; fast-check prints it (with the shrunk case) on failure. */
const SEED = 20261202;
// A run must end before the next test counts rows: on a loaded machine 150 runs can take a minute.
const PROPERTY_TIMEOUT_MS = 180_000;
const RUNS = 150;

type Kind = "inquiries" | "invitations";
const validBody = { inquiries: inquiryBody, invitations: invitationBody } as const;

/** Hostile strings: the characters PostgreSQL and LIKE react to, sizes at and over the limits. */
const hostileString = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .tuple(
        fc.string({ maxLength: 10 }),
        fc.constantFrom(NUL, "\uD800", "\uDC00", "\uDBFF\uDFFF", "%", "_", "\\"),
        fc.string({ maxLength: 10 }),
      )
      .map((parts) => parts.join("")),
  },
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.constantFrom(
    NUL,
    `Eva${NUL}`,
    "\uD800",
    "a\uDC00b",
    "\uDBFF\uDFFF",
    "",
    "   ",
    "x".repeat(201),
    "x".repeat(10_001),
    "x".repeat(120_000),
    "m_x@firma.de",
    "%@firma.de",
    "a\\b@firma.de",
    "MAX@Firma.de",
    "__proto__",
    "constructor",
    "<!channel>",
    "2026-13-45T25:61:00Z",
    "2026-02-30",
    "not a date",
    "full",
    "partial",
  ),
);

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(hostileString, { maxLength: 3 }),
  fc.dictionary(fc.constantFrom("__proto__", "constructor", "name", "toString"), hostileString, {
    maxKeys: 2,
  }),
);

const fieldNames = [
  "externalId",
  "name",
  "email",
  "phone",
  "company",
  "customerNumber",
  "accessLevel",
  "message",
  "receivedAt",
  "__proto__",
  "constructor",
] as const;

/** A raw JSON body: any JSON value, or the right keys with hostile values (some of them valid). */
const hostileBody = (kind: Kind) =>
  fc.oneof(
    fc.jsonValue().map((v) => JSON.stringify(v)),
    {
      weight: 4,
      // A valid body with one hostile field (a computed `__proto__` key is an own property).
      arbitrary: fc
        .tuple(fc.constantFrom(...fieldNames), hostileValue)
        .map(([field, value]) => JSON.stringify({ ...validBody[kind](), [field]: value })),
    },
    fc
      .record(
        Object.fromEntries(fieldNames.map((f) => [f, hostileValue])) as Record<
          (typeof fieldNames)[number],
          fc.Arbitrary<unknown>
        >,
        { requiredKeys: [] },
      )
      .map((fields) => JSON.stringify({ ...validBody[kind](), ...fields })),
    // `__proto__` as a real JSON key (an object literal would set the prototype instead).
    fc
      .tuple(hostileValue, fc.boolean())
      .map(([v, valid]) =>
        JSON.stringify(valid ? validBody[kind]() : {}).replace(/^\{/, `{"__proto__":${JSON.stringify(v)},`),
      )
      .map((text) => text.replace(",}", "}")),
  );

const hostileCommandText = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.string({ unit: "binary", maxLength: 60 }),
  fc
    .tuple(
      fc.constantFrom(
        "constructor",
        "__proto__",
        "toString",
        "hasOwnProperty",
        "valueOf",
        "suche",
        "hilfe",
        "anfragen",
        "einladungen",
        "%",
        "_",
        "\\",
        NUL,
        "\uD800",
      ),
      fc.string({ maxLength: 20 }),
    )
    .map(([word, rest]) => `${word} ${rest}`),
  fc.constantFrom("x".repeat(4001), `a${NUL}b`, "m_x@firma.de", "\\%_"),
);

describe.each(dbKinds())("hostile input on %s", (kind) => {
  const t = useTestApp({ kind, members: ["U0MEMBER01"] });
  const prisma = () => t.app.deps.prisma;
  const stored = async () => ({
    inquiries: await prisma().inquiry.count(),
    invitations: await prisma().invitation.count(),
    jobs: await prisma().outboxJob.count(),
  });

  describe("a NUL character or a lone surrogate in intake text is a 400 that names the field", () => {
    const cases: [Kind, string, string][] = [
      ["inquiries", "name", `Eva${NUL}`],
      ["inquiries", "company", `Firma${NUL}`],
      ["inquiries", "phone", `030${NUL}`],
      ["inquiries", "message", `Hallo${NUL}Welt`],
      ["inquiries", "externalId", `ext${NUL}`],
      ["inquiries", "message", "Hallo \uD800"],
      ["inquiries", "name", "\uDC00Eva"],
      ["invitations", "customerNumber", `K${NUL}1`],
      ["invitations", "message", `${NUL}`],
    ];
    for (const [route, field, value] of cases) {
      it(`${route}: ${field} = ${JSON.stringify(value)}`, async () => {
        const before = await stored();
        const res = await postIntake(t.app.baseUrl, route, validBody[route]({ [field]: value }));
        expect(res.status).toBe(400);
        expect(res.body.issues).toEqual([
          { path: field, message: "must not contain NUL characters or unpaired UTF-16 surrogates" },
        ]);
        expect(await stored()).toEqual(before);
      });
    }

    it("keeps a correctly paired surrogate (an emoji) as it is", async () => {
      const res = await postIntake(t.app.baseUrl, "inquiries", validBody.inquiries({ name: "Eva 😀" }));
      expect(res.status).toBe(201);
      const row = await prisma().inquiry.findUniqueOrThrow({ where: { id: String(res.body.id) } });
      expect(row.name).toBe("Eva 😀");
    });
  });

  for (const route of ["inquiries", "invitations"] as const) {
    it(
      `answers random and hostile bodies at ${route} with 2xx or a 4xx that says why, and stores nothing for a 4xx`,
      async () => {
        await fc.assert(
          fc.asyncProperty(hostileBody(route), async (raw) => {
            const before = await stored();
            const res = await postIntake(t.app.baseUrl, route, undefined, { raw });
            expect(res.status).toBeGreaterThanOrEqual(200);
            expect(res.status).toBeLessThan(500);
            if (res.status >= 400) {
              expect(typeof res.body.error).toBe("string");
              expect(String(res.body.error).length).toBeGreaterThan(0);
              expect(await stored()).toEqual(before);
            } else {
              expect(typeof res.body.id).toBe("string");
            }
          }),
          { numRuns: RUNS, seed: SEED },
        );
      },
      PROPERTY_TIMEOUT_MS,
    );
  }

  it(
    "answers random and hostile /kunden texts with an ephemeral answer within Slack's 3 s",
    async () => {
      await fc.assert(
        fc.asyncProperty(hostileCommandText, async (text) => {
          const started = performance.now();
          const res = await slashCommand(t.app, t.standin, text);
          expect(performance.now() - started).toBeLessThan(3_000);
          expect(res.status).toBe(200);
          const body = res.json() as { response_type?: string; text?: string; blocks?: unknown[] };
          expect(body.response_type).toBe("ephemeral");
          expect(!!body.text || (body.blocks?.length ?? 0) > 0).toBe(true);
        }),
        { numRuns: RUNS, seed: SEED },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});
