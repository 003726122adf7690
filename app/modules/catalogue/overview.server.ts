import { Prisma } from "../../generated/sqlite/client";
import type { Database } from "../../db.server";
import { CERTIFIED_STARS, type Stars } from "../certifications/rules";
import { cachedForDay, cachedRead } from "./read-cache.server";
import { certifiedProductSql } from "./visibility.server";

export type CatalogueOverview = {
  certifiedProducts: number;
  producers: number;
  byStars: Array<{ stars: Stars; count: number }>;
  byGroup: Array<{ id: number; code: string; nameVi: string; nameEn: string; count: number }>;
};

type OverviewRow = { stars: number; groupId: number; products: number | bigint };

/**
 * The home page's figures: products with a certificate in force today, by
 * stars and by group, in one grouped query (plus one for distinct producers).
 */
export async function getCatalogueOverview(db: Database, today: Date): Promise<CatalogueOverview> {
  const certified = Prisma.sql`
    FROM "Product" p
    JOIN "Producer" pr ON pr."id" = p."producerId"
    JOIN "ProductSet" s ON s."id" = p."productSetId"
    JOIN "Certification" c ON c."id" = p."standingCertificationId"
    WHERE ${certifiedProductSql({ product: "p", producer: "pr", cert: "c" }, today)}`;
  const [groups, rows, producerRows] = await Promise.all([
    db.productGroup.findMany({ orderBy: { id: "asc" } }),
    db.$queryRaw<OverviewRow[]>`SELECT c."stars" AS "stars", s."groupId" AS "groupId", COUNT(*) AS "products" ${certified} GROUP BY c."stars", s."groupId"`,
    db.$queryRaw<Array<{ producers: number | bigint }>>`SELECT COUNT(DISTINCT pr."id") AS "producers" ${certified}`,
  ]);
  const sum = (keep: (row: OverviewRow) => boolean) =>
    rows.filter(keep).reduce((total, row) => total + Number(row.products), 0);
  return {
    certifiedProducts: sum(() => true),
    producers: Number(producerRows[0]?.producers ?? 0),
    byStars: CERTIFIED_STARS.map((stars) => ({ stars, count: sum((row) => row.stars === stars) })),
    byGroup: groups.map((group) => ({ ...group, count: sum((row) => row.groupId === group.id) })),
  };
}

/** getCatalogueOverview through the read cache. */
export function cachedCatalogueOverview(db: Database, today: Date): Promise<CatalogueOverview> {
  return cachedForDay("overview", today, () => getCatalogueOverview(db, today));
}

/** Does the catalogue hold demonstration records (the public pages then say so)? Through the read cache: every public page asks. */
export function hasDemoData(db: Database): Promise<boolean> {
  return cachedRead("has-demo-data", async () => Boolean(await db.producer.findFirst({ where: { isDemo: true }, select: { id: true } })));
}
