/**
 * Vietnamese text rules shared by storage, search and slugs (see OCOP.md).
 * Stored text is NFC; matching uses a folded key: no marks, đ→d, lowercase.
 */

import { INVISIBLE_CHARACTERS } from "../../lib/fields";

const COMBINING_MARKS = /[\u0300-\u036f]/g;
// đ/Đ do not decompose under NFD, and Ð (U+00D0, Icelandic eth) is a common look-alike.
const D_WITH_STROKE = /[đĐÐ]/g;


/** The accent-free, lowercase key used for matching; invisible characters (e.g. a pasted zero-width space) are dropped. */
export function foldText(value: string): string {
  return value
    .replace(INVISIBLE_CHARACTERS, "")
    .normalize("NFD")
    .replace(COMBINING_MARKS, "")
    .replace(D_WITH_STROKE, "d")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

/** Builds a record's search key from its searchable parts. */
export function searchKeyOf(...parts: Array<string | null | undefined>): string {
  return parts
    .filter((part): part is string => Boolean(part && part.trim()))
    .map(foldText)
    .join(" | ");
}

/** ASCII slug from a Vietnamese name: "Bưởi đỏ Tân Lạc" → "buoi-do-tan-lac". */
export function slugify(value: string, maxLength = 80): string {
  const slug = foldText(value)
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  const cut = slug.slice(0, maxLength).replace(/-+$/g, "");
  return cut || "item";
}

/**
 * The first free slug for `name`: the plain slug, then "-2", "-3", ….
 * `isTaken` answers for the table the slug belongs to.
 */
export async function uniqueSlug(
  name: string,
  isTaken: (candidate: string) => Promise<boolean>,
): Promise<string> {
  const base = slugify(name);
  if (!(await isTaken(base))) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!(await isTaken(candidate))) return candidate;
  }
}

/** Does the folded `haystack` contain every folded word of `query`? */
export function matchesFolded(haystack: string, query: string): boolean {
  const key = foldText(haystack);
  return foldText(query)
    .split(" ")
    .filter(Boolean)
    .every((word) => key.includes(word));
}
