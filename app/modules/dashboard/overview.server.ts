/**
 * The dashboard (/admin): what needs the acting staff member's attention, in
 * their scope. Each part is its own module so tests call them directly.
 */
import { Prisma } from "../../generated/sqlite/client";
import type { Database } from "../../db.server";
import { producerScope, type Actor } from "../accounts/actor.server";
import { searchAudit } from "../audit/search.server";
import { cachedCompleteness } from "./completeness.server";
import { productInScopeSql } from "./scope-sql.server";
import { countExpiring, listExpiring } from "./expiring.server";
import { reviewQueue } from "./review-queue.server";

export const EXPIRING_PREVIEW_SIZE = 10;
export const RECENT_ACTIVITY_SIZE = 10;

/** Counts of what the actor looks after (SQL on the scope's indexes: Prisma's relation filters walked every certificate). */
export async function adminOverview(db: Database, actor: Actor) {
  const scoped = productInScopeSql(actor);
  const productWhere = scoped.length ? Prisma.sql`WHERE ${Prisma.join(scoped, " AND ")}` : Prisma.empty;
  const certificateWhere = scoped.length
    ? Prisma.sql`WHERE c."productId" IN (SELECT p."id" FROM "Product" p WHERE ${Prisma.join(scoped, " AND ")})`
    : Prisma.empty;
  const count = (rows: Array<{ n: number | bigint }>) => Number(rows[0]?.n ?? 0);
  const [producers, products, certifications] = await Promise.all([
    db.producer.count({ where: producerScope(actor) }),
    db.$queryRaw<Array<{ n: number | bigint }>>`SELECT COUNT(*) AS "n" FROM "Product" p ${productWhere}`.then(count),
    db.$queryRaw<Array<{ n: number | bigint }>>`SELECT COUNT(*) AS "n" FROM "Certification" c ${certificateWhere}`.then(count),
  ]);
  return { producers, products, certifications };
}

/** The newest events of the audit trail the actor may read (the trail's own scope rule). */
export async function recentActivity(db: Database, actor: Actor, limit = RECENT_ACTIVITY_SIZE) {
  const page = await searchAudit(db, actor, { page: 1 });
  return { total: page.total, items: page.items.slice(0, limit) };
}

export async function dashboard(db: Database, actor: Actor, today: Date) {
  const [counts, review, expiringCounts, expiring90, completeness, activity] = await Promise.all([
    adminOverview(db, actor),
    reviewQueue(db, actor),
    countExpiring(db, actor, today),
    listExpiring(db, actor, today, 90, EXPIRING_PREVIEW_SIZE),
    cachedCompleteness(db, actor),
    recentActivity(db, actor),
  ]);
  // Soonest first, so the 30-day preview is the start of the 90-day one.
  const expiring30 = expiring90.filter((certificate) => certificate.daysLeft <= 30);
  return {
    counts,
    review,
    expiring: { 30: { total: expiringCounts[30], items: expiring30 }, 90: { total: expiringCounts[90], items: expiring90 } },
    completeness,
    activity,
  };
}
