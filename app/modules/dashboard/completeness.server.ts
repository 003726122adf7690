/**
 * How complete the products in the actor's scope are (published ones and
 * those waiting for review): five checks each, a percentage per product and
 * overall, how many miss each check, and the least complete products.
 * One SQL pass over the products (window aggregates beside the ordered
 * rows). The pass reads every product row (their texts), about 100 ms at
 * 20,000 products on SQLite, so the dashboard keeps the result in the
 * catalogue's read cache, which every catalogue write empties.
 */
import { Prisma } from "../../generated/sqlite/client";
import type { Database } from "../../db.server";
import { producerScope, type Actor } from "../accounts/actor.server";
import { cachedRead } from "../catalogue/read-cache.server";
import { productInScopeSql } from "./scope-sql.server";

export const COMPLETENESS_CHECKS = ["image", "nameEn", "descriptionEn", "packaging", "certificate"] as const;
export type CompletenessCheck = (typeof COMPLETENESS_CHECKS)[number];

export const LEAST_COMPLETE_SIZE = 10;

const filled = (column: string) => Prisma.raw(`CASE WHEN p."${column}" IS NOT NULL AND TRIM(p."${column}") <> '' THEN 1 ELSE 0 END`);

/** 1 when the product row `p` passes the check, else 0. */
const CHECK_SQL: Record<CompletenessCheck, Prisma.Sql> = {
  image: Prisma.sql`CASE WHEN EXISTS (SELECT 1 FROM "ProductImage" i WHERE i."productId" = p."id") THEN 1 ELSE 0 END`,
  nameEn: filled("nameEn"),
  descriptionEn: filled("descriptionEn"),
  packaging: filled("packagingVi"),
  certificate: Prisma.sql`CASE WHEN p."standingCertificationId" IS NOT NULL THEN 1 ELSE 0 END`,
};

export type IncompleteProduct = { id: number; nameVi: string; status: string; percent: number; missing: CompletenessCheck[] };

export type Completeness = {
  products: number;
  /** Passed checks over all checks of all products, 0–100 (100 with no products). */
  overallPercent: number;
  /** How many products fail each check. */
  missing: Record<CompletenessCheck, number>;
  leastComplete: IncompleteProduct[];
};

const percentOf = (passed: number, checks: number) => (checks === 0 ? 100 : Math.floor((passed * 100) / checks));

type Row = { id: number; nameVi: string; status: string; total: number | bigint } & Record<CompletenessCheck | `all_${CompletenessCheck}`, number | bigint>;

export async function productCompleteness(db: Database, actor: Actor, limit = LEAST_COMPLETE_SIZE): Promise<Completeness> {
  const where = [Prisma.sql`p."status" IN ('PUBLISHED', 'PENDING_REVIEW')`, ...productInScopeSql(actor)];
  const checks = Prisma.join(COMPLETENESS_CHECKS.map((check) => Prisma.sql`${CHECK_SQL[check]} AS ${Prisma.raw(`"${check}"`)}`));
  const totals = Prisma.join(COMPLETENESS_CHECKS.map((check) => Prisma.raw(`SUM(s."${check}") OVER () AS "all_${check}"`)));
  const score = Prisma.raw(COMPLETENESS_CHECKS.map((check) => `s."${check}"`).join(" + "));
  const rows = await db.$queryRaw<Row[]>`
    WITH s AS (SELECT p."id" AS "id", p."nameVi" AS "nameVi", p."status" AS "status", ${checks} FROM "Product" p WHERE ${Prisma.join(where, " AND ")})
    SELECT s.*, COUNT(*) OVER () AS "total", ${totals}
    FROM s ORDER BY ${score} ASC, s."id" ASC LIMIT ${limit}`;
  const first = rows[0];
  const products = Number(first?.total ?? 0);
  const missing = Object.fromEntries(COMPLETENESS_CHECKS.map((check) => [check, first ? products - Number(first[`all_${check}`]) : 0])) as Record<CompletenessCheck, number>;
  const passed = COMPLETENESS_CHECKS.reduce((sum, check) => sum + (products - missing[check]), 0);
  return {
    products,
    overallPercent: percentOf(passed, products * COMPLETENESS_CHECKS.length),
    missing,
    leastComplete: rows
      .map((row) => {
        const failed = COMPLETENESS_CHECKS.filter((check) => Number(row[check]) === 0);
        return {
          id: Number(row.id),
          nameVi: row.nameVi,
          status: String(row.status),
          percent: percentOf(COMPLETENESS_CHECKS.length - failed.length, COMPLETENESS_CHECKS.length),
          missing: failed,
        };
      })
      .filter((product) => product.missing.length > 0),
  };
}

/** `productCompleteness` kept until the next catalogue change (or a minute), per scope. */
export function cachedCompleteness(db: Database, actor: Actor, limit = LEAST_COMPLETE_SIZE): Promise<Completeness> {
  return cachedRead(`dashboard-completeness:${JSON.stringify(producerScope(actor))}:${limit}`, () => productCompleteness(db, actor, limit));
}
