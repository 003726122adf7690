-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "CommuneKind" AS ENUM ('COMMUNE', 'WARD', 'SPECIAL_ZONE');

-- CreateEnum
CREATE TYPE "ProducerType" AS ENUM ('COOPERATIVE', 'COOPERATIVE_GROUP', 'ENTERPRISE', 'HOUSEHOLD_BUSINESS');

-- CreateEnum
CREATE TYPE "ReviewStatus" AS ENUM ('PENDING', 'APPROVED', 'REJECTED', 'SUSPENDED');

-- CreateEnum
CREATE TYPE "PublicationStatus" AS ENUM ('DRAFT', 'PENDING_REVIEW', 'PUBLISHED', 'REJECTED', 'ARCHIVED');

-- CreateEnum
CREATE TYPE "IssuerLevel" AS ENUM ('DISTRICT', 'PROVINCE', 'CENTRAL');

-- CreateEnum
CREATE TYPE "EvaluationKind" AS ENUM ('NEW', 'REEVALUATION', 'UPGRADE');

-- CreateTable
CREATE TABLE "ProductGroup" (
    "id" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "nameVi" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,

    CONSTRAINT "ProductGroup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProductSet" (
    "id" INTEGER NOT NULL,
    "groupId" INTEGER NOT NULL,
    "subgroupVi" TEXT NOT NULL,
    "nameVi" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,

    CONSTRAINT "ProductSet_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Province" (
    "id" SERIAL NOT NULL,
    "code" TEXT,
    "slug" TEXT NOT NULL,
    "nameVi" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "formedFromVi" TEXT NOT NULL,
    "searchKey" TEXT NOT NULL,

    CONSTRAINT "Province_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Commune" (
    "id" SERIAL NOT NULL,
    "code" TEXT,
    "provinceId" INTEGER NOT NULL,
    "kind" "CommuneKind" NOT NULL,
    "nameVi" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "searchKey" TEXT NOT NULL,
    "isDemo" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "Commune_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Producer" (
    "id" SERIAL NOT NULL,
    "slug" TEXT NOT NULL,
    "type" "ProducerType" NOT NULL,
    "legalName" TEXT NOT NULL,
    "taxCode" TEXT NOT NULL,
    "registrationNumber" TEXT,
    "registrationDate" TIMESTAMP(3),
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
    "status" "ReviewStatus" NOT NULL DEFAULT 'PENDING',
    "statusReason" TEXT,
    "searchKey" TEXT NOT NULL,
    "isDemo" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Producer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Product" (
    "id" SERIAL NOT NULL,
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
    "status" "PublicationStatus" NOT NULL DEFAULT 'DRAFT',
    "statusReason" TEXT,
    "publishedAt" TIMESTAMP(3),
    "searchKey" TEXT NOT NULL,
    "isDemo" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "currentCertificationId" INTEGER,

    CONSTRAINT "Product_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProductImage" (
    "id" SERIAL NOT NULL,
    "productId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "url" TEXT NOT NULL,
    "altVi" TEXT NOT NULL,
    "altEn" TEXT,
    "width" INTEGER,
    "height" INTEGER,

    CONSTRAINT "ProductImage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Certification" (
    "id" SERIAL NOT NULL,
    "productId" INTEGER NOT NULL,
    "verificationCode" TEXT NOT NULL,
    "stars" INTEGER NOT NULL,
    "score" INTEGER,
    "evaluationKind" "EvaluationKind" NOT NULL DEFAULT 'NEW',
    "decisionNumber" TEXT NOT NULL,
    "batch" TEXT,
    "signedOn" TIMESTAMP(3) NOT NULL,
    "issuerLevel" "IssuerLevel" NOT NULL,
    "issuerName" TEXT NOT NULL,
    "validUntil" TIMESTAMP(3) NOT NULL,
    "revokedOn" TIMESTAMP(3),
    "revocationReason" TEXT,
    "revocationDecision" TEXT,
    "isDemo" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Certification_pkey" PRIMARY KEY ("id")
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

-- AddForeignKey
ALTER TABLE "ProductSet" ADD CONSTRAINT "ProductSet_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "ProductGroup"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Commune" ADD CONSTRAINT "Commune_provinceId_fkey" FOREIGN KEY ("provinceId") REFERENCES "Province"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Producer" ADD CONSTRAINT "Producer_communeId_fkey" FOREIGN KEY ("communeId") REFERENCES "Commune"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Producer" ADD CONSTRAINT "Producer_provinceId_fkey" FOREIGN KEY ("provinceId") REFERENCES "Province"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Product" ADD CONSTRAINT "Product_productSetId_fkey" FOREIGN KEY ("productSetId") REFERENCES "ProductSet"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Product" ADD CONSTRAINT "Product_producerId_fkey" FOREIGN KEY ("producerId") REFERENCES "Producer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Product" ADD CONSTRAINT "Product_currentCertificationId_fkey" FOREIGN KEY ("currentCertificationId") REFERENCES "Certification"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProductImage" ADD CONSTRAINT "ProductImage_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Certification" ADD CONSTRAINT "Certification_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product"("id") ON DELETE CASCADE ON UPDATE CASCADE;
