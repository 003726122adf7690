/**
 * Type-ahead suggestions for the search boxes (GET /api/suggest): the best
 * products in force for what has been typed so far, in the catalogue
 * search's relevance order, and public producers by name. All from the
 * columns in memory (decision 014), with no query.
 */
import { Prisma } from "../../generated/sqlite/client";
import type { Database } from "../../db.server";
import { foldText } from "../text/vietnamese.server";
import { textAt, type CatalogueColumns } from "./catalogue-columns.server";
import { lineAt } from "./lines.server";
import { setBits } from "./word-index.server";
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

type SuggestedProduct = Suggestions["products"][number];

/** What the suggestions show of each product: from the columns in memory, or the database for a product they cannot name. */
async function suggestProducts(db: Database, columns: CatalogueColumns, ids: number[]): Promise<Suggestions["products"]> {
  const { producers } = columns;
  const fromColumns = new Map<number, SuggestedProduct>();
  for (const id of ids) {
    const row = columns.rowOf(id);
    const producer = row < 0 ? undefined : producers.indexOf.get(columns.producerId[row]!);
    if (producer === undefined) continue;
    fromColumns.set(id, {
      slug: textAt(columns.slug, row),
      nameVi: textAt(columns.nameVi, row),
      nameEn: textAt(columns.nameEn, row) || null,
      producer: producers.legalName[producer]!,
      stars: columns.stars[row]!,
    });
  }
  const missing = ids.filter((id) => !fromColumns.has(id));
  if (missing.length) {
    const rows = await db.$queryRaw<ProductRow[]>`
      SELECT p."id", p."slug", p."nameVi", p."nameEn", pr."legalName" AS "producer", c."stars"
      FROM "Product" p
      JOIN "Producer" pr ON pr."id" = p."producerId"
      JOIN "Certification" c ON c."id" = p."standingCertificationId"
      WHERE p."id" IN (${Prisma.join(missing)})`;
    for (const row of rows) {
      fromColumns.set(Number(row.id), { slug: row.slug, nameVi: row.nameVi, nameEn: row.nameEn, producer: row.producer, stars: Number(row.stars) });
    }
  }
  return ids.flatMap((id) => fromColumns.get(id) ?? []);
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
  // The names holding the longest word (from the word index, or one search of all names for a short word), then the other words.
  const longest = words.reduce((best, word) => (word.length > best.length ? word : best), "");
  const consider = (index: number) => {
    const name = producers.foldedName[index]!;
    if (!words.every((word) => name.includes(word))) return;
    if (name.startsWith(folded)) starting.push(index);
    else if (containing.length < SUGGESTED_PRODUCERS) containing.push(index);
  };
  if (longest.length >= 3) {
    const holding = producers.holding.rowsHolding(longest);
    for (const index of holding ? setBits(holding) : []) {
      consider(index);
      if (starting.length >= SUGGESTED_PRODUCERS) break;
    }
  } else {
    const { foldedNames, lineStart } = producers;
    for (let at = longest ? foldedNames.indexOf(longest) : -1, index = 0; at !== -1; at = foldedNames.indexOf(longest, lineStart[++index]!)) {
      index = lineAt(lineStart, at, index);
      consider(index);
      if (starting.length >= SUGGESTED_PRODUCERS) break;
    }
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
  const products = await suggestProducts(db, columns, ids);
  const producers = suggestProducers(columns, q);
  return { products, producers };
}

/** suggest through the read cache: people typing the same word ask for the same prefixes. */
export function cachedSuggest(db: Database, q: string, today: Date): Promise<Suggestions> {
  return cachedForDay(`suggest:${foldText(q)}|${q}`, today, () => suggest(db, q, today));
}
