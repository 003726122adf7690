/**
 * Type-ahead suggestions for the search boxes (GET /api/suggest): the best
 * products in force for what has been typed so far, in the catalogue
 * search's relevance order, and public producers by name. All from the
 * columns in memory (decision 014), with no query.
 */
import type { Database } from "../../db.server";
import { foldText } from "../text/vietnamese.server";
import { textAt, type CatalogueColumns } from "./catalogue-columns.server";
import { forEachSetBit, holds } from "./word-index.server";
import { mayContain, pairSignatureOfEvery } from "./pair-signatures.server";
import { bestMatchingProductIds, candidatesIn } from "./search.server";
import { queryWords } from "./search-sql.server";
import { MIN_SUGGEST_LENGTH } from "./query";
import { cachedForDay } from "./read-cache.server";

export const SUGGESTED_PRODUCTS = 8;
export const SUGGESTED_PRODUCERS = 4;

export type Suggestions = {
  products: Array<{ slug: string; nameVi: string; nameEn: string | null; producer: string; stars: number }>;
  producers: Array<{ slug: string; legalName: string; provinceVi: string; provinceEn: string }>;
};

/**
 * What the suggestions show of each product, from the columns. Every listed
 * product's producer is public; one that is not in this snapshot's list was
 * hidden while the columns were read, and its products are left out.
 */
function suggestProducts(columns: CatalogueColumns, ids: number[]): Suggestions["products"] {
  const { producers } = columns;
  return ids.flatMap((id) => {
    const row = columns.rowOf(id);
    const producer = row < 0 ? undefined : producers.indexOf.get(columns.producerId[row]!);
    if (producer === undefined) return [];
    const nameEn = textAt(columns.nameEn, row) || null;
    return [{ slug: textAt(columns.slug, row), nameVi: textAt(columns.nameVi, row), nameEn, producer: textAt(producers.legalName, producer), stars: columns.stars[row]! }];
  });
}

/**
 * Public producers whose legal name holds every word: names that start with
 * the query first, then in name order. From the in-memory list (a few
 * thousand names nationally), so a suggestion needs no query for them. The
 * names that start with the query come whole from the name order, so the
 * walk over the others stops as soon as the list is full.
 */
function suggestProducers(columns: CatalogueColumns, q: string): Suggestions["producers"] {
  const words = queryWords(q);
  const folded = foldText(q);
  const { producers, provinceById } = columns;
  // The names holding the longest word (from the word index), in name order, then the other words on each.
  const longest = words.reduce((best, word) => (word.length > best.length ? word : best), "");
  const holding = longest ? producers.holding.rowsHolding(longest) : undefined;
  if (!holding) return [];
  const holdsEveryWord = (name: string) => words.every((word) => name.includes(word));
  const isCandidate = (index: number) => holds(holding, index) && holdsEveryWord(textAt(producers.foldedName, index));
  const starting = candidatesIn(producers.withNameStarting(folded), isCandidate).slice(0, SUGGESTED_PRODUCERS);
  const containing: number[] = [];
  // A name holds every word only if its pair signature has every word's pairs.
  const [low, high] = pairSignatureOfEvery(words);
  const wanted = SUGGESTED_PRODUCERS - starting.length;
  if (wanted > 0) {
    forEachSetBit(holding, (index) => {
      if (!mayContain(producers.foldedNamePairs, index, low, high)) return true;
      const name = textAt(producers.foldedName, index);
      if (name.startsWith(folded) || !holdsEveryWord(name)) return true;
      return containing.push(index) < wanted;
    });
  }
  return [...starting, ...containing].map((index) => {
    const province = provinceById.get(producers.provinceId[index]!);
    return { slug: textAt(producers.slug, index), legalName: textAt(producers.legalName, index), provinceVi: province?.nameVi ?? "", provinceEn: province?.nameEn ?? "" };
  });
}

export async function suggest(db: Database, q: string, today: Date): Promise<Suggestions> {
  if (foldText(q).replace(/\s/g, "").length < MIN_SUGGEST_LENGTH) return { products: [], producers: [] };
  const { ids, columns } = await bestMatchingProductIds(db, q, today, SUGGESTED_PRODUCTS);
  const products = suggestProducts(columns, ids);
  const producers = suggestProducers(columns, q);
  return { products, producers };
}

/** suggest through the read cache: people typing the same word ask for the same prefixes. */
export function cachedSuggest(db: Database, q: string, today: Date): Promise<Suggestions> {
  return cachedForDay(`suggest:${foldText(q)}|${q}`, today, () => suggest(db, q, today));
}
