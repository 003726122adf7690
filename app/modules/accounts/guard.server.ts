/**
 * The helpers every protected loader and action calls first. They throw: a
 * redirect to sign-in for a visitor, a 403 for a signed-in user whose role
 * may not be here. What a user may see within their role is decided by the
 * services' `where` (actor.server.ts).
 */
import type { AppLoadContext } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { db, type Role } from "../../db.server";
import { type Actor } from "./actor.server";
import { actorOf, sessionUser, type RequestMeta, type SessionUser } from "./sessions.server";

/** What the server (server/app.ts) knows about a request that Remix's Request does not carry. */
export function requestMeta(request: Request, context: AppLoadContext | undefined): RequestMeta {
  return {
    ip: typeof context?.clientIp === "string" ? context.clientIp : null,
    userAgent: request.headers.get("User-Agent"),
    requestId: typeof context?.requestId === "string" ? context.requestId : null,
  };
}

/** A path on this site to return to after signing in; anything else becomes `fallback`. */
export function safeRedirect(to: unknown, fallback = "/admin"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  return to;
}

function signInUrl(request: Request): string {
  const url = new URL(request.url);
  const prefix = /^\/en(\/|$)/.test(url.pathname) ? "/en" : "";
  return `${prefix}/login?${new URLSearchParams({ redirectTo: url.pathname + url.search })}`;
}

export type Signed = { user: SessionUser; actor: Actor; meta: RequestMeta };

/** The signed-in user with one of `roles`; a visitor is sent to sign in, anyone else gets 403. */
export async function requireUser(request: Request, context: AppLoadContext | undefined, roles: readonly Role[]): Promise<Signed> {
  const user = await sessionUser(db, request);
  if (!user) throw redirect(signInUrl(request));
  if (!roles.includes(user.role)) {
    throw new Response("Forbidden", { status: 403, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  const meta = requestMeta(request, context);
  return { user, actor: actorOf(user, meta), meta };
}

export const STAFF_ROLES = ["ADMIN", "EDITOR"] as const satisfies readonly Role[];

/** Admins and editors: the admin area. */
export function requireStaff(request: Request, context: AppLoadContext | undefined): Promise<Signed> {
  return requireUser(request, context, STAFF_ROLES);
}

/** Admins only: accounts, hard deletes. */
export function requireAdmin(request: Request, context: AppLoadContext | undefined): Promise<Signed> {
  return requireUser(request, context, ["ADMIN"]);
}

/** A producer's own account: the portal. */
export function requireProducer(request: Request, context: AppLoadContext | undefined): Promise<Signed> {
  return requireUser(request, context, ["PRODUCER"]);
}
