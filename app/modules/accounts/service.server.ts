/**
 * Accounts: signing in and out, passwords, and what admins do to accounts.
 * Every change is audited in its own transaction.
 */
import type { Database, Role } from "../../db.server";
import { DomainError, isUniqueViolation, parseOrThrow } from "../../lib/errors.server";
import { changedFields, recordAudit, versionConflict } from "../audit/trail.server";
import { canManageAccounts, type Actor } from "./actor.server";
import { AccountSchema, ChangePasswordSchema, SignInSchema } from "./forms";
import { decoyPasswordHash, hashPassword, verifyPassword } from "./passwords.server";
import { actorOf, endAllSessions, endSession, startSession, type RequestMeta, type SessionUser } from "./sessions.server";
import { signInThrottle } from "./throttle.server";

export type SignInResult =
  | { ok: true; setCookie: string; user: { id: number; role: Role; language: string } }
  | { ok: false; reason: "invalid" }
  /** The right password for a self-registered producer account whose address is not confirmed yet. */
  | { ok: false; reason: "unconfirmed" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

/**
 * Checks an email and password. A wrong password and an unknown or disabled
 * account give the same answer, after the same work.
 */
export async function signIn(db: Database, rawInput: unknown, meta: RequestMeta): Promise<SignInResult> {
  const input = parseOrThrow(SignInSchema, rawInput);
  const ip = meta.ip ?? "unknown";
  const throttle = await signInThrottle(db, input.email, ip);
  if (throttle) return { ok: false, reason: "throttled", retryAfterSeconds: throttle.retryAfterSeconds };

  const user = await db.user.findUnique({
    where: { email: input.email },
    select: { id: true, email: true, role: true, language: true, disabledAt: true, emailConfirmedAt: true, password: { select: { hash: true } } },
  });
  const matches = await verifyPassword(user?.password?.hash ?? (await decoyPasswordHash()), input.password);
  // Only the right password learns that the address awaits confirmation.
  const unconfirmed = Boolean(user && matches && !user.disabledAt && user.role === "PRODUCER" && !user.emailConfirmedAt);
  const succeeded = Boolean(user && matches && !user.disabledAt) && !unconfirmed;
  const actor: Actor = {
    userId: user?.id ?? null,
    email: input.email,
    role: user?.role ?? "PRODUCER",
    provinceId: null,
    producerId: null,
    ip: meta.ip,
    requestId: meta.requestId,
  };
  return db.$transaction(async (tx) => {
    await tx.signInAttempt.create({ data: { email: input.email, ip, succeeded } });
    await recordAudit(tx, actor, { action: succeeded ? "sign_in" : "sign_in_failed", entityType: "user", entityId: user?.id ?? null, entityLabel: input.email });
    if (unconfirmed) return { ok: false, reason: "unconfirmed" } as const;
    if (!succeeded || !user) return { ok: false, reason: "invalid" } as const;
    const setCookie = await startSession(tx, user.id, meta);
    return { ok: true, setCookie, user: { id: user.id, role: user.role, language: user.language } } as const;
  });
}

/** Ends this browser's session (or every session of the user); returns the cookie-clearing header. */
export async function signOut(db: Database, request: Request, user: SessionUser | null, meta: RequestMeta, { everywhere = false } = {}) {
  return db.$transaction(async (tx) => {
    if (user && everywhere) await endAllSessions(tx, user.id);
    const setCookie = await endSession(tx, request);
    if (user) {
      await recordAudit(tx, actorOf(user, meta), {
        action: everywhere ? "sign_out_everywhere" : "sign_out",
        entityType: "user",
        entityId: user.id,
        entityLabel: user.email,
      });
    }
    return setCookie;
  });
}

/** Staff change their own password; their other sessions end. */
export async function changeOwnPassword(db: Database, user: SessionUser, rawInput: unknown, meta: RequestMeta) {
  const input = parseOrThrow(ChangePasswordSchema, rawInput);
  const stored = await db.password.findUnique({ where: { userId: user.id }, select: { hash: true } });
  if (!stored || !(await verifyPassword(stored.hash, input.currentPassword))) {
    throw new DomainError("Current password is wrong", 400, { currentPassword: ["forms.currentPasswordWrong"] });
  }
  const hash = await hashPassword(input.newPassword);
  await db.$transaction(async (tx) => {
    await tx.password.update({ where: { userId: user.id }, data: { hash } });
    await endAllSessions(tx, user.id, user.sessionId);
    await recordAudit(tx, actorOf(user, meta), { action: "password_change", entityType: "user", entityId: user.id, entityLabel: user.email });
  });
}

function requireAccountManager(actor: Actor) {
  if (!canManageAccounts(actor)) throw new DomainError("Only admins manage accounts", 403);
}

const accountFields = ["email", "name", "role", "provinceId", "producerId"] as const;

/** The producer a producer account belongs to, from the tax code the form names; null for staff or none given. */
async function accountProducerId(db: Pick<Database, "producer">, role: Role, taxCode: string | undefined): Promise<number | null> {
  if (role !== "PRODUCER" || !taxCode) return null;
  const producer = await db.producer.findUnique({ where: { taxCode }, select: { id: true } });
  if (!producer) throw new DomainError("No producer with this tax code", 400, { producerTaxCode: ["forms.producerTaxCodeUnknown"] });
  return producer.id;
}

/** An admin (or the CLI, as the system) creates an account with a first password. */
export async function createAccount(db: Database, actor: Actor, rawInput: unknown) {
  requireAccountManager(actor);
  const input = parseOrThrow(AccountSchema, rawInput);
  if (!input.password) throw new DomainError("A first password is required", 400, { password: ["forms.required"] });
  const provinceId = input.role === "EDITOR" ? (input.provinceId ?? null) : null;
  const producerId = await accountProducerId(db, input.role, input.producerTaxCode);
  const hash = await hashPassword(input.password);
  try {
    return await db.$transaction(async (tx) => {
      const user = await tx.user.create({
        // An address an admin enters is taken as confirmed (self-registration confirms by mail).
        data: { email: input.email, name: input.name, role: input.role, provinceId, producerId, emailConfirmedAt: new Date(), password: { create: { hash } } },
        select: { id: true, email: true, name: true, role: true, provinceId: true, producerId: true },
      });
      await recordAudit(tx, actor, {
        action: "create",
        entityType: "user",
        entityId: user.id,
        entityLabel: user.email,
        changes: changedFields(null, user, accountFields),
      });
      return user;
    });
  } catch (error) {
    if (isUniqueViolation(error, "email")) throw new DomainError("Email already used", 409, { email: ["forms.emailTaken"] });
    throw error;
  }
}

/** An admin changes an account's name, role or province; a role change is audited as such. */
export async function updateAccount(db: Database, actor: Actor, userId: number, version: number, rawInput: unknown) {
  requireAccountManager(actor);
  const input = parseOrThrow(AccountSchema, rawInput);
  const provinceId = input.role === "EDITOR" ? (input.provinceId ?? null) : null;
  const producerId = await accountProducerId(db, input.role, input.producerTaxCode);
  try {
    return await db.$transaction(async (tx) => {
      const before = await tx.user.findUnique({
        where: { id: userId },
        select: { id: true, email: true, name: true, role: true, provinceId: true, producerId: true, version: true },
      });
      if (!before) throw new DomainError("Account not found", 404);
      const fields = { email: input.email, name: input.name, role: input.role, provinceId, producerId };
      const { count } = await tx.user.updateMany({ where: { id: userId, version }, data: { ...fields, version: { increment: 1 } } });
      if (count === 0) throw await versionConflict(tx, "user", before, fields, accountFields);
      return await auditAccountChange(tx, actor, before, fields);
    });
  } catch (error) {
    if (isUniqueViolation(error, "email")) throw new DomainError("Email already used", 409, { email: ["forms.emailTaken"] });
    throw error;
  }
}

async function auditAccountChange(
  tx: Parameters<typeof recordAudit>[0],
  actor: Actor,
  before: { id: number; email: string; name: string; role: Role; provinceId: number | null; producerId: number | null },
  fields: { email: string; name: string; role: Role; provinceId: number | null; producerId: number | null },
) {
  const userId = before.id;
  {
    const after = { ...before, ...fields };
    const changes = changedFields(before, after, accountFields);
    const roleChanged = "role" in changes || "provinceId" in changes || "producerId" in changes;
    await recordAudit(tx, actor, { action: roleChanged ? "role_change" : "update", entityType: "user", entityId: userId, entityLabel: after.email, changes });
    // A narrower role must not keep sessions opened under the wider one.
    if (roleChanged) await endAllSessions(tx as Parameters<typeof endAllSessions>[0], userId);
    return after;
  }
}

/** An admin disables an account (its sessions end at once) or enables it again. */
export async function setAccountDisabled(db: Database, actor: Actor, userId: number, disabled: boolean) {
  requireAccountManager(actor);
  if (disabled && actor.userId === userId) throw new DomainError("You cannot disable your own account", 400, { form: ["forms.cannotDisableSelf"] });
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true, email: true, disabledAt: true } });
    if (!user) throw new DomainError("Account not found", 404);
    const disabledAt = disabled ? (user.disabledAt ?? new Date()) : null;
    await tx.user.update({ where: { id: userId }, data: { disabledAt, version: { increment: 1 } } });
    if (disabled) await endAllSessions(tx, userId);
    await recordAudit(tx, actor, {
      action: disabled ? "disable" : "enable",
      entityType: "user",
      entityId: userId,
      entityLabel: user.email,
      changes: changedFields(user, { disabledAt }, ["disabledAt"]),
    });
  });
}
