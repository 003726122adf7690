/**
 * Certification rules from OCOP.md: star bands, validity and issuers. Pure
 * functions over dates (a "date" is a Date at midnight UTC, see lib/dates).
 * What is in force and a certificate's status are the catalogue's visibility
 * rule (modules/catalogue/visibility.server.ts).
 */
import { addDays, addMonths } from "../../lib/dates";

export const CERTIFIED_STARS = [3, 4, 5] as const;
export type Stars = (typeof CERTIFIED_STARS)[number];

export const VALIDITY_MONTHS = 36;

/** Score band per star rating (Decision 148/QĐ-TTg). */
export const SCORE_BANDS: Record<Stars, { min: number; max: number }> = {
  3: { min: 50, max: 69 },
  4: { min: 70, max: 89 },
  5: { min: 90, max: 100 },
};

export function isCertifiedStars(value: number): value is Stars {
  return (CERTIFIED_STARS as readonly number[]).includes(value);
}

/** A score is a consistency check on stars, not a rule that derives them. */
export function isScoreConsistent(stars: Stars, score: number | null | undefined): boolean {
  if (score === null || score === undefined) return true;
  const band = SCORE_BANDS[stars];
  return Number.isInteger(score) && score >= band.min && score <= band.max;
}

/**
 * The last day a certificate is valid: 36 months from signing, so a decision
 * signed on 2022-06-10 is valid through 2025-06-09.
 */
export function defaultValidUntil(signedOn: Date): Date {
  return addDays(addMonths(signedOn, VALIDITY_MONTHS), -1);
}

/**
 * The issuing level the rules of the day assign (OCOP.md): before 24 Feb 2023
 * the province issued 3★ and 4★; from then to 5 Jul 2025 the district issued
 * 3★; from 6 Jul 2025 the province issues 3★ and 4★. 5★ is always central.
 */
export function expectedIssuerLevel(stars: Stars, signedOn: Date): "DISTRICT" | "PROVINCE" | "CENTRAL" {
  if (stars === 5) return "CENTRAL";
  const t = signedOn.getTime();
  if (stars === 3 && t >= Date.UTC(2023, 1, 24) && t < Date.UTC(2025, 6, 6)) return "DISTRICT";
  return "PROVINCE";
}
