/**
 * Who is acting, as every write service receives it, and what they may see.
 * Authorization lives in the `where` of each query: a record outside the
 * actor's scope is simply not found (404), never fetched and then checked.
 */
import type { Prisma, Role } from "../../db.server";
import { DomainError } from "../../lib/errors.server";

export type Actor = {
  /** null for the system (seed, CLI, scheduled jobs). */
  userId: number | null;
  email: string;
  role: Role | "SYSTEM";
  /** An editor's province: they see and change only producers in it. */
  provinceId: number | null;
  /** A producer account's own producer. */
  producerId: number | null;
  ip: string | null;
  requestId: string | null;
};

/** Writes that no person made: the demo seed, the admin CLI, maintenance jobs. */
export const SYSTEM_ACTOR: Actor = {
  userId: null,
  email: "system",
  role: "SYSTEM",
  provinceId: null,
  producerId: null,
  ip: null,
  requestId: null,
};

export function isStaff(actor: Pick<Actor, "role">): boolean {
  return actor.role === "ADMIN" || actor.role === "EDITOR" || actor.role === "SYSTEM";
}

/**
 * For services only staff may call (publishing, approving, entering a
 * verified certificate): a producer account reaches its own records through
 * the portal's services, which keep its proposals pending review.
 */
export function requireStaffActor(actor: Pick<Actor, "role">): void {
  if (!isStaff(actor)) throw new DomainError("Only staff may do this", 403);
}

export function canManageAccounts(actor: Pick<Actor, "role">): boolean {
  return actor.role === "ADMIN" || actor.role === "SYSTEM";
}

/** Producers the actor may see and change. An impossible id rules out everything. */
export function producerScope(actor: Actor): Prisma.ProducerWhereInput {
  if (actor.role === "PRODUCER") return { id: actor.producerId ?? -1 };
  if (actor.role === "EDITOR" && actor.provinceId !== null) return { provinceId: actor.provinceId };
  return isStaff(actor) ? {} : { id: -1 };
}

export function productScope(actor: Actor): Prisma.ProductWhereInput {
  const producer = producerScope(actor);
  return Object.keys(producer).length ? { producer: { is: producer } } : {};
}

export function certificationScope(actor: Actor): Prisma.CertificationWhereInput {
  const product = productScope(actor);
  return Object.keys(product).length ? { product: { is: product } } : {};
}

/** May the actor place a producer in this province? (Creating and moving records.) */
export function mayUseProvince(actor: Actor, provinceId: number): boolean {
  if (actor.role === "EDITOR" && actor.provinceId !== null) return actor.provinceId === provinceId;
  return isStaff(actor);
}
