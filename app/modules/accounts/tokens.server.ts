/**
 * Single-use links sent by mail: confirming an address, resetting a
 * password. The link carries 32 random bytes; the database keeps only their
 * SHA-256, so a copy of the database opens no account. A token is used by
 * one conditional update (unused, unexpired, this purpose), so of two
 * concurrent uses exactly one wins.
 */
import { createHash, randomBytes } from "node:crypto";
import type { Database, Prisma } from "../../db.server";

type Writer = Prisma.TransactionClient | Database;

export const TOKEN_PURPOSES = { confirmEmail: "confirm_email", resetPassword: "reset_password" } as const;
export type TokenPurpose = (typeof TOKEN_PURPOSES)[keyof typeof TOKEN_PURPOSES];

/** How long each kind of link works. */
export const TOKEN_LIFETIME_MS: Record<TokenPurpose, number> = {
  confirm_email: 48 * 60 * 60 * 1000,
  reset_password: 60 * 60 * 1000,
};

const TOKEN_PATTERN = /^[\w-]{43}$/;

const hashOf = (token: string) => createHash("sha256").update(token).digest("hex");

/** A new link token for `userId`; earlier unused tokens of the same purpose stop working. */
export async function issueToken(tx: Writer, userId: number, purpose: TokenPurpose, now = new Date()): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await tx.accountToken.updateMany({ where: { userId, purpose, usedAt: null }, data: { usedAt: now } });
  await tx.accountToken.create({
    data: { userId, purpose, tokenHash: hashOf(token), expiresAt: new Date(now.getTime() + TOKEN_LIFETIME_MS[purpose]) },
  });
  return token;
}

export type TokenUse = { ok: true; userId: number } | { ok: false; reason: "invalid" | "expired" | "used" };

/** Uses a token once: the first call with a live token gets its user; every later call is refused, saying why. */
export async function useToken(tx: Writer, rawToken: unknown, purpose: TokenPurpose, now = new Date()): Promise<TokenUse> {
  if (typeof rawToken !== "string" || !TOKEN_PATTERN.test(rawToken)) return { ok: false, reason: "invalid" };
  const tokenHash = hashOf(rawToken);
  const { count } = await tx.accountToken.updateMany({
    where: { tokenHash, purpose, usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
  });
  const row = await tx.accountToken.findUnique({ where: { tokenHash }, select: { userId: true, purpose: true, usedAt: true, expiresAt: true } });
  if (count === 1 && row) return { ok: true, userId: row.userId };
  if (!row || row.purpose !== purpose) return { ok: false, reason: "invalid" };
  return { ok: false, reason: row.usedAt ? "used" : "expired" };
}

/** Is a token live (unused, unexpired)? For showing the reset form before it is submitted. */
export async function tokenIsLive(db: Writer, rawToken: unknown, purpose: TokenPurpose, now = new Date()): Promise<TokenUse> {
  if (typeof rawToken !== "string" || !TOKEN_PATTERN.test(rawToken)) return { ok: false, reason: "invalid" };
  const row = await db.accountToken.findUnique({ where: { tokenHash: hashOf(rawToken) }, select: { userId: true, purpose: true, usedAt: true, expiresAt: true } });
  if (!row || row.purpose !== purpose) return { ok: false, reason: "invalid" };
  if (row.usedAt) return { ok: false, reason: "used" };
  if (row.expiresAt.getTime() <= now.getTime()) return { ok: false, reason: "expired" };
  return { ok: true, userId: row.userId };
}
