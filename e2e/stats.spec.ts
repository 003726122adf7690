import { expect, test, type Page } from "@playwright/test";
import { expectNoViolations } from "./support/axe";
import { expectedStats } from "./oracle";

const vi = new Intl.NumberFormat("vi-VN");
const en = new Intl.NumberFormat("en-GB");

async function expectFigures(page: Page, format: Intl.NumberFormat) {
  const expected = expectedStats();
  await expect(page.getByTestId("stats-certified")).toHaveText(format.format(expected.total));
  await expect(page.getByTestId("stats-producers")).toHaveText(format.format(expected.producers));
  for (const stars of [3, 4, 5]) {
    await expect(page.getByTestId(`stats-stars-${stars}`).locator("td").first()).toHaveText(
      format.format(expected.byStars[stars] ?? 0),
    );
  }
  for (const [code, count] of Object.entries(expected.byGroup)) {
    await expect(page.getByTestId(`stats-group-${code}`).locator("td")).toHaveText(format.format(count));
  }
  await expect(page.getByTestId("stats-expiring-count")).toHaveText(format.format(expected.expiring));
  return expected;
}

test.describe("the statistics page", () => {
  test("shows the demo catalogue's figures as the database has them @mobile", async ({ page }) => {
    const response = await page.goto("/stats");
    expect(response?.status()).toBe(200);
    expect(response?.headers()["cache-control"]).toBe("public, no-cache");
    await expect(page).toHaveTitle("Thống kê · Danh mục OCOP");
    await expect(page.locator("html")).toHaveAttribute("lang", "vi");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Thống kê");

    const expected = await expectFigures(page, vi);
    expect(expected.total, "the demo seed should certify products").toBeGreaterThan(100);
    expect(expected.expiring, "the demo seed should have certificates about to expire").toBeGreaterThan(0);

    for (const [year, [signed, first]] of expected.byYear) {
      await expect(page.getByTestId(`stats-year-${year}`).locator("td")).toHaveText([vi.format(signed), vi.format(first)]);
    }

    // The expiring list: at most 50 rows, soonest first, each linking to its product.
    const rows = page.getByTestId("stats-expiring-row");
    await expect(rows).toHaveCount(Math.min(50, expected.expiring));
    const dates = await rows.locator("time").evaluateAll((times) => times.map((t) => t.getAttribute("datetime") ?? ""));
    expect(dates).toEqual([...dates].sort());
    await expect(rows.first().getByRole("link")).toHaveAttribute("href", /^\/products\/[a-z0-9-]+$/);
  });

  test("each chart is an image named by its visible heading, with its numbers in a table", async ({ page }) => {
    await page.goto("/stats");
    const charts = page.locator("main svg.chart__svg");
    await expect(charts).toHaveCount(4);
    const names = ["Sản phẩm theo số sao", "Sản phẩm theo nhóm", "Sản phẩm theo địa bàn", "Chứng nhận theo năm"];
    for (const [i, name] of names.entries()) {
      await expect(charts.nth(i)).toHaveAttribute("role", "img");
      await expect(charts.nth(i)).toHaveAccessibleName(name);
      await expect(page.getByRole("heading", { level: 2, name })).toBeVisible();
    }

    // The tables sit behind "Bảng số liệu" and open with a click, no script needed.
    const starsTable = page.getByRole("table", { name: "Sản phẩm theo số sao" });
    await expect(starsTable).toBeHidden();
    await page.getByText("Bảng số liệu").first().click();
    await expect(starsTable).toBeVisible();
    await expect(starsTable.getByRole("columnheader")).toHaveText(["Số sao", "Số sản phẩm", "Tỉ lệ"]);

    for (const summary of await page.locator(".chart__data summary").all()) await summary.click();
    await expectNoViolations(page, { include: ".stats-page" });
  });

  test("the figures are rendered on the server, before any script runs", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto("/stats");
    await expectFigures(page, vi);
    await expect(page.locator("main svg.chart__svg")).toHaveCount(4);
    await page.getByText("Bảng số liệu").nth(1).click();
    await expect(page.getByRole("table", { name: "Sản phẩm theo nhóm" })).toBeVisible();
    await context.close();
  });

  test("English lives under /en/stats", async ({ page }) => {
    const response = await page.goto("/en/stats");
    expect(response?.status()).toBe(200);
    await expect(page).toHaveTitle("Statistics · OCOP Catalogue");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Statistics");
    await expect(page.getByRole("heading", { level: 2 })).toHaveText([
      "Key figures",
      "Products by stars",
      "Products by group",
      "Products by area",
      "Certifications by year",
      "Expiring in the next 90 days",
    ]);
    await expect(page.locator("main svg.chart__svg").first()).toHaveAccessibleName("Products by stars");
    await expect(page.getByTestId("stats-group-II").locator("th")).toHaveText("II. Beverages");
    await expectFigures(page, en);
    await expect(page.getByTestId("stats-expiring-row").first().getByRole("link")).toHaveAttribute(
      "href",
      /^\/en\/products\/[a-z0-9-]+$/,
    );
  });
});
