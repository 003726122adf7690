-- Trigram full-text indexes over the folded search keys (decision 014).
-- External content: FTS5 keeps only the index and reads the text from the
-- table it follows; triggers keep it in step inside the writing transaction.
-- "searchKey" LIKE '%word%' on these tables is answered from the index for
-- words of three letters or more. Written by hand: Prisma does not model
-- virtual tables (scripts/new-migration.mjs leaves their shadow tables alone).

CREATE VIRTUAL TABLE "CatalogueSearch" USING fts5(
  "searchKey", content='CatalogueEntry', content_rowid='productId', tokenize='trigram'
);
CREATE TRIGGER "CatalogueSearch_ai" AFTER INSERT ON "CatalogueEntry" BEGIN
  INSERT INTO "CatalogueSearch"(rowid, "searchKey") VALUES (new."productId", new."searchKey");
END;
CREATE TRIGGER "CatalogueSearch_ad" AFTER DELETE ON "CatalogueEntry" BEGIN
  INSERT INTO "CatalogueSearch"("CatalogueSearch", rowid, "searchKey") VALUES ('delete', old."productId", old."searchKey");
END;
CREATE TRIGGER "CatalogueSearch_au" AFTER UPDATE ON "CatalogueEntry" BEGIN
  INSERT INTO "CatalogueSearch"("CatalogueSearch", rowid, "searchKey") VALUES ('delete', old."productId", old."searchKey");
  INSERT INTO "CatalogueSearch"(rowid, "searchKey") VALUES (new."productId", new."searchKey");
END;
INSERT INTO "CatalogueSearch"("CatalogueSearch") VALUES ('rebuild');

CREATE VIRTUAL TABLE "ProducerSearch" USING fts5(
  "searchKey", content='Producer', content_rowid='id', tokenize='trigram'
);
CREATE TRIGGER "ProducerSearch_ai" AFTER INSERT ON "Producer" BEGIN
  INSERT INTO "ProducerSearch"(rowid, "searchKey") VALUES (new."id", new."searchKey");
END;
CREATE TRIGGER "ProducerSearch_ad" AFTER DELETE ON "Producer" BEGIN
  INSERT INTO "ProducerSearch"("ProducerSearch", rowid, "searchKey") VALUES ('delete', old."id", old."searchKey");
END;
CREATE TRIGGER "ProducerSearch_au" AFTER UPDATE OF "searchKey" ON "Producer" BEGIN
  INSERT INTO "ProducerSearch"("ProducerSearch", rowid, "searchKey") VALUES ('delete', old."id", old."searchKey");
  INSERT INTO "ProducerSearch"(rowid, "searchKey") VALUES (new."id", new."searchKey");
END;
INSERT INTO "ProducerSearch"("ProducerSearch") VALUES ('rebuild');
