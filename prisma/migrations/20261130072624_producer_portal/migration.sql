-- AlterTable
ALTER TABLE "User" ADD COLUMN "emailConfirmedAt" DATETIME;

-- CreateTable
CREATE TABLE "AccountToken" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "userId" INTEGER NOT NULL,
    "purpose" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AccountToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "OutboxMessage" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "kind" TEXT NOT NULL,
    "toAddress" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "html" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'QUEUED',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "claimedUntil" DATETIME,
    "lastError" TEXT,
    "sentAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Document" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "producerId" INTEGER NOT NULL,
    "certificationId" INTEGER,
    "kind" TEXT NOT NULL,
    "storageKey" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "bytes" INTEGER NOT NULL,
    "uploadedById" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Document_producerId_fkey" FOREIGN KEY ("producerId") REFERENCES "Producer" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Document_certificationId_fkey" FOREIGN KEY ("certificationId") REFERENCES "Certification" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Revision" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "entityType" TEXT NOT NULL,
    "producerId" INTEGER NOT NULL,
    "productId" INTEGER,
    "changes" TEXT NOT NULL,
    "baseVersion" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "createdById" INTEGER,
    "decidedById" INTEGER,
    "decidedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Revision_producerId_fkey" FOREIGN KEY ("producerId") REFERENCES "Producer" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Revision_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ReviewMessage" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "producerId" INTEGER NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" INTEGER NOT NULL,
    "authorId" INTEGER,
    "fromStaff" BOOLEAN NOT NULL,
    "event" TEXT NOT NULL,
    "body" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ReviewMessage_producerId_fkey" FOREIGN KEY ("producerId") REFERENCES "Producer" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CertificationReminder" (
    "certificationId" INTEGER NOT NULL,
    "daysBefore" INTEGER NOT NULL,
    "sentAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("certificationId", "daysBefore"),
    CONSTRAINT "CertificationReminder_certificationId_fkey" FOREIGN KEY ("certificationId") REFERENCES "Certification" ("id") ON DELETE CASCADE ON UPDATE CASCADE
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
    "reviewStatus" TEXT NOT NULL DEFAULT 'APPROVED',
    "isDemo" BOOLEAN NOT NULL DEFAULT false,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Certification_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Certification" ("batch", "createdAt", "decisionNumber", "evaluationKind", "id", "isDemo", "issuerLevel", "issuerName", "productId", "revocationDecision", "revocationReason", "revokedOn", "score", "signedOn", "stars", "updatedAt", "validUntil", "verificationCode", "version") SELECT "batch", "createdAt", "decisionNumber", "evaluationKind", "id", "isDemo", "issuerLevel", "issuerName", "productId", "revocationDecision", "revocationReason", "revokedOn", "score", "signedOn", "stars", "updatedAt", "validUntil", "verificationCode", "version" FROM "Certification";
DROP TABLE "Certification";
ALTER TABLE "new_Certification" RENAME TO "Certification";
CREATE UNIQUE INDEX "Certification_verificationCode_key" ON "Certification"("verificationCode");
CREATE INDEX "Certification_productId_signedOn_idx" ON "Certification"("productId", "signedOn");
CREATE INDEX "Certification_reviewStatus_idx" ON "Certification"("reviewStatus");
CREATE INDEX "Certification_decisionNumber_idx" ON "Certification"("decisionNumber");
CREATE INDEX "Certification_validUntil_idx" ON "Certification"("validUntil");
CREATE INDEX "Certification_stars_validUntil_idx" ON "Certification"("stars", "validUntil");
CREATE INDEX "Certification_signedOn_idx" ON "Certification"("signedOn");
CREATE UNIQUE INDEX "Certification_productId_decisionNumber_key" ON "Certification"("productId", "decisionNumber");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "AccountToken_tokenHash_key" ON "AccountToken"("tokenHash");

-- CreateIndex
CREATE INDEX "AccountToken_userId_purpose_idx" ON "AccountToken"("userId", "purpose");

-- CreateIndex
CREATE INDEX "OutboxMessage_status_nextAttemptAt_idx" ON "OutboxMessage"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "OutboxMessage_createdAt_idx" ON "OutboxMessage"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Document_storageKey_key" ON "Document"("storageKey");

-- CreateIndex
CREATE INDEX "Document_producerId_idx" ON "Document"("producerId");

-- CreateIndex
CREATE INDEX "Document_certificationId_idx" ON "Document"("certificationId");

-- CreateIndex
CREATE INDEX "Revision_status_createdAt_idx" ON "Revision"("status", "createdAt");

-- CreateIndex
CREATE INDEX "Revision_producerId_status_idx" ON "Revision"("producerId", "status");

-- CreateIndex
CREATE INDEX "Revision_productId_status_idx" ON "Revision"("productId", "status");

-- CreateIndex
CREATE INDEX "ReviewMessage_producerId_createdAt_idx" ON "ReviewMessage"("producerId", "createdAt");

-- CreateIndex
CREATE INDEX "ReviewMessage_entityType_entityId_createdAt_idx" ON "ReviewMessage"("entityType", "entityId", "createdAt");
