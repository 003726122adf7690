// Every product of the demo shows one standing certificate, with one status,
// wherever it appears: the JSON list, the HTML card, the product page, the
// product's JSON and the verification page of that certificate's code.
// Plain HTTP (the request fixture) and small HTML readers: ~170 products × 3
// pages, a few at a time.
import Database from "better-sqlite3";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { E2E_DATABASE } from "../playwright.config";

const CONCURRENCY = 4;

type ListItem = { slug: string; certification: { status: string; verificationCode: string; stars: number } };
type ListPage = { total: number; page: number; pageCount: number; items: ListItem[] };
type ProductCertification = {
  verificationCode: string;
  status: string;
  supersededBy: { decisionNumber: string; verificationCode: string; signedOn: string } | null;
};
type ProductJson = { slug: string; standingCertification: string; certifications: ProductCertification[] };

async function getText(request: APIRequestContext, url: string): Promise<string> {
  const response = await request.get(url);
  expect(response.status(), `GET ${url}`).toBe(200);
  return response.text();
}

async function getJson<T>(request: APIRequestContext, url: string): Promise<T> {
  return JSON.parse(await getText(request, url)) as T;
}

/** Runs `work` on every item, at most `limit` at a time, results in order. */
async function mapLimit<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** The opening tag of the element marked data-testid="<testId>", or null. */
function openingTag(html: string, testId: string): string | null {
  return new RegExp(`<[a-z]+\\b[^>]*\\bdata-testid="${testId}"[^>]*>`).exec(html)?.[0] ?? null;
}

function attribute(tag: string, name: string): string | null {
  return new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1] ?? null;
}

/** The first data-status after the element marked `testId` (its badge), or null. */
function badgeAfter(html: string, testId: string): string | null {
  const start = html.indexOf(`data-testid="${testId}"`);
  if (start < 0) return null;
  return /\bdata-status="([a-z]+)"/.exec(html.slice(start))?.[1] ?? null;
}

/** The cards of a list page: product slug → badge status. */
function cardsOf(html: string): Map<string, string | null> {
  const cards = new Map<string, string | null>();
  for (const chunk of html.split('data-testid="product-card"').slice(1)) {
    const card = chunk.slice(0, chunk.indexOf("</article>"));
    const slug = /href="(?:\/en)?\/products\/([a-z0-9-]+)"/.exec(card)?.[1];
    if (slug) cards.set(slug, /\bdata-status="([a-z]+)"/.exec(card)?.[1] ?? null);
  }
  return cards;
}

/** The rating history of a product page: each item's badge status and whether it names a successor. */
function historyOf(html: string): Array<{ status: string | null; supersededBy: boolean }> {
  const start = html.indexOf('data-testid="rating-history"');
  if (start < 0) return [];
  const list = html.slice(start, html.indexOf("</ol>", start));
  return list
    .split("<li")
    .slice(1)
    .map((item) => ({
      status: /\bdata-status="([a-z]+)"/.exec(item)?.[1] ?? null,
      supersededBy: item.includes('data-testid="superseded-by"'),
    }));
}

/** Every item of /api/products?status=all, over all its pages. */
async function allListed(request: APIRequestContext): Promise<{ pageCount: number; total: number; items: ListItem[] }> {
  const first = await getJson<ListPage>(request, "/api/products?status=all&page=1");
  const rest = await mapLimit(
    Array.from({ length: first.pageCount - 1 }, (_, index) => index + 2),
    CONCURRENCY,
    (page) => getJson<ListPage>(request, `/api/products?status=all&page=${page}`),
  );
  return { pageCount: first.pageCount, total: first.total, items: [first, ...rest].flatMap((page) => page.items) };
}

/** Public products counted straight from the demo database: published, approved producer, a signed certificate. */
function publicProductCount(): number {
  const sqlite = new Database(E2E_DATABASE, { readonly: true });
  try {
    const row = sqlite
      .prepare(
        `SELECT COUNT(*) AS n FROM Product p JOIN Producer pr ON pr.id = p.producerId
         WHERE p.status = 'PUBLISHED' AND pr.status = 'APPROVED'
           AND EXISTS (SELECT 1 FROM Certification c WHERE c.productId = p.id AND date(c.signedOn) <= date('now', '+7 hours'))`,
      )
      .get() as { n: number };
    return row.n;
  } finally {
    sqlite.close();
  }
}

test("every product's standing status agrees across the list, its card, its page, its JSON and its verification page", async ({ request }) => {
  test.setTimeout(180_000);
  const listed = await allListed(request);
  const slugs = listed.items.map((item) => item.slug);
  expect(new Set(slugs).size, "each product is listed once").toBe(slugs.length);
  expect(slugs.length).toBe(listed.total);
  expect(listed.total).toBe(publicProductCount());

  // The HTML cards, page by page, carry the same status as the JSON list.
  const cardPages = await mapLimit(
    Array.from({ length: listed.pageCount }, (_, index) => index + 1),
    CONCURRENCY,
    async (page) => cardsOf(await getText(request, `/products?status=all&page=${page}`)),
  );
  const cards = new Map(cardPages.flatMap((page) => [...page]));
  expect(Object.fromEntries(cards)).toEqual(Object.fromEntries(listed.items.map((item) => [item.slug, item.certification.status])));

  // Then each product on its own pages.
  const disagreements = (
    await mapLimit(listed.items, CONCURRENCY, async (item) => {
      const { slug } = item;
      const listedCode = item.certification.verificationCode;
      const [pageHtml, product, verifyHtml] = await Promise.all([
        getText(request, `/products/${slug}`),
        getJson<ProductJson>(request, `/api/products/${slug}`),
        getText(request, `/verify/${listedCode}`),
      ]);
      const standing = product.certifications.find((cert) => cert.verificationCode === product.standingCertification);
      const verifyTag = openingTag(verifyHtml, "verify");
      const seen = {
        list: item.certification.status,
        card: cards.get(slug) ?? null,
        productPage: badgeAfter(pageHtml, "certification-block"),
        productJson: standing?.status ?? null,
        verifyPage: verifyTag ? attribute(verifyTag, "data-status") : null,
      };
      const problems: string[] = [];
      if (new Set(Object.values(seen)).size !== 1) problems.push(`statuses differ: ${JSON.stringify(seen)}`);
      if (product.standingCertification !== listedCode) {
        problems.push(`the list shows ${listedCode}, the product JSON's standing certificate is ${product.standingCertification}`);
      }
      if (product.certifications[0]?.verificationCode !== product.standingCertification) {
        problems.push("the standing certificate is not the newest in the history");
      }
      // The page's rating history says what the JSON says, item by item.
      const history = historyOf(pageHtml);
      const expectedHistory = product.certifications.map((cert) => ({ status: cert.status, supersededBy: cert.supersededBy !== null }));
      if (JSON.stringify(history) !== JSON.stringify(expectedHistory)) {
        problems.push(`history on the page ${JSON.stringify(history)} ≠ JSON ${JSON.stringify(expectedHistory)}`);
      }
      return problems.map((problem) => `${slug}: ${problem}`);
    })
  ).flat();
  expect(disagreements).toEqual([]);

  // The demo exercises more than one status, and a standing certificate is never superseded.
  const statuses = new Set(listed.items.map((item) => item.certification.status));
  for (const status of ["valid", "expired", "revoked"]) expect([...statuses]).toContain(status);
  expect([...statuses]).not.toContain("superseded");
});

test("a superseded certificate's verification page says so and links to the standing certificate", async ({ request }) => {
  test.setTimeout(120_000);
  const { items } = await allListed(request);
  // The first product (in list order) whose history has a superseded certificate.
  let found: { slug: string; standing: ProductCertification; superseded: ProductCertification } | undefined;
  for (let start = 0; start < items.length && !found; start += CONCURRENCY) {
    const products = await mapLimit(items.slice(start, start + CONCURRENCY), CONCURRENCY, (item) =>
      getJson<ProductJson>(request, `/api/products/${item.slug}`),
    );
    for (const product of products) {
      const superseded = product.certifications.find((cert) => cert.status === "superseded");
      const standing = product.certifications.find((cert) => cert.verificationCode === product.standingCertification);
      if (superseded && standing && !found) found = { slug: product.slug, standing, superseded };
    }
  }
  expect(found, "at least one demo product has a superseded certificate in its history").toBeDefined();
  const { slug, standing, superseded } = found!;
  // Replaced by a newer decision of the same product, signed after it.
  const successor = superseded.supersededBy;
  expect(successor).not.toBeNull();

  // The product page's history marks it, and names the decision that replaced it.
  const pageHtml = await getText(request, `/products/${slug}`);
  const history = historyOf(pageHtml);
  expect(history.some((item) => item.status === "superseded" && item.supersededBy)).toBe(true);
  expect(pageHtml).toContain(successor!.decisionNumber);

  // Its verification page: superseded, with a notice that names the successor and links to the standing code.
  const verifyHtml = await getText(request, `/verify/${superseded.verificationCode}`);
  expect(attribute(openingTag(verifyHtml, "verify") ?? "", "data-status")).toBe("superseded");
  const noticeStart = verifyHtml.indexOf('data-testid="verify-superseded"');
  expect(noticeStart, "the verification page has a superseded notice").toBeGreaterThan(0);
  const notice = verifyHtml.slice(noticeStart, verifyHtml.indexOf("</p>", noticeStart));
  expect(notice).toContain(successor!.decisionNumber);
  const link = /href="([^"]*\/verify\/[0-9A-Z]+)"/.exec(notice)?.[1];
  expect(link).toBe(`/verify/${standing.verificationCode}`);

  // The link leads to the standing certificate's own page, with the status the product shows.
  const standingHtml = await getText(request, link!);
  expect(attribute(openingTag(standingHtml, "verify") ?? "", "data-status")).toBe(standing.status);
  expect(standingHtml).not.toContain('data-testid="verify-superseded"');
});
