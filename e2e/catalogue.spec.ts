import { expect, test, type Page } from "@playwright/test";
import { oneRow } from "./oracle";


test("searching without accents finds the accented product, in both languages @mobile", async ({ page }) => {
  await page.goto("/products");
  await page.getByLabel("Tìm sản phẩm, chủ thể, địa phương").fill("buoi do tan lac");
  await page.getByRole("button", { name: "Tìm" }).click();
  await expect(page).toHaveURL(/q=buoi\+do\+tan\+lac/);
  await expect(page.getByTestId("product-card").first()).toContainText("Bưởi đỏ Tân Lạc");

  await page.goto("/en/products?q=cam+cao+phong");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Results for “cam cao phong”");
  await expect(page.getByTestId("product-card").first()).toContainText("Cao Phong");
});

const LANGUAGES = [
  {
    lang: "vi",
    prefix: "",
    title: /Bưởi đỏ Tân Lạc/,
    fourStars: /4 sao/,
    count: (n: number) => `${n} sản phẩm`,
    valid: "Còn hiệu lực",
    expired: "Đã hết hạn",
    expiredHeadline: "ĐÃ HẾT HẠN",
    revoked: "Đã bị thu hồi",
  },
  {
    lang: "en",
    prefix: "/en",
    title: /Tân Lạc red pomelo/,
    fourStars: /4 stars/,
    count: (n: number) => (n === 1 ? "1 product" : `${n} products`),
    valid: "Valid",
    expired: "Expired",
    expiredHeadline: "EXPIRED",
    revoked: "Revoked",
  },
] as const;

/** The product slugs of the cards on the page, in order. */
async function slugsOnPage(page: Page) {
  const hrefs = await page.locator(".product-card__title a").evaluateAll((links) => links.map((link) => link.getAttribute("href") ?? ""));
  return hrefs.map((href) => href.split("/").pop());
}

for (const language of LANGUAGES) {
  test(`combined filters show counts, and the JSON API matches the page (${language.lang})`, async ({ page, request }) => {
    await page.goto(`${language.prefix}/products?q=cao+phong`);
    const fourStars = page.getByRole("checkbox", { name: language.fourStars });
    const label = await page.locator("label.check", { has: fourStars }).innerText();
    const expected = Number(/\((\d+)\)/.exec(label)?.[1]);
    expect(expected).toBeGreaterThan(0);
    await fourStars.check(); // applies at once with JavaScript
    await expect(page).toHaveURL(/stars=4/);
    await expect(page.getByTestId("result-count")).toHaveText(language.count(expected));
    await expect(page.getByTestId("product-card")).toHaveCount(Math.min(expected, 24));

    const api = await (await request.get("/api/products?q=cao+phong&stars=4")).json();
    expect(api.total).toBe(expected);
    expect(api.items.map((item: { slug: string }) => item.slug)).toEqual(await slugsOnPage(page));
  });
}

test("the filter form works without JavaScript", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/products?q=mat+ong");
  await page.getByRole("checkbox", { name: /3 sao/ }).check();
  await page.getByRole("button", { name: "Áp dụng" }).click();
  await expect(page).toHaveURL(/stars=3/);
  await expect(page.getByTestId("product-card").first()).toBeVisible();
  await context.close();
});

test("an impossible combination suggests removing a filter", async ({ page }) => {
  await page.goto("/products?q=buoi+do&stars=5");
  await expect(page.getByTestId("empty-state")).toContainText("Thử bỏ bớt một bộ lọc");
  await page.getByTestId("empty-state").getByRole("link", { name: "Bỏ lọc: 5 sao" }).click();
  await expect(page.getByTestId("product-card").first()).toContainText("Bưởi");
});

for (const language of LANGUAGES) {
  test(`a product page shows its certification block and rating history (${language.lang})`, async ({ page }) => {
    const expected = oneRow<{ n: number; decision: string }>(
      `SELECT COUNT(*) AS n, (SELECT c2.decisionNumber FROM Certification c2 JOIN Product p2 ON p2.id = c2.productId
         WHERE p2.slug = 'buoi-do-tan-lac' ORDER BY c2.signedOn DESC LIMIT 1) AS decision
       FROM Certification c JOIN Product p ON p.id = c.productId WHERE p.slug = 'buoi-do-tan-lac'`,
    );
    await page.goto(`${language.prefix}/products/buoi-do-tan-lac`);
    await expect(page).toHaveTitle(language.title);
    const block = page.getByTestId("certification-block");
    await expect(block.getByTestId("decision-number")).toHaveText(expected.decision);
    await expect(block).toContainText(language.valid);
    await expect(page.getByTestId("rating-history").locator("li")).toHaveCount(expected.n);
    const jsonLd = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent()) ?? "{}");
    expect(jsonLd["@type"]).toBe("Product");
    expect(jsonLd.manufacturer["@type"]).toBe("Organization");
    await expect(page.locator('link[rel="alternate"][hreflang="en"]')).toHaveAttribute("href", /\/en\/products\/buoi-do-tan-lac$/);
  });

  test(`the QR code of a lapsed product leads to a verification page that says expired (${language.lang})`, async ({ page }) => {
    const lapsed = oneRow<{ slug: string }>(
      `SELECT p.slug FROM Product p JOIN Producer pr ON pr.id = p.producerId
       WHERE p.status = 'PUBLISHED' AND pr.status = 'APPROVED'
         AND NOT EXISTS (SELECT 1 FROM Certification c WHERE c.productId = p.id AND (c.validUntil >= date('now') OR c.revokedOn IS NOT NULL))
       LIMIT 1`,
    );
    await page.goto(`${language.prefix}/products/${lapsed.slug}`);
    await expect(page.getByTestId("certification-block")).toContainText(language.expired);
    const target = await page.getByTestId("verify-link").getAttribute("href");
    expect(target).toMatch(/\/verify\/[0-9A-Z]+$/);
    const qrSvg = await page.locator(".qr__code svg").count();
    expect(qrSvg).toBe(1);
    // The printed code opens the Vietnamese page; the same check exists under /en.
    await page.goto(`${language.prefix}${new URL(target!).pathname}`);
    await expect(page.getByTestId("verify")).toHaveAttribute("data-status", "expired");
    await expect(page.getByRole("heading", { level: 1 })).toContainText(language.expiredHeadline);
  });

  test(`status=all shows the revoked product as revoked (${language.lang})`, async ({ page }) => {
    const revoked = oneRow<{ nameVi: string; slug: string }>(
      `SELECT p.nameVi, p.slug FROM Product p JOIN Certification c ON c.id = p.standingCertificationId WHERE c.revokedOn IS NOT NULL`,
    );
    await page.goto(`${language.prefix}/products?status=all&q=${encodeURIComponent(revoked.nameVi)}`);
    const card = page.getByTestId("product-card").filter({ has: page.locator(`a[href$="/products/${revoked.slug}"]`) });
    await expect(card.locator("[data-status]")).toHaveAttribute("data-status", "revoked");
    await expect(card).toContainText(language.revoked);
    await page.goto(`${language.prefix}/products?q=${encodeURIComponent(revoked.nameVi)}`);
    await expect(page.locator(`a[href$="/products/${revoked.slug}"]`)).toHaveCount(0);
  });
}

test("an unknown verification code gets a clear not-found page with a 404", async ({ page }) => {
  const response = await page.goto("/verify/ZZZZ9999");
  expect(response?.status()).toBe(404);
  await expect(page.getByTestId("verify-not-found")).toContainText("ZZZZ9999");
  const en = await page.goto("/en/verify/ZZZZ9999");
  expect(en?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Certificate not found");
});

test("the CSV export holds every product of the current filter", async ({ request }) => {
  const api = await (await request.get("/api/products?group=II&status=all")).json();
  const csv = await request.get("/api/products.csv?group=II&status=all");
  expect(csv.headers()["content-type"]).toContain("text/csv");
  expect(csv.headers()["content-disposition"]).toMatch(/attachment; filename="ocop-products-\d{4}-\d{2}-\d{2}\.csv"/);
  const lines = (await csv.text()).replace(/^\uFEFF/, "").trim().split(/\r?\n/);
  expect(lines[0]).toMatch(/^slug,name_vi,name_en,product_set,group,/);
  expect(lines.length - 1).toBe(api.total);
  expect(lines.slice(1).every((line) => line.split(",")[4] === "II")).toBe(true);
});

test("sitemap.xml lists public products in both languages, and robots.txt points to it", async ({ request }) => {
  const sitemap = await (await request.get("/sitemap.xml")).text();
  expect(sitemap).toContain("/products/buoi-do-tan-lac</loc>");
  expect(sitemap).toContain("/en/products/buoi-do-tan-lac</loc>");
  expect(sitemap).toMatch(/hreflang="en" href="[^"]+\/en\/products\/buoi-do-tan-lac"/);
  const hidden = oneRow<{ slug: string }>(`SELECT slug FROM Product WHERE status <> 'PUBLISHED' LIMIT 1`);
  expect(sitemap).not.toContain(`/products/${hidden.slug}<`);
  const robots = await (await request.get("/robots.txt")).text();
  expect(robots).toMatch(/^Sitemap: http:\/\/127\.0\.0\.1:\d+\/sitemap\.xml$/m);
});

test("the home page lists the newest certified products and searches the catalogue", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Mới được chứng nhận" })).toBeVisible();
  // A combobox once the page runs its script (type-ahead suggestions).
  await page.getByRole("search").getByRole("combobox", { name: "Tìm sản phẩm, chủ thể, địa phương" }).fill("buoi do");
  await page.getByRole("search").getByRole("button", { name: "Tìm" }).click();
  await expect(page).toHaveURL(/\/products\?q=buoi\+do/);
  await expect(page.getByTestId("product-card").first()).toContainText("Bưởi");
});

test("the product JSON API matches the product page", async ({ page, request }) => {
  const response = await request.get("/api/products/buoi-do-tan-lac");
  expect(response.status()).toBe(200);
  const api = await response.json();
  await page.goto("/en/products/buoi-do-tan-lac");
  await expect(page.getByTestId("rating-history").locator("li")).toHaveCount(api.certifications.length);
  const current = api.certifications.find((cert: { verificationCode: string }) => cert.verificationCode === api.standingCertification);
  await expect(page.getByTestId("decision-number")).toHaveText(current.decisionNumber);
  await expect(page.getByTestId("certification-block")).toContainText("Valid");
  expect((await request.get("/api/products/khong-co")).status()).toBe(404);
});
