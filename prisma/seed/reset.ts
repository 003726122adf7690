import type { Database } from "../../app/db.server";

/**
 * Deletes every catalogue row (certifications, images, products, producers,
 * communes) in foreign-key order, in one transaction. Reference tables
 * (groups, sets, provinces) stay; the seed upserts them anyway.
 */
export async function resetCatalogue(db: Database): Promise<Record<string, number>> {
  return db.$transaction(
    async (tx) => {
      await tx.product.updateMany({ where: { standingCertificationId: { not: null } }, data: { standingCertificationId: null } });
      const certifications = (await tx.certification.deleteMany()).count;
      const images = (await tx.productImage.deleteMany()).count;
      const products = (await tx.product.deleteMany()).count;
      const producers = (await tx.producer.deleteMany()).count;
      const communes = (await tx.commune.deleteMany()).count;
      return { certifications, images, products, producers, communes };
    },
    { maxWait: 30_000, timeout: 600_000 },
  );
}
