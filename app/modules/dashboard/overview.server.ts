/**
 * The dashboard (/admin): what needs the acting staff member's attention, in
 * their scope. Each part is its own module so tests call them directly.
 */
import type { Database } from "../../db.server";
import { certificationScope, producerScope, productScope, type Actor } from "../accounts/actor.server";
import { searchAudit } from "../audit/search.server";
import { productCompleteness } from "./completeness.server";
import { countExpiring, listExpiring } from "./expiring.server";
import { reviewQueue } from "./review-queue.server";

export const EXPIRING_PREVIEW_SIZE = 10;
export const RECENT_ACTIVITY_SIZE = 10;

/** Counts of what the actor looks after. */
export async function adminOverview(db: Database, actor: Actor) {
  const [producers, products, certifications] = await Promise.all([
    db.producer.count({ where: producerScope(actor) }),
    db.product.count({ where: productScope(actor) }),
    db.certification.count({ where: certificationScope(actor) }),
  ]);
  return { producers, products, certifications };
}

/** The newest events of the audit trail the actor may read (the trail's own scope rule). */
export async function recentActivity(db: Database, actor: Actor, limit = RECENT_ACTIVITY_SIZE) {
  const page = await searchAudit(db, actor, { page: 1 });
  return { total: page.total, items: page.items.slice(0, limit) };
}

export async function dashboard(db: Database, actor: Actor, today: Date) {
  const [counts, review, expiringCounts, expiring30, expiring90, completeness, activity] = await Promise.all([
    adminOverview(db, actor),
    reviewQueue(db, actor),
    countExpiring(db, actor, today),
    listExpiring(db, actor, today, 30, EXPIRING_PREVIEW_SIZE),
    listExpiring(db, actor, today, 90, EXPIRING_PREVIEW_SIZE),
    productCompleteness(db, actor),
    recentActivity(db, actor),
  ]);
  return {
    counts,
    review,
    expiring: { 30: { total: expiringCounts[30], items: expiring30 }, 90: { total: expiringCounts[90], items: expiring90 } },
    completeness,
    activity,
  };
}
