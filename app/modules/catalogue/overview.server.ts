import type { Database } from "../../db.server";
import { CERTIFIED_STARS, type Stars } from "../certifications/rules.server";

/**
 * A published product of an approved producer whose standing certification is
 * in force on `today`: what the public catalogue lists and counts.
 */
export function certifiedProductWhere(today: Date) {
  return {
    status: "PUBLISHED" as const,
    producer: { is: { status: "APPROVED" as const } },
    currentCertification: { is: { revokedOn: null, signedOn: { lte: today }, validUntil: { gte: today } } },
  };
}

export type CatalogueOverview = {
  certifiedProducts: number;
  producers: number;
  byStars: Array<{ stars: Stars; count: number }>;
  byGroup: Array<{ id: number; code: string; nameVi: string; nameEn: string; count: number }>;
};

/** The home page's figures: products with a certificate in force today, by stars and by group. */
export async function getCatalogueOverview(db: Database, today: Date): Promise<CatalogueOverview> {
  const certified = certifiedProductWhere(today);
  const groups = await db.productGroup.findMany({ orderBy: { id: "asc" } });
  const [certifiedProducts, producers, starCounts, groupCounts] = await Promise.all([
    db.product.count({ where: certified }),
    db.producer.count({ where: { status: "APPROVED", products: { some: certified } } }),
    Promise.all(
      CERTIFIED_STARS.map((stars) =>
        db.product.count({
          where: { ...certified, currentCertification: { is: { ...certified.currentCertification.is, stars } } },
        }),
      ),
    ),
    Promise.all(groups.map((group) => db.product.count({ where: { ...certified, productSet: { groupId: group.id } } }))),
  ]);
  return {
    certifiedProducts,
    producers,
    byStars: CERTIFIED_STARS.map((stars, i) => ({ stars, count: starCounts[i] ?? 0 })),
    byGroup: groups.map((group, i) => ({ ...group, count: groupCounts[i] ?? 0 })),
  };
}
