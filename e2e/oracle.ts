// Expectations for the browser tests, read independently from their database:
// plain SQL for the rows and the pure certification rules for what is in
// force and what expires within 90 days. No code of the pages is reused, so
// figures on a page are checked against the data, not against themselves.
import Database from "better-sqlite3";
import { vietnamToday } from "../app/lib/dates";
import { certificationStatus, isInForceStatus, standingCertification } from "../app/modules/catalogue/visibility.server";
import { E2E_DATABASE } from "../playwright.config";

/** Runs `read` on a read-only connection to the browser tests' database. */
export function readDemoDatabase<T>(read: (sqlite: Database.Database) => T): T {
  const sqlite = new Database(E2E_DATABASE, { readonly: true });
  try {
    return read(sqlite);
  } finally {
    sqlite.close();
  }
}

/** The first row `sql` returns. */
export function oneRow<T>(sql: string): T {
  return readDemoDatabase((sqlite) => sqlite.prepare(sql).get() as T);
}

type Row = {
  id: number;
  productId: number;
  producerId: number;
  groupCode: string;
  signedOn: string;
  reviewStatus: string;
  validUntil: string;
  revokedOn: string | null;
  stars: number;
};

export type ExpectedStats = {
  total: number;
  producers: number;
  byStars: Record<number, number>;
  byGroup: Record<string, number>;
  expiring: number;
  /** year → [certificates signed, products first certified] */
  byYear: Map<number, [number, number]>;
};

export function expectedStats(today: Date = vietnamToday()): ExpectedStats {
  return readDemoDatabase((sqlite) => {
    // Every certification of a public product (published, approved producer).
    const rows = sqlite
      .prepare(
        `SELECT c.id AS id, p.id AS productId, p.producerId, g.code AS groupCode, c.signedOn, c.validUntil, c.revokedOn, c.stars, c.reviewStatus
         FROM Product p
         JOIN ProductSet s ON s.id = p.productSetId
         JOIN ProductGroup g ON g.id = s.groupId
         JOIN Producer pr ON pr.id = p.producerId
         JOIN Certification c ON c.productId = p.id
         WHERE p.status = 'PUBLISHED' AND pr.status = 'APPROVED'`,
      )
      .all() as Row[];
    const groupCodes = (sqlite.prepare(`SELECT code FROM ProductGroup ORDER BY id`).all() as { code: string }[]).map(
      (g) => g.code,
    );

    const byProduct = new Map<number, Row[]>();
    for (const row of rows) byProduct.set(row.productId, [...(byProduct.get(row.productId) ?? []), row]);

    const byStars: Record<number, number> = { 3: 0, 4: 0, 5: 0 };
    const byGroup: Record<string, number> = Object.fromEntries(groupCodes.map((code) => [code, 0]));
    const producers = new Set<number>();
    const byYear = new Map<number, [number, number]>();
    const year = (date: Date) => {
      const y = date.getUTCFullYear();
      if (!byYear.has(y)) byYear.set(y, [0, 0]);
      return byYear.get(y)!;
    };
    let total = 0;
    let expiring = 0;

    for (const certs of byProduct.values()) {
      const dated = certs.map((c) => ({
        ...c,
        signedOn: new Date(c.signedOn),
        validUntil: new Date(c.validUntil),
        revokedOn: c.revokedOn ? new Date(c.revokedOn) : null,
      }));
      for (const cert of dated) year(cert.signedOn)[0] += 1;
      const first = dated.reduce((a, b) => (b.signedOn < a.signedOn ? b : a));
      year(first.signedOn)[1] += 1;

      // The standing (newest signed) certificate decides, as the catalogue says.
      const current = standingCertification(dated, today);
      if (!current || !isInForceStatus(certificationStatus(current, today))) continue;
      total += 1;
      producers.add(current.producerId);
      byStars[current.stars] = (byStars[current.stars] ?? 0) + 1;
      byGroup[current.groupCode] = (byGroup[current.groupCode] ?? 0) + 1;
      if (certificationStatus(current, today) === "expiring") expiring += 1;
    }
    return { total, producers: producers.size, byStars, byGroup, expiring, byYear };
  });
}

/** The home page's figures: the statistics' totals by stars and by group. */
export function expectedOverview() {
  const { total, byStars, byGroup } = expectedStats();
  return { total, byStars, byGroup };
}
