/**
 * Pieces of search SQL shared by the product catalogue and the producer
 * directory, written once so both match and order text the same way on
 * SQLite and PostgreSQL.
 */
import { Prisma } from "../../generated/sqlite/client";
import { providerOfDatabase, type Database } from "../../db.server";
import { foldText } from "../text/vietnamese.server";

/**
 * Folded words of a query. Punctuation around a word is dropped ("cam," → "cam"),
 * but a word of punctuation alone is searched as typed, so "%" finds only "%".
 */
export function queryWords(q: string): string[] {
  const words = foldText(q)
    .split(" ")
    .map((word) => word.replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, "") || word)
    .filter(Boolean);
  return [...new Set(words)].slice(0, 8);
}

/** `%`, `_` and `\` in a query are text, never wildcards (pair with ESCAPE '\'). */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

export function likeContains(text: string): string {
  return `%${escapeLike(text)}%`;
}

export function likePrefix(text: string): string {
  return `${escapeLike(text)}%`;
}

/** A text column in byte order on both databases, so the two agree on the order of folded keys. */
export function inByteOrder(db: Database, column: Prisma.Sql): Prisma.Sql {
  return providerOfDatabase(db) === "postgresql" ? Prisma.sql`${column} COLLATE "C"` : column;
}

export type FacetOption<V> = { value: V; count: number; selected: boolean };
export type ProvinceOption = FacetOption<string> & { nameVi: string; nameEn: string };

/** Province filter options: those with results (and the selected one), most results first. */
export function provinceOptions(
  provinces: Array<{ id: number; slug: string; nameVi: string; nameEn: string }>,
  counts: Map<number, number>,
  selectedSlug: string | undefined,
): ProvinceOption[] {
  return provinces
    .map((province) => ({
      value: province.slug,
      nameVi: province.nameVi,
      nameEn: province.nameEn,
      count: counts.get(province.id) ?? 0,
      selected: selectedSlug === province.slug,
    }))
    .filter((option) => option.count > 0 || option.selected)
    .sort((a, b) => b.count - a.count || a.nameVi.localeCompare(b.nameVi, "vi"));
}
