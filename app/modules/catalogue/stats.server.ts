import { Prisma } from "../../generated/sqlite/client";
import type { Database } from "../../db.server";
import { addDays, formatDate, dateOf } from "../../lib/dates";
import { CERTIFIED_STARS, type Stars } from "../certifications/rules";
import { cachedForDay } from "./read-cache.server";
import { certifiedProductSql, EXPIRING_SOON_DAYS, publicProductSql } from "./visibility.server";

export const TOP_PLACES = 15;
export const EXPIRING_LIST_LIMIT = 50;

export type PlaceKind = "DISTRICT" | "COMMUNE" | "WARD" | "SPECIAL_ZONE";

export type PlaceCount = {
  kind: PlaceKind;
  /** A former district as written ("huyện Cao Phong"), or a commune's name ("Tân Lạc"). */
  name: string;
  /** Only when another place of the same kind has the same name. */
  province: string | null;
  count: number;
};

export type YearCount = { year: number; certifications: number; firstCertified: number };

export type ExpiringCertificate = {
  productSlug: string;
  productNameVi: string;
  productNameEn: string | null;
  producerName: string;
  stars: number;
  validUntil: string;
};

export type CatalogueStats = {
  today: string;
  certifiedProducts: number;
  producers: number;
  byStars: Array<{ stars: Stars; count: number; share: number }>;
  byGroup: Array<{ id: number; code: string; nameVi: string; nameEn: string; count: number }>;
  byPlace: { top: PlaceCount[]; other: number; otherPlaces: number };
  byYear: YearCount[];
  expiring: { count: number; until: string; items: ExpiringCertificate[] };
};

type Count = number | bigint;
type CertifiedRow = {
  stars: Count;
  groupId: Count;
  formerDistrict: string | null;
  formerProvince: string | null;
  province: string;
  communeId: Count | null;
  communeName: string | null;
  communeKind: string | null;
  count: Count;
};
type DayRow = { day: Date | string; count: Count };
type ExpiringRow = {
  stars: Count;
  validUntil: Date | string;
  slug: string;
  nameVi: string;
  nameEn: string | null;
  producerName: string;
};

// Raw results differ by driver: COUNT is bigint on both, MIN(date) a string on SQLite.
const num = (value: Count | null) => Number(value ?? 0);

/**
 * The /stats page's figures. "Certified" follows the public catalogue
 * (`certifiedProductSql`, visibility.server.ts). The growth series counts
 * every certification of public products, whatever its status today.
 *
 * Seven aggregate queries, none per row, in portable SQL: Prisma's own
 * queries made SQLite (which has no planner statistics here) join every
 * product where an index would do. Only one query reads every certified
 * product; certificates per year come from covering indexes, and the expiring
 * list starts from the `validUntil` index.
 */
export async function getCatalogueStats(db: Database, today: Date): Promise<CatalogueStats> {
  const until = addDays(today, EXPIRING_SOON_DAYS);
  const standingInForce = certifiedProductSql({ product: "p", producer: "pr", cert: "c" }, today);
  const publicProductIds = Prisma.sql`SELECT p."id" FROM "Product" p
    JOIN "Producer" pr ON pr."id" = p."producerId"
    WHERE ${publicProductSql("p", "pr")}`;
  // CROSS JOIN fixes SQLite's join order (PostgreSQL plans it as an inner join):
  // start from the few certificates in the window, not from every product.
  const expiringFrom = Prisma.sql`FROM "Certification" c
    CROSS JOIN "Product" p
    CROSS JOIN "Producer" pr
    WHERE p."standingCertificationId" = c."id" AND pr."id" = p."producerId"
      AND ${standingInForce} AND c."validUntil" <= ${until}`;

  const [groups, certifiedRows, producerRows, signedRows, firstRows, expiringCountRows, expiringRows] = await Promise.all([
    db.productGroup.findMany({ orderBy: { id: "asc" }, select: { id: true, code: true, nameVi: true, nameEn: true } }),
    // One pass over certified products, by stars, group and place.
    db.$queryRaw<CertifiedRow[]>`
      SELECT c."stars" AS "stars", s."groupId" AS "groupId",
             pr."formerDistrict" AS "formerDistrict", pr."formerProvince" AS "formerProvince",
             pv."nameVi" AS "province", co."id" AS "communeId", co."nameVi" AS "communeName", co."kind" AS "communeKind",
             COUNT(*) AS "count"
      FROM "Product" p
      JOIN "Certification" c ON c."id" = p."standingCertificationId"
      JOIN "Producer" pr ON pr."id" = p."producerId"
      JOIN "ProductSet" s ON s."id" = p."productSetId"
      JOIN "Province" pv ON pv."id" = pr."provinceId"
      LEFT JOIN "Commune" co ON co."id" = pr."communeId"
      WHERE ${standingInForce}
      GROUP BY c."stars", s."groupId", pr."formerDistrict", pr."formerProvince", pv."nameVi", co."id", co."nameVi", co."kind"`,
    // One pass over certified products (a correlated EXISTS per producer is slow on SQLite).
    db.$queryRaw<Array<{ count: Count }>>`
      SELECT COUNT(DISTINCT p."producerId") AS "count"
      FROM "Product" p
      JOIN "Certification" c ON c."id" = p."standingCertificationId"
      JOIN "Producer" pr ON pr."id" = p."producerId"
      WHERE ${standingInForce}`,
    db.$queryRaw<DayRow[]>`
      SELECT c."signedOn" AS "day", COUNT(*) AS "count"
      FROM "Certification" c
      WHERE c."productId" IN (${publicProductIds})
      GROUP BY c."signedOn"`,
    db.$queryRaw<DayRow[]>`
      SELECT f."first" AS "day", COUNT(*) AS "count"
      FROM (
        SELECT MIN(c."signedOn") AS "first"
        FROM "Certification" c
        WHERE c."productId" IN (${publicProductIds})
        GROUP BY c."productId"
      ) f
      GROUP BY f."first"`,
    db.$queryRaw<Array<{ count: Count }>>`SELECT COUNT(*) AS "count" ${expiringFrom}`,
    db.$queryRaw<ExpiringRow[]>`
      SELECT c."stars" AS "stars", c."validUntil" AS "validUntil", p."slug" AS "slug", p."nameVi" AS "nameVi",
             p."nameEn" AS "nameEn", pr."legalName" AS "producerName"
      ${expiringFrom}
      ORDER BY c."validUntil", c."id"
      LIMIT ${EXPIRING_LIST_LIMIT}`,
  ]);

  const starCounts = new Map<number, number>();
  const groupCounts = new Map<number, number>();
  let certifiedProducts = 0;
  for (const row of certifiedRows) {
    const count = num(row.count);
    certifiedProducts += count;
    starCounts.set(num(row.stars), (starCounts.get(num(row.stars)) ?? 0) + count);
    groupCounts.set(num(row.groupId), (groupCounts.get(num(row.groupId)) ?? 0) + count);
  }

  return {
    today: formatDate(today),
    certifiedProducts,
    producers: num(producerRows[0]?.count ?? 0),
    byStars: CERTIFIED_STARS.map((stars) => {
      const count = starCounts.get(stars) ?? 0;
      return { stars, count, share: certifiedProducts === 0 ? 0 : count / certifiedProducts };
    }),
    byGroup: groups.map((group) => ({ ...group, count: groupCounts.get(group.id) ?? 0 })),
    byPlace: rankPlaces(certifiedRows),
    byYear: countByYear(signedRows, firstRows),
    expiring: {
      count: num(expiringCountRows[0]?.count ?? 0),
      until: formatDate(until),
      items: expiringRows.map((row) => ({
        productSlug: row.slug,
        productNameVi: row.nameVi,
        productNameEn: row.nameEn,
        producerName: row.producerName,
        stars: num(row.stars),
        validUntil: formatDate(dateOf(row.validUntil)),
      })),
    },
  };
}

/**
 * A producer's place is its former district when it has one (kept apart per
 * former province: district names repeat across provinces), else its commune.
 * Products of producers with neither count as "other".
 */
function rankPlaces(rows: CertifiedRow[]): CatalogueStats["byPlace"] {
  type Place = { kind: PlaceKind; name: string; provinceName: string; count: number };
  const places = new Map<string, Place>();
  let unplaced = 0;
  for (const row of rows) {
    const count = num(row.count);
    let key: string;
    let place: Omit<Place, "count">;
    if (row.formerDistrict) {
      const provinceName = row.formerProvince ?? row.province;
      key = `district|${row.formerDistrict}|${provinceName}`;
      place = { kind: "DISTRICT", name: row.formerDistrict, provinceName };
    } else if (row.communeId !== null && row.communeName) {
      key = `commune|${num(row.communeId)}`;
      place = { kind: (row.communeKind ?? "COMMUNE") as PlaceKind, name: row.communeName, provinceName: row.province };
    } else {
      unplaced += count;
      continue;
    }
    const existing = places.get(key);
    if (existing) existing.count += count;
    else places.set(key, { ...place, count });
  }

  const ranked = [...places.values()].sort(
    (a, b) => b.count - a.count || a.name.localeCompare(b.name, "vi") || a.provinceName.localeCompare(b.provinceName, "vi"),
  );
  const namesakes = new Map<string, number>();
  const nameKey = (place: Place) => `${place.kind}|${place.name}`;
  for (const place of ranked) namesakes.set(nameKey(place), (namesakes.get(nameKey(place)) ?? 0) + 1);
  const rest = ranked.slice(TOP_PLACES);
  return {
    top: ranked.slice(0, TOP_PLACES).map((place) => ({
      kind: place.kind,
      name: place.name,
      province: (namesakes.get(nameKey(place)) ?? 0) > 1 ? place.provinceName : null,
      count: place.count,
    })),
    other: unplaced + rest.reduce((sum, place) => sum + place.count, 0),
    otherPlaces: rest.length,
  };
}

/** Every calendar year from the first signing to the last, empty years included, so columns read as a time line. */
function countByYear(signed: DayRow[], first: DayRow[]): YearCount[] {
  const years = new Map<number, YearCount>();
  const at = (year: number) => {
    let entry = years.get(year);
    if (!entry) years.set(year, (entry = { year, certifications: 0, firstCertified: 0 }));
    return entry;
  };
  for (const row of signed) at(dateOf(row.day).getUTCFullYear()).certifications += num(row.count);
  for (const row of first) at(dateOf(row.day).getUTCFullYear()).firstCertified += num(row.count);
  if (years.size === 0) return [];
  const known = [...years.keys()];
  const result: YearCount[] = [];
  for (let year = Math.min(...known); year <= Math.max(...known); year++) result.push(at(year));
  return result;
}

/** getCatalogueStats through the read cache. */
export function cachedCatalogueStats(db: Database, today: Date): Promise<CatalogueStats> {
  return cachedForDay("stats", today, () => getCatalogueStats(db, today));
}
