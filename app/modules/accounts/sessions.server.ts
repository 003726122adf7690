/**
 * Sessions live in the database; the cookie holds only a random session id
 * (httpOnly, SameSite=Lax, Secure when the public URL is https, signed when
 * SESSION_SECRETS is set). Deleting the row signs that browser out, so
 * sessions are revocable one by one or all at once.
 */
import { randomBytes } from "node:crypto";
import { createCookie } from "@remix-run/node";
import type { Database, Prisma } from "../../db.server";
import { env } from "../../env.server";
import { SESSION_COOKIE_NAME } from "../../lib/cache-headers";
import type { Actor } from "./actor.server";

export const SESSION_DAYS = 7;
const SESSION_MS = SESSION_DAYS * 24 * 60 * 60 * 1000;

const sessionCookie = createCookie(SESSION_COOKIE_NAME, {
  httpOnly: true,
  sameSite: "lax",
  path: "/",
  secure: env.PUBLIC_URL?.startsWith("https:") ?? false,
  secrets: env.SESSION_SECRETS,
  maxAge: SESSION_MS / 1000,
});

type Writer = Prisma.TransactionClient | Database;

export type RequestMeta = { ip: string | null; userAgent: string | null; requestId: string | null };

/** Opens a session for `userId`; returns the Set-Cookie header that carries it. */
export async function startSession(tx: Writer, userId: number, meta: RequestMeta): Promise<string> {
  const id = randomBytes(32).toString("base64url");
  await tx.session.create({
    data: { id, userId, expiresAt: new Date(Date.now() + SESSION_MS), ip: meta.ip, userAgent: meta.userAgent?.slice(0, 300) ?? null },
  });
  return sessionCookie.serialize(id);
}

async function sessionIdOf(request: Request): Promise<string | null> {
  const value = await sessionCookie.parse(request.headers.get("Cookie"));
  return typeof value === "string" && /^[\w-]{43}$/.test(value) ? value : null;
}

const userSelect = { id: true, email: true, name: true, role: true, provinceId: true, producerId: true, language: true } as const;

export type SessionUser = Prisma.UserGetPayload<{ select: typeof userSelect }> & { sessionId: string };

/** The signed-in user of a request: a live session of an account that is not disabled. */
export async function sessionUser(db: Database, request: Request): Promise<SessionUser | null> {
  const id = await sessionIdOf(request);
  if (!id) return null;
  const session = await db.session.findFirst({
    where: { id, expiresAt: { gt: new Date() }, user: { is: { disabledAt: null } } },
    select: { id: true, user: { select: userSelect } },
  });
  return session ? { ...session.user, sessionId: session.id } : null;
}

export function actorOf(user: SessionUser, meta: RequestMeta): Actor {
  return {
    userId: user.id,
    email: user.email,
    role: user.role,
    provinceId: user.provinceId,
    producerId: user.producerId,
    ip: meta.ip,
    requestId: meta.requestId,
  };
}

/** Ends the request's session; returns the Set-Cookie header that clears the cookie. */
export async function endSession(tx: Writer, request: Request): Promise<string> {
  const id = await sessionIdOf(request);
  if (id) await tx.session.deleteMany({ where: { id } });
  return sessionCookie.serialize("", { maxAge: 0 });
}

/** Signs a user out on every device (sign out everywhere, a disabled account, a new password). */
export async function endAllSessions(tx: Writer, userId: number, exceptSessionId?: string): Promise<number> {
  const { count } = await tx.session.deleteMany({ where: { userId, ...(exceptSessionId ? { id: { not: exceptSessionId } } : {}) } });
  return count;
}
