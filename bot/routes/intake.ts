import type { IncomingMessage, ServerResponse } from "node:http";
import type { z } from "zod";
import { inquiryInput } from "../../domain/inquiries/inquiry.schema.ts";
import type { IntakeResult } from "../../domain/intake/intake-service.ts";
import { invitationInput } from "../../domain/invitations/invitation.schema.ts";
import type { AppDeps } from "../app-deps.ts";
import { AuthFailureBrake } from "../http/auth-failure-brake.ts";
import { BodyTooLargeError, readBody, sendJson } from "../http/respond.ts";
import type { Route, RouteHandler } from "../http/server.ts";
import { refuseWrongToken } from "../http/token-guard.ts";
import type { Metrics } from "../metrics/metrics.ts";
import { intakeOpenApi } from "./intake-openapi.ts";

/** The intake API (contract: ../shared/contract.md). Thin: check, parse, call the intake service. */

export const INTAKE_BODY_LIMIT = 100 * 1024;

/** `application/json`, optionally with a charset parameter (which must be UTF-8, as JSON is). */
function jsonContentType(header: string | undefined): true | string {
  const [type = "", ...params] = (header ?? "").split(";").map((p) => p.trim().toLowerCase());
  if (type !== "application/json") return `Content-Type must be application/json, not ${header ?? "missing"}`;
  const charset = params
    .find((p) => p.startsWith("charset="))
    ?.slice(8)
    .replace(/"/g, "");
  if (charset && charset !== "utf-8" && charset !== "utf8")
    return "JSON must be sent as UTF-8 (charset=utf-8)";
  return true;
}

const issuesOf = (error: z.ZodError) =>
  error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message }));

function intakeHandler<T>(
  deps: AppDeps,
  kind: "inquiry" | "invitation",
  schema: z.ZodType<T>,
  receive: (input: T) => Promise<IntakeResult>,
  brake: AuthFailureBrake,
) {
  const log = deps.log.child({ module: "intake", kind });
  return async (req: IncomingMessage, res: ServerResponse) => {
    const token = deps.config.ingestToken;
    if (!token) {
      req.resume();
      return sendJson(res, 503, { error: "the intake API is off: set INGEST_TOKEN to turn it on" });
    }
    if (refuseWrongToken(req, res, { token, brake, log, what: "intake" })) return;
    if (kind === "invitation" && !deps.config.invitationsEnabled) {
      req.resume();
      return sendJson(res, 422, {
        error: "access invitations do not exist in the ISV partner program (PARTNER_PROGRAM=isv)",
      });
    }
    const typeOk = jsonContentType(req.headers["content-type"]);
    if (typeOk !== true) {
      req.resume();
      return sendJson(res, 415, { error: typeOk });
    }
    let raw: Buffer;
    try {
      raw = await readBody(req, INTAKE_BODY_LIMIT);
    } catch (err) {
      if (err instanceof BodyTooLargeError)
        return sendJson(res, 413, { error: `the body is larger than ${INTAKE_BODY_LIMIT / 1024} kB` });
      throw err;
    }
    let body: unknown;
    try {
      body = JSON.parse(raw.toString("utf8"));
    } catch (err) {
      return sendJson(res, 400, {
        error: "malformed JSON",
        issues: [{ path: "", message: err instanceof Error ? err.message : String(err) }],
      });
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      return sendJson(res, 400, { error: `the ${kind} does not fit`, issues: issuesOf(parsed.error) });
    }
    const result = await receive(parsed.data);
    log.info(
      { id: result.id, created: result.created },
      result.created ? "request received" : "repeated request",
    );
    sendJson(res, result.created ? 201 : 200, { id: result.id, status: result.status });
  };
}

/** `brake`: shared with every route that takes a bearer token, so guesses count per address, whichever route they hit. */
export function intakeRoutes(
  deps: AppDeps,
  metrics?: Pick<Metrics, "intake">,
  brake = new AuthFailureBrake({ now: deps.now }),
): Route[] {
  const openapi = JSON.stringify(intakeOpenApi());
  // A refusal (4xx: token, type, size, body) is counted here; what was stored, by the service.
  const countRefusals =
    (kind: "inquiry" | "invitation", handler: RouteHandler): RouteHandler =>
    (req, res) => {
      res.once("finish", () => {
        if (res.statusCode >= 400 && res.statusCode < 500) metrics?.intake("api", kind, "rejected");
      });
      return handler(req, res);
    };
  return [
    {
      method: "POST",
      path: "/api/v1/inquiries",
      handler: countRefusals(
        "inquiry",
        intakeHandler(
          deps,
          "inquiry",
          inquiryInput,
          (input) => deps.intake.receiveInquiry(input, { source: "api" }),
          brake,
        ),
      ),
    },
    {
      method: "POST",
      path: "/api/v1/invitations",
      handler: countRefusals(
        "invitation",
        intakeHandler(
          deps,
          "invitation",
          invitationInput,
          (input) => deps.intake.receiveInvitation(input, { source: "api" }),
          brake,
        ),
      ),
    },
    {
      method: "GET",
      path: "/api/v1/openapi.json",
      handler: (_req, res) => {
        res.writeHead(200, {
          "content-type": "application/json; charset=utf-8",
          "cache-control": "no-cache",
        });
        res.end(openapi);
      },
    },
  ];
}
