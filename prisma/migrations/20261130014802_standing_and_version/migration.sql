-- CreateTable
CREATE TABLE "CatalogueVersion" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "version" INTEGER NOT NULL DEFAULT 0,
    "changedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Product" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "slug" TEXT NOT NULL,
    "nameVi" TEXT NOT NULL,
    "nameEn" TEXT,
    "descriptionVi" TEXT NOT NULL DEFAULT '',
    "descriptionEn" TEXT,
    "productSetId" INTEGER NOT NULL,
    "producerId" INTEGER NOT NULL,
    "packagingVi" TEXT,
    "packagingEn" TEXT,
    "unit" TEXT,
    "status" TEXT NOT NULL DEFAULT 'DRAFT',
    "statusReason" TEXT,
    "publishedAt" DATETIME,
    "searchKey" TEXT NOT NULL,
    "nameLower" TEXT NOT NULL DEFAULT '',
    "nameFolded" TEXT NOT NULL DEFAULT '',
    "isDemo" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "standingCertificationId" INTEGER,
    CONSTRAINT "Product_productSetId_fkey" FOREIGN KEY ("productSetId") REFERENCES "ProductSet" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Product_producerId_fkey" FOREIGN KEY ("producerId") REFERENCES "Producer" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Product_standingCertificationId_fkey" FOREIGN KEY ("standingCertificationId") REFERENCES "Certification" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Product" ("createdAt", "descriptionEn", "descriptionVi", "id", "isDemo", "nameEn", "nameFolded", "nameLower", "nameVi", "packagingEn", "packagingVi", "producerId", "productSetId", "publishedAt", "searchKey", "slug", "status", "statusReason", "unit", "updatedAt", "standingCertificationId") SELECT "createdAt", "descriptionEn", "descriptionVi", "id", "isDemo", "nameEn", "nameFolded", "nameLower", "nameVi", "packagingEn", "packagingVi", "producerId", "productSetId", "publishedAt", "searchKey", "slug", "status", "statusReason", "unit", "updatedAt", "currentCertificationId" FROM "Product";
DROP TABLE "Product";
ALTER TABLE "new_Product" RENAME TO "Product";
CREATE UNIQUE INDEX "Product_slug_key" ON "Product"("slug");
CREATE UNIQUE INDEX "Product_standingCertificationId_key" ON "Product"("standingCertificationId");
CREATE INDEX "Product_status_productSetId_idx" ON "Product"("status", "productSetId");
CREATE INDEX "Product_status_standingCertificationId_productSetId_producerId_idx" ON "Product"("status", "standingCertificationId", "productSetId", "producerId");
CREATE INDEX "Product_producerId_status_idx" ON "Product"("producerId", "status");
CREATE INDEX "Product_status_nameVi_idx" ON "Product"("status", "nameVi");
CREATE INDEX "Product_status_publishedAt_idx" ON "Product"("status", "publishedAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- The standing certification is now the newest signed one (a newer decision
-- supersedes the older ones), and the search rows are rebuilt when a server starts.
UPDATE "Product" SET "standingCertificationId" = (
  SELECT c."id" FROM "Certification" c WHERE c."productId" = "Product"."id"
  ORDER BY c."signedOn" DESC, c."id" DESC LIMIT 1
);
DELETE FROM "CatalogueEntry";
INSERT INTO "CatalogueVersion" ("id", "version") VALUES (1, 0);
