import type { Database } from "../../db.server";
import { standingCertificationIdSql, verifiedCertificationSql } from "../catalogue/visibility.server";

type Writer = Pick<Database, "$executeRaw">;

/**
 * Keeps `Product.standingCertificationId` pointing at the product's standing
 * certificate (see catalogue/visibility.server.ts). It is an index for fast
 * filtering; whether that certificate is in force is derived when read.
 */

/** After any certification write for `productId`. */
export async function refreshProductStanding(db: Writer, productId: number, today: Date): Promise<void> {
  await db.$executeRaw`UPDATE "Product" SET "standingCertificationId" = ${standingCertificationIdSql(today)} WHERE "id" = ${productId}`;
}

/** For every product (after bulk loads). */
export async function refreshAllStandings(db: Writer, today: Date): Promise<number> {
  return db.$executeRaw`UPDATE "Product" SET "standingCertificationId" = ${standingCertificationIdSql(today)}`;
}

/**
 * Daily catch-up: a certificate whose signing day has come since it was
 * entered (only bulk loads can enter one ahead of its day) takes over as
 * standing. Cheap: it touches only products with such a certificate.
 */
export async function refreshDueStandings(db: Writer, today: Date): Promise<number> {
  return db.$executeRaw`
    UPDATE "Product" SET "standingCertificationId" = ${standingCertificationIdSql(today)}
    WHERE EXISTS (
      SELECT 1 FROM "Certification" c
      WHERE c."productId" = "Product"."id" AND c."signedOn" <= ${today} AND ${verifiedCertificationSql("c")}
        AND ("Product"."standingCertificationId" IS NULL OR c."signedOn" > (
          SELECT s."signedOn" FROM "Certification" s WHERE s."id" = "Product"."standingCertificationId"
        ))
    )`;
}
