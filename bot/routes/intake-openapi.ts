import { z } from "zod";
import { inquiryInput } from "../../domain/inquiries/inquiry.schema.ts";
import { invitationInput } from "../../domain/invitations/invitation.schema.ts";

/** JSON Schema (2020-12, what OpenAPI 3.1 uses) of a zod schema, with refs pointing into components. */
function componentSchemas(schema: z.ZodType): Record<string, unknown> {
  const json = z.toJSONSchema(schema, { io: "input", target: "draft-2020-12" }) as {
    $defs?: Record<string, unknown>;
  };
  const text = JSON.stringify(json.$defs ?? {}).replaceAll('"#/$defs/', '"#/components/schemas/');
  return JSON.parse(text) as Record<string, unknown>;
}

const errorResponse = (description: string) => ({
  description,
  content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
});

function intakePath(kind: "inquiry" | "invitation", schemaId: string, extra: Record<string, unknown> = {}) {
  const what = kind === "inquiry" ? "an inquiry (Anfrage)" : "an access invitation (Zugriffsfreigabe)";
  return {
    post: {
      operationId: kind === "inquiry" ? "createInquiry" : "createInvitation",
      summary: `Receive ${what}`,
      description: `Stores ${what} and posts it to the team channel, once per externalId.`,
      security: [{ bearerAuth: [] }],
      requestBody: {
        required: true,
        content: { "application/json": { schema: { $ref: `#/components/schemas/${schemaId}` } } },
      },
      responses: {
        "201": {
          description: "Stored; it is posted to the team channel shortly.",
          content: { "application/json": { schema: { $ref: "#/components/schemas/Accepted" } } },
        },
        "200": {
          description:
            "A request with this externalId exists already: its id and current status. Nothing was stored or posted.",
          content: { "application/json": { schema: { $ref: "#/components/schemas/Accepted" } } },
        },
        "400": errorResponse("Malformed JSON, or a body that does not fit; `issues` names each field."),
        "401": errorResponse("Missing or wrong bearer token."),
        "413": errorResponse("Body larger than 100 kB."),
        "415": errorResponse("Content-Type is not application/json."),
        "429": errorResponse(
          "More than 10 requests with a wrong or missing token within a minute from this address; `Retry-After` says when to try again. The right token is never refused this way.",
        ),
        "503": errorResponse("The intake API is off (INGEST_TOKEN is not set)."),
        ...extra,
      },
    },
  };
}

/** The OpenAPI 3.1 document of the intake API, generated from the same zod schemas that validate it. */
export function intakeOpenApi() {
  return {
    openapi: "3.1.0",
    info: {
      title: "kundenbot intake API",
      version: "1",
      description:
        "Send inquiries and access invitations to your team's Slack channel. Authenticate with `Authorization: Bearer <INGEST_TOKEN>`; send JSON (`Content-Type: application/json`, at most 100 kB).",
    },
    paths: {
      "/api/v1/inquiries": intakePath("inquiry", "InquiryInput"),
      "/api/v1/invitations": intakePath("invitation", "InvitationInput", {
        "422": errorResponse("Invitations are off: the ISV partner program has no access invitations."),
      }),
    },
    components: {
      securitySchemes: { bearerAuth: { type: "http", scheme: "bearer", description: "INGEST_TOKEN" } },
      schemas: {
        ...componentSchemas(inquiryInput),
        ...componentSchemas(invitationInput),
        Accepted: {
          type: "object",
          required: ["id", "status"],
          properties: {
            id: { type: "string", format: "uuid" },
            status: {
              type: "string",
              enum: ["open", "assigned", "pending", "connected", "declined"],
              description: "inquiries: open, assigned; invitations: pending, connected, declined",
            },
          },
        },
        Error: {
          type: "object",
          required: ["error"],
          properties: {
            error: { type: "string" },
            issues: {
              type: "array",
              items: {
                type: "object",
                required: ["path", "message"],
                properties: { path: { type: "string" }, message: { type: "string" } },
              },
            },
          },
        },
      },
    },
  };
}
