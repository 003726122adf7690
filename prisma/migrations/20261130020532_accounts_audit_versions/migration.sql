-- CreateTable
CREATE TABLE "User" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "provinceId" INTEGER,
    "producerId" INTEGER,
    "language" TEXT NOT NULL DEFAULT 'vi',
    "disabledAt" DATETIME,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "User_provinceId_fkey" FOREIGN KEY ("provinceId") REFERENCES "Province" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "User_producerId_fkey" FOREIGN KEY ("producerId") REFERENCES "Producer" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Password" (
    "userId" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "hash" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Password_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" INTEGER NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ip" TEXT,
    "userAgent" TEXT,
    CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SignInAttempt" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "email" TEXT NOT NULL,
    "ip" TEXT NOT NULL,
    "succeeded" BOOLEAN NOT NULL,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" INTEGER,
    "actorEmail" TEXT,
    "action" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" INTEGER,
    "entityLabel" TEXT,
    "provinceId" INTEGER,
    "changes" TEXT,
    "ip" TEXT,
    "requestId" TEXT
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Certification" (
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
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Certification_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Certification" ("batch", "createdAt", "decisionNumber", "evaluationKind", "id", "isDemo", "issuerLevel", "issuerName", "productId", "revocationDecision", "revocationReason", "revokedOn", "score", "signedOn", "stars", "updatedAt", "validUntil", "verificationCode") SELECT "batch", "createdAt", "decisionNumber", "evaluationKind", "id", "isDemo", "issuerLevel", "issuerName", "productId", "revocationDecision", "revocationReason", "revokedOn", "score", "signedOn", "stars", "updatedAt", "validUntil", "verificationCode" FROM "Certification";
DROP TABLE "Certification";
ALTER TABLE "new_Certification" RENAME TO "Certification";
CREATE UNIQUE INDEX "Certification_verificationCode_key" ON "Certification"("verificationCode");
CREATE INDEX "Certification_productId_signedOn_idx" ON "Certification"("productId", "signedOn");
CREATE INDEX "Certification_decisionNumber_idx" ON "Certification"("decisionNumber");
CREATE INDEX "Certification_validUntil_idx" ON "Certification"("validUntil");
CREATE INDEX "Certification_stars_validUntil_idx" ON "Certification"("stars", "validUntil");
CREATE INDEX "Certification_signedOn_idx" ON "Certification"("signedOn");
CREATE TABLE "new_Producer" (
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
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Producer_communeId_fkey" FOREIGN KEY ("communeId") REFERENCES "Commune" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Producer_provinceId_fkey" FOREIGN KEY ("provinceId") REFERENCES "Province" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Producer" ("communeId", "createdAt", "descriptionEn", "descriptionVi", "email", "formerDistrict", "formerProvince", "id", "isDemo", "legalName", "legalRepName", "legalRepTitle", "phone", "provinceId", "registrationDate", "registrationNumber", "registrationOffice", "searchKey", "slug", "status", "statusReason", "street", "taxCode", "type", "updatedAt", "website", "zalo") SELECT "communeId", "createdAt", "descriptionEn", "descriptionVi", "email", "formerDistrict", "formerProvince", "id", "isDemo", "legalName", "legalRepName", "legalRepTitle", "phone", "provinceId", "registrationDate", "registrationNumber", "registrationOffice", "searchKey", "slug", "status", "statusReason", "street", "taxCode", "type", "updatedAt", "website", "zalo" FROM "Producer";
DROP TABLE "Producer";
ALTER TABLE "new_Producer" RENAME TO "Producer";
CREATE UNIQUE INDEX "Producer_slug_key" ON "Producer"("slug");
CREATE UNIQUE INDEX "Producer_taxCode_key" ON "Producer"("taxCode");
CREATE INDEX "Producer_status_provinceId_idx" ON "Producer"("status", "provinceId");
CREATE INDEX "Producer_status_type_idx" ON "Producer"("status", "type");
CREATE INDEX "Producer_communeId_idx" ON "Producer"("communeId");
CREATE INDEX "Producer_legalName_idx" ON "Producer"("legalName");
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
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "standingCertificationId" INTEGER,
    CONSTRAINT "Product_productSetId_fkey" FOREIGN KEY ("productSetId") REFERENCES "ProductSet" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Product_producerId_fkey" FOREIGN KEY ("producerId") REFERENCES "Producer" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Product_standingCertificationId_fkey" FOREIGN KEY ("standingCertificationId") REFERENCES "Certification" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Product" ("createdAt", "descriptionEn", "descriptionVi", "id", "isDemo", "nameEn", "nameFolded", "nameLower", "nameVi", "packagingEn", "packagingVi", "producerId", "productSetId", "publishedAt", "searchKey", "slug", "standingCertificationId", "status", "statusReason", "unit", "updatedAt") SELECT "createdAt", "descriptionEn", "descriptionVi", "id", "isDemo", "nameEn", "nameFolded", "nameLower", "nameVi", "packagingEn", "packagingVi", "producerId", "productSetId", "publishedAt", "searchKey", "slug", "standingCertificationId", "status", "statusReason", "unit", "updatedAt" FROM "Product";
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

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE INDEX "User_role_idx" ON "User"("role");

-- CreateIndex
CREATE INDEX "Session_userId_idx" ON "Session"("userId");

-- CreateIndex
CREATE INDEX "Session_expiresAt_idx" ON "Session"("expiresAt");

-- CreateIndex
CREATE INDEX "SignInAttempt_email_at_idx" ON "SignInAttempt"("email", "at");

-- CreateIndex
CREATE INDEX "SignInAttempt_ip_at_idx" ON "SignInAttempt"("ip", "at");

-- CreateIndex
CREATE INDEX "AuditEvent_entityType_entityId_at_idx" ON "AuditEvent"("entityType", "entityId", "at");

-- CreateIndex
CREATE INDEX "AuditEvent_at_idx" ON "AuditEvent"("at");

-- CreateIndex
CREATE INDEX "AuditEvent_actorId_at_idx" ON "AuditEvent"("actorId", "at");

-- CreateIndex
CREATE INDEX "AuditEvent_provinceId_at_idx" ON "AuditEvent"("provinceId", "at");

-- The audit trail is append-only: no path, not even the app itself, updates or deletes a row.
CREATE TRIGGER "AuditEvent_no_update" BEFORE UPDATE ON "AuditEvent"
BEGIN
  SELECT RAISE(ABORT, 'The audit trail is append-only: UPDATE on AuditEvent is not allowed');
END;
CREATE TRIGGER "AuditEvent_no_delete" BEFORE DELETE ON "AuditEvent"
BEGIN
  SELECT RAISE(ABORT, 'The audit trail is append-only: DELETE on AuditEvent is not allowed');
END;
