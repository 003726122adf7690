/**
 * Keeps the CatalogueEntry rows (the catalogue's narrow search rows, see
 * prisma/schema.prisma) in step with products, producers and certifications.
 * Every write path calls refreshCatalogueEntries inside its transaction for
 * the products it touched; the rows are plain copies, so a refresh is one
 * DELETE and one INSERT … SELECT with the same SQL on SQLite and PostgreSQL.
 */
import { Prisma } from "../../generated/sqlite/client";
import type { Database } from "../../db.server";
import { publicProductSql } from "./visibility.server";

type Writer = Pick<Database, "$executeRaw" | "$queryRaw">;

/** Which products to rebuild: some, a producer's, or all of them. */
export type EntryScope = { productIds: number[] } | { producerId: number } | "all";

function scopeConditions(scope: EntryScope): { entry: Prisma.Sql; product: Prisma.Sql } {
  if (scope === "all") return { entry: Prisma.sql`1 = 1`, product: Prisma.sql`1 = 1` };
  if ("producerId" in scope) {
    return {
      entry: Prisma.sql`"productId" IN (SELECT "id" FROM "Product" WHERE "producerId" = ${scope.producerId})`,
      product: Prisma.sql`p."producerId" = ${scope.producerId}`,
    };
  }
  const ids = Prisma.join(scope.productIds);
  return { entry: Prisma.sql`"productId" IN (${ids})`, product: Prisma.sql`p."id" IN (${ids})` };
}

/** Rebuilds the entries in `scope`; returns how many products are listed there now. */
export async function refreshCatalogueEntries(db: Writer, scope: EntryScope): Promise<number> {
  if (scope !== "all" && "productIds" in scope && !scope.productIds.length) return 0;
  const where = scopeConditions(scope);
  await db.$executeRaw`DELETE FROM "CatalogueEntry" WHERE ${where.entry}`;
  return db.$executeRaw`
    INSERT INTO "CatalogueEntry" (
      "productId", "certificationId", "stars", "signedOn", "validUntil", "revokedOn", "groupId", "productSetId",
      "producerId", "provinceId", "communeId", "searchKey", "nameLower", "nameFolded"
    )
    SELECT p."id", c."id", c."stars", c."signedOn", c."validUntil", c."revokedOn", s."groupId", p."productSetId",
      p."producerId", pr."provinceId", pr."communeId", p."searchKey", p."nameLower", p."nameFolded"
    FROM "Product" p
    JOIN "Producer" pr ON pr."id" = p."producerId"
    JOIN "ProductSet" s ON s."id" = p."productSetId"
    JOIN "Certification" c ON c."id" = p."standingCertificationId"
    WHERE ${publicProductSql("p", "pr")} AND ${where.product}`;
}

/** Entries whose product now stands on another certification (after the standing refresh). */
export async function refreshRepointedEntries(db: Writer): Promise<number> {
  const rows = await db.$queryRaw<Array<{ productId: number }>>`
    SELECT e."productId" AS "productId" FROM "CatalogueEntry" e
    JOIN "Product" p ON p."id" = e."productId"
    WHERE p."standingCertificationId" IS NULL OR p."standingCertificationId" <> e."certificationId"`;
  await refreshCatalogueEntries(db, { productIds: rows.map((row) => Number(row.productId)) });
  return rows.length;
}
