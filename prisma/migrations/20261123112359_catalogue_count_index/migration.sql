-- CreateIndex
CREATE INDEX "Product_status_currentCertificationId_productSetId_producerId_idx" ON "Product"("status", "currentCertificationId", "productSetId", "producerId");
