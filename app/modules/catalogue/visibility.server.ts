/**
 * The one place that says what the public sees:
 * - which producers and products are publicly visible;
 * - when a certificate is in force on a day, and its status;
 * - which certificate is a product's standing one;
 * - which certificates count at all: those staff entered or verified (a
 *   producer's own entry waits for staff in the portal's review).
 *
 * Each rule is given as a Prisma `where` fragment, as an SQL fragment for the
 * raw queries, and (where a page needs it) as a pure function, side by side,
 * so the three cannot drift apart. Every reader uses these; nothing else
 * spells out "APPROVED", "PUBLISHED" or a validity check.
 *
 * OCOP: a product holds one rating at a time. A newer decision for the same
 * product replaces the earlier certificate from the day it is signed, so the
 * standing certificate is simply the newest signed one, and only it can be in
 * force. Its status is derived from its dates on every read.
 */
import { Prisma } from "../../generated/sqlite/client";
import { providerOfDatabase, type Database } from "../../db.server";
import { addDays, dayNumber, daysBetween } from "../../lib/dates";

// ---------- Certificate status ----------

/** Days before expiry from which a certificate is shown as "expiring". */
export const EXPIRING_SOON_DAYS = 90;

export const CERTIFICATION_STATUSES = ["valid", "expiring", "expired", "revoked", "superseded"] as const;
export type CertificationStatus = (typeof CERTIFICATION_STATUSES)[number];

export type CertificationDates = { signedOn: Date; validUntil: Date; revokedOn: Date | null };
export type DatedCertification = CertificationDates & { id: number; reviewStatus: string };

/** A certificate that counts: entered or verified by staff. Others are only proposals. */
export const verifiedCertificationWhere = { reviewStatus: "APPROVED" } as const satisfies Prisma.CertificationWhereInput;

export function isVerifiedCertification(cert: { reviewStatus: string }): boolean {
  return cert.reviewStatus === verifiedCertificationWhere.reviewStatus;
}

/** `verifiedCertificationWhere` on the certification row `cert`. */
export function verifiedCertificationSql(cert: string): Prisma.Sql {
  return Prisma.sql`${Prisma.raw(`${cert}."reviewStatus"`)} = 'APPROVED'`;
}

const atOrBefore = (a: Date, b: Date) => a.getTime() <= b.getTime();

/**
 * A certificate's status on `today`. A certificate ends in one of three ways;
 * the first to happen decides: revocation, replacement by a newer decision
 * (`supersededOn`, the newer one's signing day), or expiry (the day after
 * `validUntil`).
 */
export function certificationStatus(cert: CertificationDates, today: Date, supersededOn: Date | null = null): CertificationStatus {
  const endings: Array<[Date, CertificationStatus]> = [];
  if (cert.revokedOn && atOrBefore(cert.revokedOn, today)) endings.push([cert.revokedOn, "revoked"]);
  const expiredOn = addDays(cert.validUntil, 1);
  if (atOrBefore(expiredOn, today)) endings.push([expiredOn, "expired"]);
  if (supersededOn && atOrBefore(supersededOn, today)) endings.push([supersededOn, "superseded"]);
  if (endings.length) {
    // Stable: on a tie, revoked beats expired beats superseded (a decision signed the
    // day after the last valid day renews a certificate that had already lapsed).
    return endings.reduce((first, ending) => (ending[0].getTime() < first[0].getTime() ? ending : first))[1];
  }
  return daysBetween(today, cert.validUntil) <= EXPIRING_SOON_DAYS ? "expiring" : "valid";
}

/**
 * The days a certificate is in force, as day numbers since 1970-01-01 (UTC
 * midnights): from its signing day to its last valid day, or to the day
 * before its revocation. In force on day D when `from <= D <= until`; the
 * same rule as `inForceSql`, for the search's in-memory columns.
 */
export function inForceDays(cert: CertificationDates): { from: number; until: number } {
  const until = cert.revokedOn ? Math.min(dayNumber(cert.validUntil), dayNumber(cert.revokedOn) - 1) : dayNumber(cert.validUntil);
  return { from: dayNumber(cert.signedOn), until };
}

export function isInForceStatus(status: CertificationStatus): boolean {
  return status === "valid" || status === "expiring";
}

const newestFirst = (a: DatedCertification, b: DatedCertification) =>
  b.signedOn.getTime() - a.signedOn.getTime() || b.id - a.id;

/** The standing certificate among a product's certificates: the newest verified one signed on or before `today`. */
export function standingCertification<T extends DatedCertification>(certs: readonly T[], today: Date): T | null {
  return [...certs].filter((cert) => isVerifiedCertification(cert) && atOrBefore(cert.signedOn, today)).sort(newestFirst)[0] ?? null;
}

export type CertificationInHistory<T> = T & { status: CertificationStatus; supersededBy: T | null };

/**
 * A product's certificates, newest first, each with its status on `today`
 * and, when it is superseded, the decision that replaced it.
 */
export function certificationHistory<T extends DatedCertification>(certs: readonly T[], today: Date): Array<CertificationInHistory<T>> {
  const signed = [...certs].sort(newestFirst);
  return signed.map((cert, index) => {
    // The next verified decision signed after this one (signed by today) replaced it.
    const successor = signed
      .slice(0, index)
      .reverse()
      .find((newer) => isVerifiedCertification(newer) && atOrBefore(newer.signedOn, today)) ?? null;
    const status = certificationStatus(cert, today, successor?.signedOn ?? null);
    return { ...cert, status, supersededBy: status === "superseded" ? successor : null };
  });
}

// ---------- Producers and products ----------

/** A producer the public sees: approved by staff (not pending, rejected or suspended). */
export const publicProducerWhere = { status: "APPROVED" } as const satisfies Prisma.ProducerWhereInput;

/** A product the public sees: published, by a public producer, with a signed certificate. */
export const publicProductWhere = {
  status: "PUBLISHED",
  producer: { is: publicProducerWhere },
  standingCertificationId: { not: null },
} as const satisfies Prisma.ProductWhereInput;

/** The conditions of `inForceSql`, for the standing certificate through Prisma. */
function inForceWhere(today: Date) {
  return {
    signedOn: { lte: today },
    validUntil: { gte: today },
    OR: [{ revokedOn: null }, { revokedOn: { gt: today } }],
  } satisfies Prisma.CertificationWhereInput;
}

/** A public product whose standing certificate is in force on `today`: what the catalogue lists and counts. */
export function certifiedProductWhere(today: Date) {
  return { ...publicProductWhere, standingCertification: { is: inForceWhere(today) } } satisfies Prisma.ProductWhereInput;
}

type Visibility = {
  status: string;
  standingCertificationId: number | null;
  producer: { status: string };
};

/** `publicProducerWhere` for a row already read. */
export function isPublicProducer(producer: { status: string }): boolean {
  return producer.status === publicProducerWhere.status;
}

/** `publicProductWhere` for a row already read. */
export function isPublicProduct(product: Visibility): boolean {
  return product.status === publicProductWhere.status && isPublicProducer(product.producer) && product.standingCertificationId !== null;
}

/** Why a product is not public, for pages that must say so (the verification page). */
export function productListing(product: Visibility): "public" | "producer_not_public" | "product_not_public" {
  if (isPublicProduct(product)) return "public";
  return isPublicProducer(product.producer) ? "product_not_public" : "producer_not_public";
}

// ---------- The same rules as SQL, for raw queries ----------

// Aliases are fixed names chosen in code, never input.
const column = (alias: string, name: string) => Prisma.raw(`${alias}."${name}"`);

/** `publicProducerWhere` on the producer row `producer`. */
export function publicProducerSql(producer: string): Prisma.Sql {
  return Prisma.sql`${column(producer, "status")} = 'APPROVED'`;
}

/** `publicProductWhere` on the product row `product` joined to its producer row `producer`. */
export function publicProductSql(product: string, producer: string): Prisma.Sql {
  return Prisma.sql`${column(product, "status")} = 'PUBLISHED' AND ${publicProducerSql(producer)}
    AND ${column(product, "standingCertificationId")} IS NOT NULL`;
}

/**
 * In force on `today`, for a *standing* certificate `cert` (a Certification
 * row the product points at, or a CatalogueEntry row copied from one): signed,
 * not expired, not revoked. A standing certificate is never superseded.
 */
export function inForceSql(cert: string, today: Date): Prisma.Sql {
  return Prisma.sql`${column(cert, "signedOn")} <= ${today} AND ${column(cert, "validUntil")} >= ${today}
    AND (${column(cert, "revokedOn")} IS NULL OR ${column(cert, "revokedOn")} > ${today})`;
}

/**
 * A *standing* certificate `cert` in force on `today` whose last valid day is
 * at most `days` days later: the ones to renew soon (the dashboard, its CSV).
 */
export function endingWithinSql(cert: string, today: Date, days: number): Prisma.Sql {
  return Prisma.sql`${inForceSql(cert, today)} AND ${column(cert, "validUntil")} <= ${addDays(today, days)}`;
}

/** `certifiedProductWhere` over `product`, its `producer` and its standing certificate `cert`. */
export function certifiedProductSql(aliases: { product: string; producer: string; cert: string }, today: Date): Prisma.Sql {
  return Prisma.sql`${publicProductSql(aliases.product, aliases.producer)} AND ${inForceSql(aliases.cert, today)}`;
}

/** The id of the standing certificate of the product row "Product" (for UPDATE … SET). */
export function standingCertificationIdSql(today: Date): Prisma.Sql {
  return Prisma.sql`(
    SELECT c."id" FROM "Certification" c
    WHERE c."productId" = "Product"."id" AND c."signedOn" <= ${today} AND ${verifiedCertificationSql("c")}
    ORDER BY c."signedOn" DESC, c."id" DESC
    LIMIT 1
  )`;
}

// ---------- A certificate's status as SQL (any certificate, alias c) ----------

/**
 * A decision `n` for the same product as `c`, newer than it (the visibility
 * module's order: signing day, then id), signed by `today`. The earliest such
 * decision is the one that supersedes `c`.
 */
function newerSigned(today: Date, extra: Prisma.Sql = Prisma.empty): Prisma.Sql {
  return Prisma.sql`EXISTS (
    SELECT 1 FROM "Certification" n
    WHERE n."productId" = c."productId" AND n."signedOn" >= c."signedOn" AND n."signedOn" <= ${today}
      AND ${verifiedCertificationSql("n")} AND (n."signedOn" > c."signedOn" OR n."id" > c."id") ${extra})`;
}

/** `c` was revoked no later than the day after its last valid day (a tie with expiry reads "revoked"). */
function revokedByDayAfterExpiry(db: Database): Prisma.Sql {
  return providerOfDatabase(db) === "postgresql"
    ? Prisma.sql`c."revokedOn" <= c."validUntil" + INTERVAL '1 day'`
    : Prisma.sql`julianday(c."revokedOn") <= julianday(c."validUntil") + 1`;
}

/**
 * `c."validUntil"` where a comparison covers most rows. SQLite has no
 * statistics here: it would walk the validUntil index and read each row at
 * random, several times slower than reading the table in order (a unary +
 * keeps it off the index). PostgreSQL plans with statistics.
 */
function validUntilScanned(db: Database): Prisma.Sql {
  return providerOfDatabase(db) === "postgresql" ? Prisma.sql`c."validUntil"` : Prisma.sql`+c."validUntil"`;
}

/**
 * `certificationStatus(c, today, supersededOn)` as SQL, for any certificate
 * row `c` (the admin lists filter by it). A certificate ends by
 * revocation (R), expiry (the day after V) or a newer decision signed by
 * today (S, the earliest one's signing day); the first ending decides, ties
 * in that order. "No newer decision signed before R" stands for R <= S, and
 * so on, because S is the earliest.
 */
export function certificationStatusSql(db: Database, status: CertificationStatus, today: Date): Prisma.Sql {
  const notRevoked = Prisma.sql`(c."revokedOn" IS NULL OR c."revokedOn" > ${today})`;
  const soon = addDays(today, EXPIRING_SOON_DAYS);
  switch (status) {
    case "valid":
      return Prisma.sql`${validUntilScanned(db)} > ${soon} AND ${notRevoked} AND NOT ${newerSigned(today)}`;
    case "expiring":
      return Prisma.sql`c."validUntil" >= ${today} AND c."validUntil" <= ${soon} AND ${notRevoked} AND NOT ${newerSigned(today)}`;
    case "revoked":
      return Prisma.sql`c."revokedOn" IS NOT NULL AND c."revokedOn" <= ${today} AND ${revokedByDayAfterExpiry(db)}
        AND NOT ${newerSigned(today, Prisma.sql`AND n."signedOn" < c."revokedOn"`)}`;
    case "expired":
      return Prisma.sql`${validUntilScanned(db)} < ${today} AND (c."revokedOn" IS NULL OR NOT (${revokedByDayAfterExpiry(db)}))
        AND NOT ${newerSigned(today, Prisma.sql`AND n."signedOn" <= c."validUntil"`)}`;
    case "superseded":
      return newerSigned(today, Prisma.sql`AND n."signedOn" <= c."validUntil" AND (c."revokedOn" IS NULL OR n."signedOn" < c."revokedOn")`);
  }
}
