/**
 * Type-ahead suggestions for the search boxes (GET /api/suggest): the best
 * products in force for what has been typed so far, through the same index
 * and relevance as the catalogue's search, and public producers by name.
 */
import { Prisma } from "../../generated/sqlite/client";
import type { Database } from "../../db.server";
import { foldText } from "../text/vietnamese.server";
import type { CatalogueColumns } from "./catalogue-columns.server";
import { bestMatchingProductIds } from "./search.server";
import { queryWords } from "./search-sql.server";
import { MIN_SUGGEST_LENGTH } from "./query";
import { cachedForDay } from "./read-cache.server";

export const SUGGESTED_PRODUCTS = 8;
export const SUGGESTED_PRODUCERS = 4;

export type Suggestions = {
  products: Array<{ slug: string; nameVi: string; nameEn: string | null; producer: string; stars: number }>;
  producers: Array<{ slug: string; legalName: string; provinceVi: string; provinceEn: string }>;
};

type ProductRow = { id: number; slug: string; nameVi: string; nameEn: string | null; producer: string; stars: number };

async function suggestProducts(db: Database, ids: number[]): Promise<Suggestions["products"]> {
  if (!ids.length) return [];
  const rows = await db.$queryRaw<ProductRow[]>`
    SELECT p."id", p."slug", p."nameVi", p."nameEn", pr."legalName" AS "producer", c."stars"
    FROM "Product" p
    JOIN "Producer" pr ON pr."id" = p."producerId"
    JOIN "Certification" c ON c."id" = p."standingCertificationId"
    WHERE p."id" IN (${Prisma.join(ids)})`;
  const byId = new Map(rows.map((row) => [Number(row.id), row]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    return row ? [{ slug: row.slug, nameVi: row.nameVi, nameEn: row.nameEn, producer: row.producer, stars: Number(row.stars) }] : [];
  });
}

/**
 * Public producers whose legal name holds every word: names that start with
 * the query first, then in name order. From the in-memory list (a few
 * thousand names nationally), so a suggestion needs no query for them.
 */
function suggestProducers(columns: CatalogueColumns, q: string): Suggestions["producers"] {
  const words = queryWords(q);
  const folded = foldText(q);
  const { producers, provinces } = columns;
  const starting: number[] = [];
  const containing: number[] = [];
  for (let index = 0; index < producers.id.length && starting.length < SUGGESTED_PRODUCERS; index++) {
    const name = producers.foldedName[index]!;
    if (!words.every((word) => name.includes(word))) continue;
    if (name.startsWith(folded)) starting.push(index);
    else if (containing.length < SUGGESTED_PRODUCERS) containing.push(index);
  }
  const provinceOf = new Map(provinces.map((province) => [province.id, province]));
  return [...starting, ...containing].slice(0, SUGGESTED_PRODUCERS).map((index) => {
    const province = provinceOf.get(producers.provinceId[index]!);
    return { slug: producers.slug[index]!, legalName: producers.legalName[index]!, provinceVi: province?.nameVi ?? "", provinceEn: province?.nameEn ?? "" };
  });
}

export async function suggest(db: Database, q: string, today: Date): Promise<Suggestions> {
  if (foldText(q).replace(/\s/g, "").length < MIN_SUGGEST_LENGTH) return { products: [], producers: [] };
  const { ids, columns } = await bestMatchingProductIds(db, q, today, SUGGESTED_PRODUCTS);
  const products = await suggestProducts(db, ids);
  const producers = suggestProducers(columns, q);
  return { products, producers };
}

/** suggest through the read cache: people typing the same word ask for the same prefixes. */
export function cachedSuggest(db: Database, q: string, today: Date): Promise<Suggestions> {
  return cachedForDay(`suggest:${foldText(q)}|${q}`, today, () => suggest(db, q, today));
}
