import { Prisma } from "../../generated/sqlite/client";
import type { Database } from "../../db.server";

type Writer = Pick<Database, "$executeRaw">;

/**
 * Points each product at the certification that decides its standing: the
 * newest in force on `today`, else the newest lapsed one, else the newest
 * revoked one. It is an index for fast filtering; status is always derived
 * from the certification's dates when read.
 */
function standingSubquery(today: Date) {
  return Prisma.sql`(
    SELECT c."id" FROM "Certification" c
    WHERE c."productId" = "Product"."id"
    ORDER BY
      CASE
        WHEN c."revokedOn" IS NULL AND c."signedOn" <= ${today} AND c."validUntil" >= ${today} THEN 0
        WHEN c."revokedOn" IS NULL THEN 1
        ELSE 2
      END,
      c."signedOn" DESC, c."validUntil" DESC, c."id" DESC
    LIMIT 1
  )`;
}

/** After any certification write for `productId`. */
export async function refreshProductStanding(db: Writer, productId: number, today: Date): Promise<void> {
  await db.$executeRaw`UPDATE "Product" SET "currentCertificationId" = ${standingSubquery(today)} WHERE "id" = ${productId}`;
}

/** For every product (after bulk loads). */
export async function refreshAllStandings(db: Writer, today: Date): Promise<number> {
  return db.$executeRaw`UPDATE "Product" SET "currentCertificationId" = ${standingSubquery(today)}`;
}

/**
 * Daily catch-up: a product whose pointed-at certification has lapsed may have
 * an older one still in force (only when a validity was set by hand). Cheap:
 * it touches only products whose certification expired while another is in force.
 */
export async function refreshLapsedStandings(db: Writer, today: Date): Promise<number> {
  return db.$executeRaw`
    UPDATE "Product" SET "currentCertificationId" = ${standingSubquery(today)}
    WHERE "currentCertificationId" IN (SELECT "id" FROM "Certification" WHERE "validUntil" < ${today})
      AND EXISTS (
        SELECT 1 FROM "Certification" c
        WHERE c."productId" = "Product"."id" AND c."revokedOn" IS NULL
          AND c."signedOn" <= ${today} AND c."validUntil" >= ${today}
      )`;
}
