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

-- CreateIndex
CREATE UNIQUE INDEX "Certification_productId_decisionNumber_key" ON "Certification"("productId", "decisionNumber");

-- CreateIndex
CREATE UNIQUE INDEX "ProductImage_storageKey_key" ON "ProductImage"("storageKey");

-- CreateIndex
CREATE INDEX "ProductImage_productId_position_idx" ON "ProductImage"("productId", "position");
