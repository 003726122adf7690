-- The distinct words of the catalogue's folded search keys, each with the
-- products whose key holds it (decision 014, revision 2). A query word holds
-- no space, so a key holds it exactly when one of the key's words does: the
-- products holding "hoa" are those of the few tokens LIKE '%hoa%', found
-- through the trigram index on this small table. The trigram index on
-- "CatalogueEntry"."searchKey" rechecks every candidate row's whole key, which
-- grows with the catalogue (25 ms for "hoa" at 100,000 products; 1.4 ms
-- here), so this migration drops it.
--
-- Only words of three characters or more are listed: shorter query words are
-- matched another way (trigrams need three). A token's products are kept in
-- blocks of 1,024 product ids, so a write rewrites a few small arrays rather
-- than one array as long as the catalogue. Statement triggers keep the table
-- in step inside every writing transaction. Written by hand: Prisma does not
-- model triggers (scripts/new-migration.mjs leaves this table alone).
CREATE TABLE "CatalogueToken" (
    "token" TEXT NOT NULL,
    "block" INTEGER NOT NULL,
    "productIds" INTEGER[] NOT NULL,

    CONSTRAINT "CatalogueToken_pkey" PRIMARY KEY ("token", "block")
);

CREATE INDEX "CatalogueToken_token_trgm_idx" ON "CatalogueToken" USING GIN ("token" gin_trgm_ops);

-- Writers of the token lists take one lock, held to the end of their
-- transaction, so two of them never lock shared rows in opposite orders.
CREATE FUNCTION catalogue_tokens_lock() RETURNS void LANGUAGE sql AS $$
  SELECT pg_advisory_xact_lock(hashtext('CatalogueToken'));
$$;

CREATE FUNCTION catalogue_tokens_remove() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  emptied_tokens TEXT[];
  emptied_blocks INTEGER[];
BEGIN
  PERFORM catalogue_tokens_lock();
  WITH removed AS (
    SELECT t.token, o."productId" >> 10 AS block, array_agg(o."productId") AS ids
    FROM old_rows o CROSS JOIN LATERAL unnest(string_to_array(o."searchKey", ' ')) AS t(token)
    WHERE char_length(t.token) >= 3
    GROUP BY 1, 2
  ), updated AS (
    UPDATE "CatalogueToken" c
    SET "productIds" = ARRAY(SELECT unnest(c."productIds") EXCEPT SELECT unnest(removed.ids))
    FROM removed
    WHERE c."token" = removed.token AND c."block" = removed.block
    RETURNING c."token", c."block", c."productIds" = '{}' AS "empty"
  )
  SELECT array_agg("token"), array_agg("block") INTO emptied_tokens, emptied_blocks FROM updated WHERE "empty";
  IF emptied_tokens IS NOT NULL THEN
    DELETE FROM "CatalogueToken" c
    USING unnest(emptied_tokens, emptied_blocks) AS e(token, block)
    WHERE c."token" = e.token AND c."block" = e.block;
  END IF;
  RETURN NULL;
END;
$$;

CREATE FUNCTION catalogue_tokens_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM catalogue_tokens_lock();
  INSERT INTO "CatalogueToken" ("token", "block", "productIds")
  SELECT t.token, n."productId" >> 10, array_agg(DISTINCT n."productId")
  FROM new_rows n CROSS JOIN LATERAL unnest(string_to_array(n."searchKey", ' ')) AS t(token)
  WHERE char_length(t.token) >= 3
  GROUP BY 1, 2
  ON CONFLICT ("token", "block") DO UPDATE SET "productIds" = "CatalogueToken"."productIds" || EXCLUDED."productIds";
  RETURN NULL;
END;
$$;

CREATE FUNCTION catalogue_tokens_clear() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM catalogue_tokens_lock();
  DELETE FROM "CatalogueToken";
  RETURN NULL;
END;
$$;

-- On an update the removal fires first: triggers on one event fire in name order.
CREATE TRIGGER "CatalogueToken_1_removed" AFTER DELETE ON "CatalogueEntry"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION catalogue_tokens_remove();
CREATE TRIGGER "CatalogueToken_1_updated_from" AFTER UPDATE ON "CatalogueEntry"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION catalogue_tokens_remove();
CREATE TRIGGER "CatalogueToken_2_added" AFTER INSERT ON "CatalogueEntry"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION catalogue_tokens_add();
CREATE TRIGGER "CatalogueToken_2_updated_to" AFTER UPDATE ON "CatalogueEntry"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION catalogue_tokens_add();
CREATE TRIGGER "CatalogueToken_3_truncated" AFTER TRUNCATE ON "CatalogueEntry"
  FOR EACH STATEMENT EXECUTE FUNCTION catalogue_tokens_clear();

-- Replaced by "CatalogueToken" for matching the catalogue's keys.
DROP INDEX "CatalogueEntry_searchKey_trgm_idx";

-- The entries already listed.
INSERT INTO "CatalogueToken" ("token", "block", "productIds")
SELECT t.token, e."productId" >> 10, array_agg(DISTINCT e."productId")
FROM "CatalogueEntry" e CROSS JOIN LATERAL unnest(string_to_array(e."searchKey", ' ')) AS t(token)
WHERE char_length(t.token) >= 3
GROUP BY 1, 2;
