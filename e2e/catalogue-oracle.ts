// An independent reading of the browser tests' database: plain SQL plus the
// pure certification rules, so page figures are checked against the data,
// not against the code that rendered them.
import Database from "better-sqlite3";
import { currentCertification, vietnamToday } from "../app/modules/certifications/rules.server";
import { E2E_DATABASE } from "../playwright.config";

type Row = { productId: number; groupCode: string; signedOn: string; validUntil: string; revokedOn: string | null; stars: number };

export function expectedOverview() {
  const sqlite = new Database(E2E_DATABASE, { readonly: true });
  try {
    const rows = sqlite
      .prepare(
        `SELECT p.id AS productId, g.code AS groupCode, c.signedOn, c.validUntil, c.revokedOn, c.stars
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
    const today = vietnamToday();
    const byProduct = new Map<number, Row[]>();
    for (const row of rows) byProduct.set(row.productId, [...(byProduct.get(row.productId) ?? []), row]);
    const byStars: Record<number, number> = { 3: 0, 4: 0, 5: 0 };
    const byGroup: Record<string, number> = Object.fromEntries(groupCodes.map((code) => [code, 0]));
    let total = 0;
    for (const certs of byProduct.values()) {
      const dated = certs.map((c) => ({
        ...c,
        signedOn: new Date(c.signedOn),
        validUntil: new Date(c.validUntil),
        revokedOn: c.revokedOn ? new Date(c.revokedOn) : null,
      }));
      const current = currentCertification(dated, today);
      if (!current) continue;
      total += 1;
      byStars[current.stars] = (byStars[current.stars] ?? 0) + 1;
      byGroup[current.groupCode] = (byGroup[current.groupCode] ?? 0) + 1;
    }
    return { total, byStars, byGroup };
  } finally {
    sqlite.close();
  }
}
