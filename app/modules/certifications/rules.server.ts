/**
 * Certification rules from OCOP.md: star bands, validity, status, and which
 * certification is a product's current rating. Pure functions over dates
 * (a "date" here is a Date at midnight UTC).
 */

export const CERTIFIED_STARS = [3, 4, 5] as const;
export type Stars = (typeof CERTIFIED_STARS)[number];

export const VALIDITY_MONTHS = 36;
export const EXPIRING_SOON_DAYS = 90;

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

const DAY_MS = 24 * 60 * 60 * 1000;

/** Midnight UTC of the given instant's calendar day in Vietnam (UTC+7). */
export function vietnamToday(now: Date = new Date()): Date {
  const shifted = new Date(now.getTime() + 7 * 60 * 60 * 1000);
  return new Date(Date.UTC(shifted.getUTCFullYear(), shifted.getUTCMonth(), shifted.getUTCDate()));
}

/** Parses "YYYY-MM-DD" as a date at midnight UTC. */
export function parseDate(value: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) throw new RangeError(`Not a date: ${value}`);
  const [, y, m, d] = match;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  if (date.getUTCMonth() !== Number(m) - 1) throw new RangeError(`Not a date: ${value}`);
  return date;
}

export function formatDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function addMonths(date: Date, months: number): Date {
  const y = date.getUTCFullYear();
  const m = date.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m, Math.min(date.getUTCDate(), lastDay)));
}

export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY_MS);
}

export function daysBetween(from: Date, to: Date): number {
  return Math.round((to.getTime() - from.getTime()) / DAY_MS);
}

/**
 * The last day a certificate is valid: 36 months from signing, so a decision
 * signed on 2022-06-10 is valid through 2025-06-09.
 */
export function defaultValidUntil(signedOn: Date): Date {
  return addDays(addMonths(signedOn, VALIDITY_MONTHS), -1);
}

export type CertificationStatus = "valid" | "expiring" | "expired" | "revoked";

export type DatedCertification = {
  signedOn: Date;
  validUntil: Date;
  revokedOn: Date | null;
};

/** Status on `today`, derived from dates only. */
export function certificationStatus(cert: DatedCertification, today: Date): CertificationStatus {
  if (cert.revokedOn && cert.revokedOn.getTime() <= today.getTime()) return "revoked";
  const daysLeft = daysBetween(today, cert.validUntil);
  if (daysLeft < 0) return "expired";
  if (daysLeft <= EXPIRING_SOON_DAYS) return "expiring";
  return "valid";
}

/** In force on `today`: signed, neither expired nor revoked. */
export function isInForce(cert: DatedCertification, today: Date): boolean {
  if (cert.signedOn.getTime() > today.getTime()) return false;
  const status = certificationStatus(cert, today);
  return status === "valid" || status === "expiring";
}

/**
 * A product's current rating: its newest certification (by signing date,
 * then by validity) that is in force today; null when none is.
 */
export function currentCertification<T extends DatedCertification>(certs: readonly T[], today: Date): T | null {
  let best: T | null = null;
  for (const cert of certs) {
    if (!isInForce(cert, today)) continue;
    if (
      !best ||
      cert.signedOn.getTime() > best.signedOn.getTime() ||
      (cert.signedOn.getTime() === best.signedOn.getTime() && cert.validUntil.getTime() > best.validUntil.getTime())
    ) {
      best = cert;
    }
  }
  return best;
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
