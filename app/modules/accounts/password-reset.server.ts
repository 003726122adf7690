/**
 * Forgotten passwords: a single-use link, valid for an hour, mailed to the
 * account's address; using it sets the new password and ends every session
 * of the account, in one transaction. Asking for a link answers the same
 * way whether or not the account exists (docs/decisions/016).
 */
import type { Database, Prisma } from "../../db.server";
import { isLanguage } from "../../i18n/config";
import { DomainError, parseOrThrow } from "../../lib/errors.server";
import { recordAudit } from "../audit/trail.server";
import { queueMail } from "../mail/outbox.server";
import { siteUrl } from "../mail/templates.server";
import type { Actor } from "./actor.server";
import { EmailOnlySchema, ResetPasswordSchema } from "./forms";
import { hashPassword } from "./passwords.server";
import type { RequestMeta } from "./sessions.server";
import { endAllSessions } from "./sessions.server";
import { issueToken, TOKEN_LIFETIME_MS, useToken, type TokenPurpose, type TokenUse } from "./tokens.server";

/** Links (confirmation or reset) one account may be sent within an hour: a mailbox is not a target. */
export const LINKS_PER_ACCOUNT_PER_HOUR = 3;

/** Links of `purpose` sent to `userId` within the hour before `now`. */
export function recentLinks(db: Prisma.TransactionClient | Database, userId: number, purpose: TokenPurpose, now: Date): Promise<number> {
  return db.accountToken.count({ where: { userId, purpose, createdAt: { gt: new Date(now.getTime() - 60 * 60_000) } } });
}

/**
 * Mails a reset link to `email` if it has an account that is not disabled
 * (and fewer than LINKS_PER_ACCOUNT_PER_HOUR were sent this hour). The
 * caller shows the same page whatever happened.
 */
export async function requestPasswordReset(db: Database, rawInput: unknown, now = new Date()): Promise<void> {
  const { email } = parseOrThrow(EmailOnlySchema, rawInput);
  const user = await db.user.findFirst({ where: { email, disabledAt: null }, select: { id: true, email: true, name: true, language: true } });
  if (!user || (await recentLinks(db, user.id, "reset_password", now)) >= LINKS_PER_ACCOUNT_PER_HOUR) return;
  const language = isLanguage(user.language) ? user.language : "vi";
  await db.$transaction(async (tx) => {
    const token = await issueToken(tx, user.id, "reset_password", now);
    await queueMail(tx, user.email, language, {
      kind: "reset_password",
      name: user.name,
      url: siteUrl(language, `/reset-password?token=${token}`),
      minutes: TOKEN_LIFETIME_MS.reset_password / 60_000,
    });
  });
}

export type PasswordReset = { ok: true } | Extract<TokenUse, { ok: false }>;

/**
 * Sets a new password with a reset link, once. The token is used in the same
 * transaction as the new hash is written, so a failure leaves both as they
 * were; every session of the account ends (whoever knew the old password is
 * signed out).
 */
export async function resetPassword(db: Database, rawInput: unknown, meta: RequestMeta, now = new Date()): Promise<PasswordReset> {
  const input = parseOrThrow(ResetPasswordSchema, rawInput);
  const hash = await hashPassword(input.password);
  return db.$transaction(async (tx) => {
    const use = await useToken(tx, input.token, "reset_password", now);
    if (!use.ok) return use;
    const user = await tx.user.findFirst({
      where: { id: use.userId, disabledAt: null },
      select: { id: true, email: true, role: true, provinceId: true, producerId: true },
    });
    if (!user) throw new DomainError("Account disabled", 400, { form: ["register.reset.invalid"] });
    await tx.password.upsert({ where: { userId: user.id }, create: { userId: user.id, hash }, update: { hash } });
    await endAllSessions(tx, user.id);
    const actor: Actor = { userId: user.id, email: user.email, role: user.role, provinceId: user.provinceId, producerId: user.producerId, ip: meta.ip, requestId: meta.requestId };
    await recordAudit(tx, actor, { action: "password_reset", entityType: "user", entityId: user.id, entityLabel: user.email });
    return { ok: true } as const;
  });
}
