/**
 * Type-ahead suggestions for the search boxes (GET /api/suggest): the best
 * products in force and public producers for what has been typed so far,
 * through the same index and relevance as the catalogue's search.
 */
import { Prisma } from "../../generated/sqlite/client";
import type { Database } from "../../db.server";
import { foldText } from "../text/vietnamese.server";
import { bestMatchingProductIds } from "./search.server";
import { inByteOrder, likePrefix, queryWords } from "./search-sql.server";
import { textMatchSql } from "./text-match.server";
import { publicProducerSql } from "./visibility.server";
import { cachedForDay } from "./read-cache.server";

export const SUGGESTED_PRODUCTS = 8;
export const SUGGESTED_PRODUCERS = 4;
/** Fewer folded characters than this suggest nothing (one letter matches most of the catalogue). */
export const MIN_SUGGEST_LENGTH = 2;

export type Suggestions = {
  products: Array<{ slug: string; nameVi: string; nameEn: string | null; producer: string; stars: number }>;
  producers: Array<{ slug: string; legalName: string; provinceVi: string; provinceEn: string }>;
};

async function suggestProducts(db: Database, q: string, today: Date): Promise<Suggestions["products"]> {
  const ids = await bestMatchingProductIds(db, q, today, SUGGESTED_PRODUCTS);
  if (!ids.length) return [];
  const rows = await db.product.findMany({
    where: { id: { in: ids } },
    select: {
      id: true,
      slug: true,
      nameVi: true,
      nameEn: true,
      producer: { select: { legalName: true } },
      standingCertification: { select: { stars: true } },
    },
  });
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    return row
      ? [{ slug: row.slug, nameVi: row.nameVi, nameEn: row.nameEn, producer: row.producer.legalName, stars: row.standingCertification?.stars ?? 0 }]
      : [];
  });
}

type ProducerRow = { slug: string; legalName: string; provinceVi: string; provinceEn: string };

/** Public producers holding every word; names that start with the query first, then by name. */
async function suggestProducers(db: Database, q: string): Promise<Suggestions["producers"]> {
  const words = queryWords(q);
  return db.$queryRaw<ProducerRow[]>`
    SELECT pr."slug" AS "slug", pr."legalName" AS "legalName", p."nameVi" AS "provinceVi", p."nameEn" AS "provinceEn"
    FROM "Producer" pr JOIN "Province" p ON p."id" = pr."provinceId"
    WHERE ${Prisma.join([publicProducerSql("pr"), ...textMatchSql(db, "Producer", "pr", words)], " AND ")}
    ORDER BY CASE WHEN pr."searchKey" LIKE ${likePrefix(foldText(q))} ESCAPE '\\' THEN 0 ELSE 1 END,
      ${inByteOrder(db, Prisma.sql`pr."searchKey"`)}, pr."id"
    LIMIT ${SUGGESTED_PRODUCERS}`;
}

export async function suggest(db: Database, q: string, today: Date): Promise<Suggestions> {
  if (foldText(q).replace(/\s/g, "").length < MIN_SUGGEST_LENGTH) return { products: [], producers: [] };
  const [products, producers] = await Promise.all([suggestProducts(db, q, today), suggestProducers(db, q)]);
  return { products, producers };
}

/** suggest through the read cache: people typing the same word ask for the same prefixes. */
export function cachedSuggest(db: Database, q: string, today: Date): Promise<Suggestions> {
  return cachedForDay(`suggest:${foldText(q)}|${q}`, today, () => suggest(db, q, today));
}
