-- AlterTable
ALTER TABLE "Product" ADD COLUMN     "nameFolded" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "nameLower" TEXT NOT NULL DEFAULT '';

-- CreateTable
CREATE TABLE "CatalogueEntry" (
    "productId" INTEGER NOT NULL,
    "certificationId" INTEGER NOT NULL,
    "stars" INTEGER NOT NULL,
    "signedOn" TIMESTAMP(3) NOT NULL,
    "validUntil" TIMESTAMP(3) NOT NULL,
    "revokedOn" TIMESTAMP(3),
    "groupId" INTEGER NOT NULL,
    "productSetId" INTEGER NOT NULL,
    "producerId" INTEGER NOT NULL,
    "provinceId" INTEGER NOT NULL,
    "communeId" INTEGER,
    "searchKey" TEXT NOT NULL,
    "nameLower" TEXT NOT NULL,
    "nameFolded" TEXT NOT NULL,

    CONSTRAINT "CatalogueEntry_pkey" PRIMARY KEY ("productId")
);

-- CreateIndex
CREATE INDEX "CatalogueEntry_certificationId_idx" ON "CatalogueEntry"("certificationId");

-- CreateIndex
CREATE INDEX "CatalogueEntry_producerId_idx" ON "CatalogueEntry"("producerId");

-- AddForeignKey
ALTER TABLE "CatalogueEntry" ADD CONSTRAINT "CatalogueEntry_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CatalogueEntry" ADD CONSTRAINT "CatalogueEntry_certificationId_fkey" FOREIGN KEY ("certificationId") REFERENCES "Certification"("id") ON DELETE CASCADE ON UPDATE CASCADE;
