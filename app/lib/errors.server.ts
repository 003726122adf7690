import type { z } from "zod";

/**
 * The one error shape for domain failures. `status` is the HTTP status a route
 * answers with; `fieldErrors` maps form fields to i18n message keys.
 */
export class DomainError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly fieldErrors: Record<string, string[]> = {},
  ) {
    super(message);
    this.name = "DomainError";
  }
}

export class ValidationError extends DomainError {
  constructor(fieldErrors: Record<string, string[]>) {
    super(`Invalid input: ${Object.keys(fieldErrors).join(", ")}`, 400, fieldErrors);
    this.name = "ValidationError";
  }

  static fromZod(error: z.ZodError): ValidationError {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of error.issues) {
      const field = issue.path.join(".") || "form";
      (fieldErrors[field] ??= []).push(issue.message);
    }
    return new ValidationError(fieldErrors);
  }
}

/** Parses `input` with `schema`, throwing a ValidationError on failure. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw ValidationError.fromZod(result.error);
  return result.data;
}

/** Throws a Response with `status` when `condition` is falsy (Epic Stack's invariantResponse). */
export function invariantResponse(condition: unknown, message: string, status = 404): asserts condition {
  if (!condition) throw new Response(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

/** Is this a unique-constraint violation (Prisma P2002) on `field`? */
export function isUniqueViolation(error: unknown, field?: string): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { code, meta, message } = error as { code?: string; meta?: { target?: unknown }; message?: string };
  if (code !== "P2002") return false;
  if (!field) return true;
  const target = JSON.stringify(meta?.target ?? "") + (message ?? "");
  return target.includes(field);
}

/** The HTTP answer for a domain error: its status, with its message and field errors as JSON. */
export function domainErrorResponse(error: DomainError): Response {
  return Response.json(
    { error: error.message, fieldErrors: error.fieldErrors },
    { status: error.status, headers: { "Cache-Control": "no-store" } },
  );
}

/**
 * Did the database stay busy past its wait: SQLite's write lock held by another
 * connection for longer than a write waits (Prisma P1008), a transaction that could not start
 * or finish in time (P2028), or a write conflict (P2034)? Nothing was written
 * (the transaction rolled back), so trying again later is the right answer.
 */
export function isDatabaseBusy(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { code } = error as { code?: unknown };
  return code === "P1008" || code === "P2028" || code === "P2034";
}

export const DATABASE_BUSY_MESSAGE = "Cơ sở dữ liệu đang bận, chưa có gì được lưu. Vui lòng thử lại sau giây lát. / The database is busy and nothing was saved. Please try again in a moment.";

type RouteHandler = (args: never) => unknown;

function answeringDomainErrors<H extends RouteHandler>(handler: H): H {
  return (async (args: never) => {
    try {
      return await handler(args);
    } catch (error) {
      if (error instanceof DomainError) throw domainErrorResponse(error);
      if (isDatabaseBusy(error)) {
        console.error(`database busy: ${error instanceof Error ? error.message.trim().split("\n").pop() : String(error)}`);
        throw new Response(DATABASE_BUSY_MESSAGE, { status: 503, headers: { "Retry-After": "5", "Cache-Control": "no-store", "Content-Type": "text/plain; charset=utf-8" } });
      }
      throw error;
    }
  }) as H;
}

/**
 * The one error adapter: every route's loader and action, wrapped once when
 * the server starts, so that a DomainError thrown anywhere below a route
 * becomes a response with the error's status (a route's ErrorBoundary sees
 * it as a route error response), never a 500. A database that stayed busy
 * becomes a 503 with Retry-After. Routes that show field errors
 * in a form catch DomainError themselves and return them with the form.
 */
export function withDomainErrorResponses<B extends { routes: Record<string, { module: object } | undefined> }>(build: B): B {
  const routes = Object.fromEntries(
    Object.entries(build.routes).map(([id, route]) => {
      if (!route) return [id, route];
      const module = { ...route.module } as { loader?: RouteHandler; action?: RouteHandler };
      if (module.loader) module.loader = answeringDomainErrors(module.loader);
      if (module.action) module.action = answeringDomainErrors(module.action);
      return [id, { ...route, module }];
    }),
  );
  return { ...build, routes };
}

export type ConflictDetails = {
  /** Who saved last, and when (from the audit trail), if known. */
  changedBy: string | null;
  changedAt: string | null;
  /** Fields where the stored record now differs from what was submitted. */
  fields: Array<{ field: string; current: unknown; yours: unknown }>;
  /** The record's version now: saving again with it overwrites, knowingly. */
  version: number;
};

/** A save based on an old version of a record: refused, with what changed since. */
export class ConflictError extends DomainError {
  constructor(readonly details: ConflictDetails) {
    super("The record was changed by someone else since it was opened", 409, { form: ["forms.conflict"] });
    this.name = "ConflictError";
  }
}
