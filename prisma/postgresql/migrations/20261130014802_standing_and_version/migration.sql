-- Renamed: the pointer is the product's standing certification, not a "current" one.
ALTER TABLE "Product" RENAME COLUMN "currentCertificationId" TO "standingCertificationId";
ALTER TABLE "Product" RENAME CONSTRAINT "Product_currentCertificationId_fkey" TO "Product_standingCertificationId_fkey";
ALTER INDEX "Product_currentCertificationId_key" RENAME TO "Product_standingCertificationId_key";
ALTER INDEX "Product_status_currentCertificationId_productSetId_producer_idx" RENAME TO "Product_status_standingCertificationId_productSetId_produce_idx";

-- CreateTable
CREATE TABLE "CatalogueVersion" (
    "id" INTEGER NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,
    "changedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CatalogueVersion_pkey" PRIMARY KEY ("id")
);

-- The standing certification is now the newest signed one (a newer decision
-- supersedes the older ones), and the search rows are rebuilt when a server starts.
UPDATE "Product" SET "standingCertificationId" = (
  SELECT c."id" FROM "Certification" c WHERE c."productId" = "Product"."id"
  ORDER BY c."signedOn" DESC, c."id" DESC LIMIT 1
);
DELETE FROM "CatalogueEntry";
INSERT INTO "CatalogueVersion" ("id", "version") VALUES (1, 0);
