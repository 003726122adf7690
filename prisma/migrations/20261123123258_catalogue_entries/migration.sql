-- CreateTable
CREATE TABLE "CatalogueEntry" (
    "productId" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "certificationId" INTEGER NOT NULL,
    "stars" INTEGER NOT NULL,
    "signedOn" DATETIME NOT NULL,
    "validUntil" DATETIME NOT NULL,
    "revokedOn" DATETIME,
    "groupId" INTEGER NOT NULL,
    "productSetId" INTEGER NOT NULL,
    "producerId" INTEGER NOT NULL,
    "provinceId" INTEGER NOT NULL,
    "communeId" INTEGER,
    "searchKey" TEXT NOT NULL,
    "nameLower" TEXT NOT NULL,
    "nameFolded" TEXT NOT NULL,
    CONSTRAINT "CatalogueEntry_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CatalogueEntry_certificationId_fkey" FOREIGN KEY ("certificationId") REFERENCES "Certification" ("id") ON DELETE CASCADE ON UPDATE CASCADE
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
    "currentCertificationId" INTEGER,
    CONSTRAINT "Product_productSetId_fkey" FOREIGN KEY ("productSetId") REFERENCES "ProductSet" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Product_producerId_fkey" FOREIGN KEY ("producerId") REFERENCES "Producer" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Product_currentCertificationId_fkey" FOREIGN KEY ("currentCertificationId") REFERENCES "Certification" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Product" ("createdAt", "currentCertificationId", "descriptionEn", "descriptionVi", "id", "isDemo", "nameEn", "nameVi", "packagingEn", "packagingVi", "producerId", "productSetId", "publishedAt", "searchKey", "slug", "status", "statusReason", "unit", "updatedAt") SELECT "createdAt", "currentCertificationId", "descriptionEn", "descriptionVi", "id", "isDemo", "nameEn", "nameVi", "packagingEn", "packagingVi", "producerId", "productSetId", "publishedAt", "searchKey", "slug", "status", "statusReason", "unit", "updatedAt" FROM "Product";
DROP TABLE "Product";
ALTER TABLE "new_Product" RENAME TO "Product";
CREATE UNIQUE INDEX "Product_slug_key" ON "Product"("slug");
CREATE UNIQUE INDEX "Product_currentCertificationId_key" ON "Product"("currentCertificationId");
CREATE INDEX "Product_status_productSetId_idx" ON "Product"("status", "productSetId");
CREATE INDEX "Product_status_currentCertificationId_productSetId_producerId_idx" ON "Product"("status", "currentCertificationId", "productSetId", "producerId");
CREATE INDEX "Product_producerId_status_idx" ON "Product"("producerId", "status");
CREATE INDEX "Product_status_nameVi_idx" ON "Product"("status", "nameVi");
CREATE INDEX "Product_status_publishedAt_idx" ON "Product"("status", "publishedAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "CatalogueEntry_certificationId_idx" ON "CatalogueEntry"("certificationId");

-- CreateIndex
CREATE INDEX "CatalogueEntry_producerId_idx" ON "CatalogueEntry"("producerId");
