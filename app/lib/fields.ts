/**
 * zod fields shared by server and browser (query strings, forms, the services
 * behind them). Server-only readers live in query-params.server.ts.
 */
import { z } from "zod";
import { parseDate } from "./dates";

/**
 * A whole number written in decimal digits, from a form or a query string
 * (or already a number, from code). Unlike z.coerce.number(), it refuses
 * "0x10", "1e3", " ", "Infinity" and the like instead of reading them as numbers.
 */
export function decimalInteger(message?: string) {
  return z
    .union([z.number(), z.string().trim().regex(/^-?\d{1,15}$/, message).transform(Number)], message ? { error: message } : undefined)
    .pipe(z.number().int(message));
}

/** Canonical stored form of text: NFC, trimmed, inner whitespace collapsed. */
export function normalizeText(value: string): string {
  return value.replace(INVISIBLE_CHARACTERS, "").normalize("NFC").replace(/\s+/g, " ").trim();
}

/**
 * Characters that print nothing and only break matching (or a query) when
 * pasted into a word: control characters other than whitespace, soft hyphen,
 * zero-width space/joiners, direction marks and embeddings, word joiner,
 * invisible operators, byte-order mark.
 */
export const INVISIBLE_CHARACTERS =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

/** Text in canonical form, at most `max` characters. Missing (conform reads an empty field as missing) is "forms.required". */
export const text = (max: number) => z.string({ error: "forms.required" }).transform(normalizeText).pipe(z.string().max(max, "forms.tooLong"));

/** Optional text: empty becomes null. */
export const optionalText = (max: number) =>
  text(max)
    .optional()
    .transform((value) => value || null);

/** A calendar day typed as YYYY-MM-DD, read as midnight UTC. */
export const isoDate = z
  .string({ error: "forms.required" })
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "forms.dateFormat")
  .refine((value) => {
    try {
      parseDate(value);
      return true;
    } catch {
      return false;
    }
  }, "forms.dateFormat")
  .transform(parseDate);

/** The version of a record that a form was filled from (optimistic concurrency). */
export const version = decimalInteger("forms.required").pipe(z.number().int().positive());
