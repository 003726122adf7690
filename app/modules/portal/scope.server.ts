/**
 * The portal's actor: a producer account, acting on its own producer. Every
 * portal service starts here and still scopes its queries with
 * producerScope / productScope / certificationScope, so another producer's
 * record is simply not found.
 */
import type { Database } from "../../db.server";
import { DomainError } from "../../lib/errors.server";
import { producerScope, type Actor } from "../accounts/actor.server";

/** The actor's own producer id; anyone but a producer account linked to a producer is refused. */
export function ownProducerId(actor: Actor): number {
  if (actor.role !== "PRODUCER" || actor.producerId === null) throw new DomainError("Only a producer account uses the portal", 403);
  return actor.producerId;
}

/** Review states in which the producer's whole profile is still under review (it edits its identity directly). */
export const UNAPPROVED_PRODUCER_STATUSES = ["PENDING", "CHANGES_REQUESTED"] as const;

export const isUnapproved = (status: string) => (UNAPPROVED_PRODUCER_STATUSES as readonly string[]).includes(status);

/** The actor's own producer as the portal's pages name it: its name and review status; null without one. */
export function ownProducer(db: Database, actor: Actor) {
  return db.producer.findFirst({ where: producerScope(actor), select: { legalName: true, status: true } });
}
