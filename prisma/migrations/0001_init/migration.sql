-- CreateTable
CREATE TABLE "ProductGroup" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "code" TEXT NOT NULL,
    "nameVi" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "ProductSet" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "groupId" INTEGER NOT NULL,
    "subgroupVi" TEXT NOT NULL,
    "nameVi" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    CONSTRAINT "ProductSet_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "ProductGroup" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Province" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "code" TEXT,
    "slug" TEXT NOT NULL,
    "nameVi" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "formedFromVi" TEXT NOT NULL,
    "searchKey" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "Commune" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "code" TEXT,
    "provinceId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "nameVi" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "searchKey" TEXT NOT NULL,
    "isDemo" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "Commune_provinceId_fkey" FOREIGN KEY ("provinceId") REFERENCES "Province" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Producer" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "slug" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "legalName" TEXT NOT NULL,
    "taxCode" TEXT NOT NULL,
    "registrationNumber" TEXT,
    "registrationDate" DATETIME,
    "registrationOffice" TEXT,
    "legalRepName" TEXT,
    "legalRepTitle" TEXT,
    "phone" TEXT,
    "zalo" TEXT,
    "email" TEXT,
    "website" TEXT,
    "street" TEXT,
    "communeId" INTEGER,
    "provinceId" INTEGER NOT NULL,
    "formerDistrict" TEXT,
    "formerProvince" TEXT,
    "descriptionVi" TEXT NOT NULL DEFAULT '',
    "descriptionEn" TEXT,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "statusReason" TEXT,
    "searchKey" TEXT NOT NULL,
    "isDemo" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Producer_communeId_fkey" FOREIGN KEY ("communeId") REFERENCES "Commune" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Producer_provinceId_fkey" FOREIGN KEY ("provinceId") REFERENCES "Province" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Product" (
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
    "isDemo" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "currentCertificationId" INTEGER,
    CONSTRAINT "Product_productSetId_fkey" FOREIGN KEY ("productSetId") REFERENCES "ProductSet" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Product_producerId_fkey" FOREIGN KEY ("producerId") REFERENCES "Producer" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Product_currentCertificationId_fkey" FOREIGN KEY ("currentCertificationId") REFERENCES "Certification" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ProductImage" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "productId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "url" TEXT NOT NULL,
    "altVi" TEXT NOT NULL,
    "altEn" TEXT,
    "width" INTEGER,
    "height" INTEGER,
    CONSTRAINT "ProductImage_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Certification" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "productId" INTEGER NOT NULL,
    "verificationCode" TEXT NOT NULL,
    "stars" INTEGER NOT NULL,
    "score" INTEGER,
    "evaluationKind" TEXT NOT NULL DEFAULT 'NEW',
    "decisionNumber" TEXT NOT NULL,
    "batch" TEXT,
    "signedOn" DATETIME NOT NULL,
    "issuerLevel" TEXT NOT NULL,
    "issuerName" TEXT NOT NULL,
    "validUntil" DATETIME NOT NULL,
    "revokedOn" DATETIME,
    "revocationReason" TEXT,
    "revocationDecision" TEXT,
    "isDemo" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Certification_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "ProductGroup_code_key" ON "ProductGroup"("code");

-- CreateIndex
CREATE INDEX "ProductSet_groupId_idx" ON "ProductSet"("groupId");

-- CreateIndex
CREATE UNIQUE INDEX "Province_code_key" ON "Province"("code");

-- CreateIndex
CREATE UNIQUE INDEX "Province_slug_key" ON "Province"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "Commune_code_key" ON "Commune"("code");

-- CreateIndex
CREATE UNIQUE INDEX "Commune_provinceId_slug_key" ON "Commune"("provinceId", "slug");

-- CreateIndex
CREATE UNIQUE INDEX "Producer_slug_key" ON "Producer"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "Producer_taxCode_key" ON "Producer"("taxCode");

-- CreateIndex
CREATE INDEX "Producer_status_provinceId_idx" ON "Producer"("status", "provinceId");

-- CreateIndex
CREATE INDEX "Producer_status_type_idx" ON "Producer"("status", "type");

-- CreateIndex
CREATE INDEX "Producer_communeId_idx" ON "Producer"("communeId");

-- CreateIndex
CREATE INDEX "Producer_legalName_idx" ON "Producer"("legalName");

-- CreateIndex
CREATE UNIQUE INDEX "Product_slug_key" ON "Product"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "Product_currentCertificationId_key" ON "Product"("currentCertificationId");

-- CreateIndex
CREATE INDEX "Product_status_productSetId_idx" ON "Product"("status", "productSetId");

-- CreateIndex
CREATE INDEX "Product_producerId_status_idx" ON "Product"("producerId", "status");

-- CreateIndex
CREATE INDEX "Product_status_nameVi_idx" ON "Product"("status", "nameVi");

-- CreateIndex
CREATE INDEX "Product_status_publishedAt_idx" ON "Product"("status", "publishedAt");

-- CreateIndex
CREATE UNIQUE INDEX "ProductImage_productId_position_key" ON "ProductImage"("productId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "Certification_verificationCode_key" ON "Certification"("verificationCode");

-- CreateIndex
CREATE INDEX "Certification_productId_signedOn_idx" ON "Certification"("productId", "signedOn");

-- CreateIndex
CREATE INDEX "Certification_validUntil_idx" ON "Certification"("validUntil");

-- CreateIndex
CREATE INDEX "Certification_stars_validUntil_idx" ON "Certification"("stars", "validUntil");

-- CreateIndex
CREATE INDEX "Certification_signedOn_idx" ON "Certification"("signedOn");
