/**
 * How demo certificates are dated, issued and numbered, following the issuing
 * rules in OCOP.md (see expectedIssuerLevel in app/modules/certifications).
 */
import type { IssuerLevel } from "../../app/db.server";
import { addDays } from "../../app/lib/dates";
import { expectedIssuerLevel, SCORE_BANDS, type Stars } from "../../app/modules/certifications/rules";
import { hashString, type Random } from "./random";

const utc = (year: number, month: number, day: number) => new Date(Date.UTC(year, month - 1, day));

/** The province of Hòa Bình ceased on 1 Jul 2025; district issuing ran until 5 Jul 2025. */
const MERGER = utc(2025, 7, 1);
const PROVINCE_RULES_RESUME = utc(2025, 7, 6);
/** The ministry was renamed when it merged with the environment ministry. */
const MINISTRY_RENAMED = utc(2025, 3, 1);

export type Batch = { no: number; year: number; date: Date };

/**
 * Certification rounds of a year: one in December 2019, the programme's first
 * year in Hòa Bình, then two a year (June and November). Days vary by year
 * but are fixed, so the same history comes out on every run.
 */
export function batchesOfYear(year: number): Batch[] {
  const day = (no: number, span: number) => hashString(`batch:${year}:${no}`) % span;
  if (year <= 2019) return [{ no: 1, year, date: utc(year, 12, 5 + day(1, 12)) }];
  return [
    { no: 1, year, date: utc(year, 6, 5 + day(1, 14)) },
    { no: 2, year, date: utc(year, 11, 5 + day(2, 14)) },
  ];
}

/** Districts sign a few days apart within a round; the province on the round's date. */
export function signingDate(batch: Batch, level: IssuerLevel, districtKey: string): Date {
  if (level !== "DISTRICT") return batch.date;
  return addDays(batch.date, hashString(`sign:${districtKey}:${batch.year}:${batch.no}`) % 8);
}

/** Between the merger and the new rules (1–5 Jul 2025) nobody could issue; move such dates on. */
export function avoidTransitionGap(date: Date): Date {
  return date.getTime() >= MERGER.getTime() && date.getTime() < PROVINCE_RULES_RESUME.getTime() ? PROVINCE_RULES_RESUME : date;
}

export function issuerLevelFor(stars: Stars, signedOn: Date): IssuerLevel {
  return expectedIssuerLevel(stars, signedOn);
}

export function issuerNameFor(level: IssuerLevel, signedOn: Date, districtIssuer: string): string {
  if (level === "CENTRAL") {
    return signedOn.getTime() < MINISTRY_RENAMED.getTime() ? "Bộ Nông nghiệp và Phát triển nông thôn" : "Bộ Nông nghiệp và Môi trường";
  }
  if (level === "DISTRICT") return districtIssuer;
  return signedOn.getTime() < MERGER.getTime() ? "UBND tỉnh Hòa Bình" : "UBND tỉnh Phú Thọ";
}

/** One decision per issuer and day, so products certified together share a number. */
export function decisionNumberFor(level: IssuerLevel, issuerName: string, signedOn: Date): string {
  const key = `${issuerName}|${signedOn.toISOString().slice(0, 10)}`;
  if (level === "CENTRAL") {
    const suffix = signedOn.getTime() < MINISTRY_RENAMED.getTime() ? "QĐ-BNN-VPĐP" : "QĐ-BNNMT-VPĐP";
    return `${100 + (hashString(key) % 900)}/${suffix}`;
  }
  return `${200 + (hashString(key) % 3800)}/QĐ-UBND`;
}

export function batchLabel(no: number, year: number): string {
  return `đợt ${no} năm ${year}`;
}

/** Batch label for a date that is not on a round: first or second half of the year. */
export function batchLabelOfDate(date: Date): string {
  return batchLabel(date.getUTCMonth() < 6 ? 1 : 2, date.getUTCFullYear());
}

/** A score inside the stars' band, or null (not every decision prints it). */
export function scoreFor(random: Random, stars: Stars, nullShare = 0.15): number | null {
  if (random.chance(nullShare)) return null;
  const band = SCORE_BANDS[stars];
  // Most products sit in the upper two-thirds of their band.
  if (stars === 5) return random.int(band.min, band.min + 6);
  const low = band.min + Math.floor((band.max - band.min) / 4);
  return random.chance(0.85) ? random.int(low, band.max) : random.int(band.min, band.max);
}
