-- Trigram indexes over the folded search keys (decision 014): "searchKey" LIKE
-- '%word%' is answered from the index for words of three letters or more.
-- pg_trgm ships with PostgreSQL and is a trusted extension (the database owner may create it).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CreateIndex
CREATE INDEX "CatalogueEntry_searchKey_trgm_idx" ON "CatalogueEntry" USING GIN ("searchKey" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "Producer_searchKey_trgm_idx" ON "Producer" USING GIN ("searchKey" gin_trgm_ops);
