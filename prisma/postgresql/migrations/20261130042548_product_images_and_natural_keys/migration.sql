-- Until now image rows were only links to the placeholder drawings (no upload path
-- existed); they are dropped: the public pages draw the placeholder for a product
-- without images.
DELETE FROM "ProductImage";

-- DropIndex
DROP INDEX "ProductImage_productId_position_key";

-- AlterTable
ALTER TABLE "ProductImage" DROP COLUMN "url",
ADD COLUMN     "bytes" INTEGER NOT NULL,
ADD COLUMN     "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "isDemo" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "sourceType" TEXT NOT NULL,
ADD COLUMN     "storageKey" TEXT NOT NULL,
ADD COLUMN     "widths" TEXT NOT NULL,
ALTER COLUMN "width" SET NOT NULL,
ALTER COLUMN "height" SET NOT NULL;

-- A product's decision numbers become its certificates' natural key. Numbers
-- restart every year, so an older database may hold one twice for a product:
-- the later certificate's number gets " #<id>" so that staff can see and fix it.
UPDATE "Certification" SET "decisionNumber" = "decisionNumber" || ' #' || CAST("id" AS TEXT)
WHERE "id" IN (
  SELECT c."id" FROM "Certification" c
  JOIN "Certification" d ON d."productId" = c."productId" AND d."decisionNumber" = c."decisionNumber" AND d."id" < c."id"
);

-- CreateIndex
CREATE UNIQUE INDEX "Certification_productId_decisionNumber_key" ON "Certification"("productId", "decisionNumber");

-- CreateIndex
CREATE UNIQUE INDEX "ProductImage_storageKey_key" ON "ProductImage"("storageKey");

-- CreateIndex
CREATE INDEX "ProductImage_productId_position_idx" ON "ProductImage"("productId", "position");
