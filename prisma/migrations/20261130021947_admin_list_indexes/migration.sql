-- CreateIndex
CREATE INDEX "Producer_searchKey_idx" ON "Producer"("searchKey");

-- CreateIndex
CREATE INDEX "Product_searchKey_idx" ON "Product"("searchKey");

-- CreateIndex
CREATE INDEX "Product_updatedAt_idx" ON "Product"("updatedAt");
