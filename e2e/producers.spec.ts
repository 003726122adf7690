import { expect, test, type Page } from "@playwright/test";
import { vietnamToday } from "../app/lib/dates";
import { certificationStatus, isInForceStatus, standingCertification, type CertificationStatus } from "../app/modules/catalogue/visibility.server";
import { readDemoDatabase } from "./oracle";

// Expectations come from the seeded database through plain SQL and the pure
// certification rules, not from the code that renders the pages.

type ProducerRow = { id: number; slug: string; legalName: string; type: string; status: string; phone: string | null; provinceSlug: string; provinceVi: string };
type CertRow = { id: number; producerId: number; productId: number; nameVi: string; signedOn: string; validUntil: string; revokedOn: string | null; stars: number; reviewStatus: string };

function readDatabase() {
  return readDemoDatabase((sqlite) => {
    const producers = sqlite
      .prepare(
        `SELECT pr.id, pr.slug, pr.legalName, pr.type, pr.status, pr.phone, pv.slug AS provinceSlug, pv.nameVi AS provinceVi
         FROM Producer pr JOIN Province pv ON pv.id = pr.provinceId
         ORDER BY pr.searchKey, pr.id`,
      )
      .all() as ProducerRow[];
    const certs = sqlite
      .prepare(
        `SELECT c.id, p.producerId, p.id AS productId, p.nameVi, c.signedOn, c.validUntil, c.revokedOn, c.stars, c.reviewStatus
         FROM Product p JOIN Certification c ON c.productId = p.id
         WHERE p.status = 'PUBLISHED'`,
      )
      .all() as CertRow[];
    return { producers, certs };
  });
}

const TYPE_LABELS = {
  vi: { COOPERATIVE: "Hợp tác xã", COOPERATIVE_GROUP: "Tổ hợp tác", ENTERPRISE: "Doanh nghiệp", HOUSEHOLD_BUSINESS: "Hộ kinh doanh" },
  en: { COOPERATIVE: "Cooperative", COOPERATIVE_GROUP: "Cooperative group", ENTERPRISE: "Enterprise", HOUSEHOLD_BUSINESS: "Household business" },
} as const;
type ProducerType = keyof (typeof TYPE_LABELS)["vi"];

/** Each published product's standing certificate: its newest signed one. */
function expectedCatalogue() {
  const { producers, certs } = readDatabase();
  const today = vietnamToday();
  const byProduct = new Map<number, CertRow[]>();
  for (const row of certs) byProduct.set(row.productId, [...(byProduct.get(row.productId) ?? []), row]);
  const products = [...byProduct.values()].map((rows) => {
    const dated = rows
      .map((c) => ({ ...c, signedOn: new Date(c.signedOn), validUntil: new Date(c.validUntil), revokedOn: c.revokedOn ? new Date(c.revokedOn) : null }))
      .sort((a, b) => b.signedOn.getTime() - a.signedOn.getTime());
    const standing = standingCertification(dated, today)!;
    const status: CertificationStatus = certificationStatus(standing, today);
    return { producerId: rows[0]!.producerId, nameVi: rows[0]!.nameVi, stars: standing.stars, status, inForce: isInForceStatus(status) };
  });
  const approved = producers.filter((producer) => producer.status === "APPROVED");
  const certified = (producerId: number) => products.filter((product) => product.producerId === producerId && product.inForce).length;
  return { producers, approved, products, certified };
}

const resultCount = (page: Page) => page.getByTestId("result-count");

test("the directory filters by province and type, with counts under the other filters", async ({ page }) => {
  const { approved, certified } = expectedCatalogue();
  await page.goto("/producers");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Chủ thể OCOP");
  await expect(resultCount(page)).toHaveText(`${approved.length} chủ thể`);
  await expect(page.getByRole("link", { name: "Chủ thể", exact: true })).toHaveAttribute("aria-current", "page");

  // The largest province, then its cooperatives.
  const byProvince = new Map<string, ProducerRow[]>();
  for (const producer of approved) byProvince.set(producer.provinceSlug, [...(byProvince.get(producer.provinceSlug) ?? []), producer]);
  const [provinceSlug, inProvince] = [...byProvince.entries()].sort((a, b) => b[1].length - a[1].length)[0]!;
  const province = page.locator('select[name="province"]');
  await expect(province.locator(`option[value="${provinceSlug}"]`)).toHaveText(`${inProvince[0]!.provinceVi} (${inProvince.length})`);
  await province.selectOption(provinceSlug); // applies at once with JavaScript
  await expect(page).toHaveURL(new RegExp(`province=${provinceSlug}`));
  await expect(resultCount(page)).toHaveText(`${inProvince.length} chủ thể`);

  for (const type of Object.keys(TYPE_LABELS.vi) as ProducerType[]) {
    const n = inProvince.filter((producer) => producer.type === type).length;
    await expect(page.getByRole("radio", { name: `${TYPE_LABELS.vi[type]} (${n})`, exact: true })).toBeVisible();
  }

  const cooperatives = inProvince.filter((producer) => producer.type === "COOPERATIVE");
  expect(cooperatives.length).toBeGreaterThan(0);
  await page.getByRole("radio", { name: `Hợp tác xã (${cooperatives.length})`, exact: true }).check();
  await expect(page).toHaveURL(/type=COOPERATIVE/);
  await expect(page).toHaveURL(new RegExp(`province=${provinceSlug}`));
  await expect(resultCount(page)).toHaveText(`${cooperatives.length} chủ thể`);
  const entries = page.getByTestId("producer-entry");
  await expect(entries).toHaveCount(Math.min(cooperatives.length, 24));
  // Sorted by folded name; each entry shows its type and its certified products.
  await expect(page.locator(".producer-entry__name")).toHaveText(cooperatives.slice(0, 24).map((producer) => producer.legalName));
  await expect(page.locator(".producer-entry__type")).toHaveText(cooperatives.slice(0, 24).map(() => "Hợp tác xã"));
  const shownCounts = await entries.getByTestId("certified-products").evaluateAll((els) => els.map((el) => Number(el.getAttribute("data-count"))));
  expect(shownCounts).toEqual(cooperatives.slice(0, 24).map((producer) => certified(producer.id)));

  // The province option now counts cooperatives only.
  await expect(province.locator(`option[value="${provinceSlug}"]`)).toHaveText(`${inProvince[0]!.provinceVi} (${cooperatives.length})`);
  await page.getByRole("link", { name: "Bỏ lọc: Hợp tác xã" }).click();
  await expect(resultCount(page)).toHaveText(`${inProvince.length} chủ thể`);
});

test("the filter form works without JavaScript", async ({ browser }) => {
  const { approved } = expectedCatalogue();
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/producers");
  const enterprises = approved.filter((producer) => producer.type === "ENTERPRISE").length;
  await page.getByRole("radio", { name: `Doanh nghiệp (${enterprises})`, exact: true }).check();
  await page.getByRole("button", { name: "Áp dụng" }).click();
  await expect(page).toHaveURL(/type=ENTERPRISE/);
  await expect(resultCount(page)).toHaveText(`${enterprises} chủ thể`);
  await context.close();
});

test("a profile shows the producer's products with their certification statuses @mobile", async ({ page }) => {
  const { approved, products, certified } = expectedCatalogue();
  // A producer with products both in force and lapsed.
  const target = approved
    .map((producer) => ({ producer, own: products.filter((product) => product.producerId === producer.id) }))
    .filter(({ own }) => own.length <= 24 && own.some((p) => p.inForce) && own.some((p) => !p.inForce))
    .sort((a, b) => b.own.length - a.own.length)[0];
  expect(target, "the demo has a producer with a lapsed product").toBeDefined();
  const { producer, own } = target!;

  await page.goto("/producers");
  await page.getByLabel("Tìm chủ thể theo tên hoặc địa phương").fill(producer.legalName);
  await page.getByRole("button", { name: "Tìm" }).click();
  await page.getByRole("link", { name: producer.legalName, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/producers/${producer.slug}$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(producer.legalName);
  await expect(page).toHaveTitle(new RegExp(producer.legalName));
  await expect(page.getByTestId("producer-type")).toHaveText(TYPE_LABELS.vi[producer.type as ProducerType]);
  await expect(page.getByTestId("certified-products")).toHaveAttribute("data-count", String(certified(producer.id)));

  const cards = page.getByTestId("product-card");
  await expect(cards).toHaveCount(own.length);
  const shown = await cards.evaluateAll((els) =>
    els.map((el) => ({
      name: el.querySelector(".product-card__title")?.textContent?.trim() ?? "",
      status: el.querySelector("[data-status]")?.getAttribute("data-status") ?? "",
    })),
  );
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
  expect([...shown].sort(byName)).toEqual(own.map((p) => ({ name: p.nameVi, status: p.status })).sort(byName));
  // Products in force come first; lapsed ones follow, marked by their badge.
  const firstLapsed = shown.findIndex((card) => card.status === "expired" || card.status === "revoked");
  expect(shown.slice(firstLapsed).every((card) => card.status === "expired" || card.status === "revoked")).toBe(true);
  await expect(cards.nth(firstLapsed)).toContainText(/Đã hết hạn|Đã bị thu hồi/);

  if (producer.phone) {
    await expect(page.getByRole("link", { name: producer.phone })).toHaveAttribute("href", `tel:${producer.phone.replace(/[^\d+]/g, "")}`);
  }
  const jsonLd = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent()) ?? "{}");
  expect(jsonLd["@type"]).toBe("Organization");
  expect(jsonLd.name).toBe(producer.legalName);
  expect(jsonLd.address.addressCountry).toBe("VN");
  await expect(page.locator('link[rel="alternate"][hreflang="en"]')).toHaveAttribute("href", new RegExp(`/en/producers/${producer.slug}$`));
  await expect(page.locator('meta[property="og:title"]')).toHaveAttribute("content", producer.legalName);
});

test("/en/producers has English labels", async ({ page }) => {
  const { approved } = expectedCatalogue();
  const households = approved.filter((producer) => producer.type === "HOUSEHOLD_BUSINESS");
  await page.goto("/en/producers");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("OCOP producers");
  await expect(resultCount(page)).toHaveText(`${approved.length} producers`);
  await expect(page.getByRole("link", { name: "Producers", exact: true })).toHaveAttribute("aria-current", "page");
  for (const type of Object.keys(TYPE_LABELS.en) as ProducerType[]) {
    const n = approved.filter((producer) => producer.type === type).length;
    await expect(page.getByRole("radio", { name: `${TYPE_LABELS.en[type]} (${n})`, exact: true })).toBeVisible();
  }
  await page.getByRole("radio", { name: `Household business (${households.length})`, exact: true }).check();
  await expect(page).toHaveURL(/\/en\/producers\?.*type=HOUSEHOLD_BUSINESS/);
  await expect(resultCount(page)).toHaveText(`${households.length} producers`);
  await expect(page.locator(".producer-entry__type").first()).toHaveText("Household business");
  await page.getByTestId("producer-entry").first().getByRole("link").click();
  await expect(page).toHaveURL(/\/en\/producers\/[a-z0-9-]+$/);
  await expect(page.getByTestId("producer-type")).toHaveText("Household business");
  await expect(page.getByRole("heading", { name: /^Products/ })).toBeVisible();
});

test("the JSON API matches the page", async ({ page, request }) => {
  const { approved } = expectedCatalogue();
  const qs = "type=HOUSEHOLD_BUSINESS&q=ho+kinh+doanh";
  await page.goto(`/producers?${qs}`);
  const response = await request.get(`/api/producers?${qs}`);
  expect(response.status()).toBe(200);
  // Revalidated on every visit (a 304 when nothing changed), never served stale.
  expect(response.headers()["cache-control"]).toBe("public, no-cache");
  expect(response.headers()["etag"]).toMatch(/^"[\w-]+"$/);
  expect(response.headers()["access-control-allow-origin"]).toBe("*");
  const api = await response.json();
  expect(api.total).toBe(approved.filter((producer) => producer.type === "HOUSEHOLD_BUSINESS").length);
  await expect(resultCount(page)).toHaveText(`${api.total} chủ thể`);
  expect(api.items.map((item: { legalName: string }) => item.legalName)).toEqual(await page.locator(".producer-entry__name").allInnerTexts());
  const counts = await page.getByTestId("certified-products").evaluateAll((els) => els.map((el) => Number(el.getAttribute("data-count"))));
  expect(api.items.map((item: { certifiedProducts: number }) => item.certifiedProducts)).toEqual(counts);
  for (const option of api.facets.types as Array<{ value: ProducerType; count: number }>) {
    await expect(page.getByRole("radio", { name: `${TYPE_LABELS.vi[option.value]} (${option.count})`, exact: true })).toBeVisible();
  }

  const invalid = await (await request.get("/api/producers?type=FARM&page=0")).json();
  expect(invalid.ignored.sort()).toEqual(["page", "type"]);
  expect(invalid.total).toBe(approved.length);
});

test("an unknown, pending or suspended producer's profile is a 404 and is not listed", async ({ page }) => {
  const { producers } = expectedCatalogue();
  const hidden = producers.filter((producer) => producer.status !== "APPROVED");
  expect(hidden.map((producer) => producer.status)).toEqual(expect.arrayContaining(["SUSPENDED"]));
  for (const producer of hidden) {
    const response = await page.goto(`/producers/${producer.slug}`);
    expect(response?.status(), producer.slug).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Không tìm thấy trang");
    await page.goto(`/producers?q=${encodeURIComponent(producer.legalName)}`);
    await expect(page.getByTestId("producer-entry").filter({ hasText: producer.legalName })).toHaveCount(0);
  }
  const unknown = await page.goto("/producers/khong-co-chu-the-nay");
  expect(unknown?.status()).toBe(404);
  const english = await page.goto(`/en/producers/${hidden[0]!.slug}`);
  expect(english?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
});
