// The catalogue page's cards come from the in-memory columns
// (card-views.server.ts); the JSON API's come from a query (search.server.ts).
// On the seeded demo, with its pictures, both give the same cards on every
// page, in both languages, on days that make certificates valid, expiring,
// expired and revoked.
import { mkdtempSync, rmSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../app/db.server";
import type { Language } from "../../app/i18n/config";
import { addDays, parseDate } from "../../app/lib/dates";
import { productCardView, type ProductCardView } from "../../app/modules/catalogue/card-view";
import { cardViewsFromColumns } from "../../app/modules/catalogue/card-views.server";
import { catalogueColumns } from "../../app/modules/catalogue/catalogue-columns.server";
import type { CatalogueQuery } from "../../app/modules/catalogue/query";
import { searchCatalogue, searchCataloguePage } from "../../app/modules/catalogue/search.server";
import { createFileStore } from "../../app/modules/media/store.server";
import { seedDemo } from "../../prisma/seed/index";
import { freshDatabase, testProviders, TMP_DIR, type TestDatabase } from "../helpers/databases";

const SEEDED_ON = parseDate("2026-11-23");
// The seed day; a day when some certificates expire within 90 days; one when many have lapsed.
const DAYS = [SEEDED_ON, addDays(SEEDED_ON, 400), addDays(SEEDED_ON, 1_000)];
const QUERIES: Array<Omit<CatalogueQuery, "page">> = [
  { q: "", stars: [], status: "all", sort: "newest" },
  { q: "", stars: [], status: "valid", sort: "name" },
  { q: "hoa binh", stars: [4, 5], status: "all", sort: "relevance" },
];

for (const provider of testProviders()) {
  describe(`catalogue page cards from the columns on ${provider}`, () => {
    let handle: TestDatabase;
    let db: Database;
    let mediaRoot: string;

    beforeAll(async () => {
      handle = await freshDatabase(provider);
      db = handle.db;
      mediaRoot = mkdtempSync(path.join(TMP_DIR, `card-views-${provider}-`));
      const seeded = await seedDemo(db, { today: SEEDED_ON, media: createFileStore(mediaRoot) });
      expect(seeded.demo.images).toBeGreaterThan(0);
    }, 120_000);

    afterAll(async () => {
      await handle?.dispose();
      if (mediaRoot) rmSync(mediaRoot, { recursive: true, force: true });
    });

    it("equal the cards read from the database on every page, in both languages, on three days", async () => {
      const seen: ProductCardView[] = [];
      for (const today of DAYS) {
        for (const language of ["vi", "en"] as Language[]) {
          for (const base of QUERIES) {
            for (let page = 1, pageCount = 1; page <= pageCount; page++) {
              const query = { ...base, page };
              const fromColumns = await searchCataloguePage(db, query, today, language);
              const { items, ...rest } = await searchCatalogue(db, query, today);
              const { items: views, ...restOfPage } = fromColumns;
              expect(restOfPage).toEqual(rest);
              expect(views).toEqual(items.map((card) => productCardView(card, language)));
              seen.push(...views);
              pageCount = rest.pageCount;
            }
          }
        }
      }
      // What the comparison covered: every status, pictures and places with and without a commune.
      expect(new Set(seen.map((view) => view.status))).toEqual(new Set(["valid", "expiring", "expired", "revoked"]));
      expect(seen.some((view) => view.image !== null)).toBe(true);
      expect(seen.some((view) => view.image === null)).toBe(true);
      expect(seen.some((view) => view.place.includes(", "))).toBe(true);
      expect(seen.some((view) => view.nameEn === null)).toBe(true);
    }, 120_000);

    it("answer null for a product the columns do not list, so the page reads its cards from the database", async () => {
      const columns = await catalogueColumns(db);
      const listed = columns.productId[0]!;
      expect(cardViewsFromColumns(columns, [listed], "vi", SEEDED_ON)).toHaveLength(1);
      expect(cardViewsFromColumns(columns, [listed, 987_654_321], "vi", SEEDED_ON)).toBeNull();
    });
  });
}
