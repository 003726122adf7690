// Search behaviour that visitors ran into (issue #10, item 5): each case
// failed before its fix.
import { expect, test, type Page } from "@playwright/test";

const firstCardTitle = (page: Page) => page.locator(".product-card__title").first();

test("a search typed into the list's form ranks by relevance, not by the list's default order", async ({ page }) => {
  await page.goto("/products");
  await page.getByLabel("Tìm sản phẩm, chủ thể, địa phương").fill("cam");
  await page.getByRole("button", { name: "Tìm", exact: true }).click();
  await expect(page).toHaveURL(/q=cam/);
  expect(new URL(page.url()).searchParams.get("sort") || null).toBeNull();
  await expect(page.getByLabel("Sắp xếp")).toHaveValue("");
  await expect(page.getByLabel("Sắp xếp").locator("option:checked")).toHaveText("Phù hợp nhất");
  // Relevance puts names that start with the word first ("Cam sấy dẻo …" before "Rượu cần nếp cẩm").
  await expect(firstCardTitle(page)).toHaveText(/^Cam /);

  // An order picked by the visitor is kept.
  await page.getByLabel("Sắp xếp").selectOption("newest");
  await expect(page).toHaveURL(/sort=newest/);
  await expect(page.getByLabel("Sắp xếp")).toHaveValue("newest");
});

test("repeated and invalid star values keep the valid ones and name only the bad ones", async ({ page, request }) => {
  const api = await (await request.get("/api/products?stars=4&stars=4&stars=5&stars=3")).json();
  expect(api.query.stars).toEqual([3, 4, 5]);
  expect(api.ignored).toEqual([]);
  const mixed = await (await request.get("/api/products?stars=3&stars=9")).json();
  expect(mixed.query.stars).toEqual([3]);
  expect(mixed.ignored).toEqual(["stars=9"]);

  await page.goto("/en/products?stars=3&stars=9");
  await expect(page.getByRole("status").filter({ hasText: "stars=9" })).toBeVisible();
  await expect(page.getByRole("checkbox", { name: /^3 stars/ })).toBeChecked();
  await expect(page.getByRole("checkbox", { name: /^4 stars/ })).not.toBeChecked();
});

test("a zero-width character inside a word still finds the product", async ({ page }) => {
  await page.goto("/products?q=ca%E2%80%8Bm+cao+phong");
  await expect(page.getByTestId("product-card").first()).toContainText("Cao Phong");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Kết quả cho “cam cao phong”");
});

for (const { prefix, text, link } of [
  { prefix: "", text: /Không có trang 1000: kết quả chỉ có \d+ trang\./, link: /Đến trang cuối \((\d+)\)/ },
  { prefix: "/en", text: /There is no page 1000: the results have \d+ pages\./, link: /Go to the last page \((\d+)\)/ },
]) {
  test(`a page past the end points to the last page (${prefix || "/vi"})`, async ({ page }) => {
    await page.goto(`${prefix}/products?page=1000`);
    await expect(page.getByText(text)).toBeVisible();
    const last = page.getByRole("link", { name: link });
    const pageCount = Number(link.exec((await last.textContent()) ?? "")?.[1]);
    expect(pageCount).toBeGreaterThan(1);
    await last.click();
    await expect(page).toHaveURL(new RegExp(`page=${pageCount}$`));
    await expect(page.getByTestId("product-card").first()).toBeVisible();
    await expect(page.locator(".pagination")).toContainText(String(pageCount));
  });
}

test("arrow keys on a closed select step through options without reloading; Enter applies", async ({ page }) => {
  await page.goto("/products");
  await expect(page.getByTestId("product-card").first()).toBeVisible();
  const navigations: string[] = [];
  page.on("request", (request) => {
    if (request.isNavigationRequest() || request.url().includes("_data") || request.url().includes(".data")) navigations.push(request.url());
  });
  const group = page.locator(`select[name="group"]`);
  await group.focus();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await page.waitForTimeout(500);
  expect(navigations).toEqual([]);
  expect(new URL(page.url()).searchParams.get("group")).toBeNull();
  const chosen = await group.inputValue();
  expect(chosen).not.toBe("");

  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`group=${chosen}`));
  expect(navigations.length).toBe(1);

  // Leaving the select after stepping applies too.
  await group.focus();
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("Tab");
  await expect(page).not.toHaveURL(new RegExp(`group=${chosen}(&|$)`));
});

/** WCAG relative luminance contrast of two CSS rgb() colours. */
function contrast(a: string, b: string): number {
  const luminance = (color: string) => {
    const [r, g, bl] = (color.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map(Number).map((v) => {
      const c = v / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light! + 0.05) / (dark! + 0.05);
}

test("the keyboard focus ring in the green header has at least 3:1 contrast", async ({ page }) => {
  await page.goto("/products");
  await page.keyboard.press("Tab"); // skip link
  await page.keyboard.press("Tab"); // the brand link in the header
  const focused = page.locator(".site-header :focus-visible");
  await expect(focused).toHaveCount(1);
  const [outline, background] = await focused.evaluate((element) => [
    getComputedStyle(element).outlineColor,
    getComputedStyle(element.closest(".site-header")!).backgroundColor,
  ]);
  expect(contrast(outline, background)).toBeGreaterThanOrEqual(3);
});
