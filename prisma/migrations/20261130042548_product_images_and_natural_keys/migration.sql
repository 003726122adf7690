-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ProductImage" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "productId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "storageKey" TEXT NOT NULL,
    "widths" TEXT NOT NULL,
    "width" INTEGER NOT NULL,
    "height" INTEGER NOT NULL,
    "bytes" INTEGER NOT NULL,
    "sourceType" TEXT NOT NULL,
    "altVi" TEXT NOT NULL,
    "altEn" TEXT,
    "isDemo" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ProductImage_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
-- Until now image rows were only links to the placeholder drawings (no upload path
-- existed); they are dropped: the public pages draw the placeholder for a product
-- without images.
DROP TABLE "ProductImage";
ALTER TABLE "new_ProductImage" RENAME TO "ProductImage";
CREATE UNIQUE INDEX "ProductImage_storageKey_key" ON "ProductImage"("storageKey");
CREATE INDEX "ProductImage_productId_position_idx" ON "ProductImage"("productId", "position");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

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
