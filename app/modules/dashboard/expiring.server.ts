/**
 * Certificates to renew: each product's standing certificate that is in
 * force today and ends within 30 or 90 days (the visibility module's rule,
 * endingWithinSql), in the actor's scope, soonest first; and the same as CSV.
 */
import { stringify } from "csv-stringify/sync";
import { Prisma } from "../../generated/sqlite/client";
import type { Database } from "../../db.server";
import { daysBetween, formatDate } from "../../lib/dates";
import type { Actor } from "../accounts/actor.server";
import { inert } from "../audit/csv.server";
import { endingWithinSql } from "../catalogue/visibility.server";
import { EXPIRING_WITHIN_DAYS } from "../certifications/admin-list";
import { productInScopeSql } from "./scope-sql.server";

/** The certificate list's "expiring within" filter values, which the dashboard links to. */
export const EXPIRING_WINDOWS = EXPIRING_WITHIN_DAYS;
export type ExpiringWindow = (typeof EXPIRING_WINDOWS)[number];

export type ExpiringCertificate = {
  id: number;
  decisionNumber: string;
  stars: number;
  validUntil: Date;
  daysLeft: number;
  product: { id: number; nameVi: string; nameEn: string | null };
  producer: { id: number; legalName: string };
};

function fromWhere(actor: Actor, today: Date, days: number): Prisma.Sql {
  const parts = [endingWithinSql("c", today, days), ...productInScopeSql(actor)];
  return Prisma.sql`FROM "Product" p JOIN "Certification" c ON c."id" = p."standingCertificationId" WHERE ${Prisma.join(parts, " AND ")}`;
}

/** How many standing certificates end within each window. */
export async function countExpiring(db: Database, actor: Actor, today: Date): Promise<Record<ExpiringWindow, number>> {
  const [within30, within90] = await Promise.all(
    EXPIRING_WINDOWS.map(async (days) => {
      const [row] = await db.$queryRaw<Array<{ n: number | bigint }>>`SELECT COUNT(*) AS "n" ${fromWhere(actor, today, days)}`;
      return Number(row?.n ?? 0);
    }),
  );
  return { 30: within30!, 90: within90! };
}

/** The certificates ending within `days`, soonest first (`limit` of them, or all). */
export async function listExpiring(db: Database, actor: Actor, today: Date, days: ExpiringWindow, limit?: number): Promise<ExpiringCertificate[]> {
  const ids = await db.$queryRaw<Array<{ id: number }>>`
    SELECT c."id" AS "id" ${fromWhere(actor, today, days)}
    ORDER BY c."validUntil" ASC, c."id" ASC ${limit === undefined ? Prisma.empty : Prisma.sql`LIMIT ${limit}`}`;
  if (!ids.length) return [];
  const order = ids.map((row) => Number(row.id));
  const rows = await db.certification.findMany({
    where: { id: { in: order } },
    select: {
      id: true,
      decisionNumber: true,
      stars: true,
      validUntil: true,
      product: { select: { id: true, nameVi: true, nameEn: true, producer: { select: { id: true, legalName: true } } } },
    },
  });
  const byId = new Map(rows.map((row) => [row.id, row]));
  return order.flatMap((id) => {
    const row = byId.get(id);
    if (!row) return [];
    const { producer, ...product } = row.product;
    return [{ id: row.id, decisionNumber: row.decisionNumber, stars: row.stars, validUntil: row.validUntil, daysLeft: daysBetween(today, row.validUntil), product, producer }];
  });
}

export const EXPIRING_CSV_COLUMNS = ["product_id", "product", "producer", "stars", "decision_number", "valid_until", "days_left"] as const;

/** The certificates ending within `days` as CSV: UTF-8 with a BOM like the other exports, text that could run as a formula made inert. */
export async function expiringCsv(db: Database, actor: Actor, today: Date, days: ExpiringWindow): Promise<string> {
  const rows = await listExpiring(db, actor, today, days);
  return (
    "\uFEFF" +
    stringify([
      [...EXPIRING_CSV_COLUMNS],
      ...rows.map((row) => [
        row.product.id,
        inert(row.product.nameVi),
        inert(row.producer.legalName),
        row.stars,
        inert(row.decisionNumber),
        formatDate(row.validUntil),
        row.daysLeft,
      ]),
    ])
  );
}
