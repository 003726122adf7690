// Type-ahead suggestions in the search boxes (issue #10, item 3): the ARIA
// combobox pattern, used by keyboard, in Vietnamese and in English; the
// search box still submits without JavaScript.
import { expect, test } from "@playwright/test";
import { expectNoViolations } from "./support/axe";

for (const { prefix, path, label, typed, option, heading } of [
  { prefix: "", path: "/products", label: "Tìm sản phẩm, chủ thể, địa phương", typed: "buoi do", option: /Bưởi đỏ Tân Lạc/, heading: "Bưởi đỏ Tân Lạc" },
  { prefix: "/en", path: "/en/products", label: "Search products, producers, places", typed: "buoi do", option: /Tân Lạc red pomelo/, heading: "Tân Lạc red pomelo" },
]) {
  test(`suggestions by keyboard on ${path}`, async ({ page }) => {
    await page.goto(path);
    const box = page.getByRole("combobox", { name: label });
    await box.click();
    await box.pressSequentially(typed, { delay: 30 });
    const list = page.getByRole("listbox");
    await expect(list).toBeVisible();
    await expect(box).toHaveAttribute("aria-expanded", "true");
    const options = list.getByRole("option");
    await expect(options.first()).toBeVisible();

    await page.keyboard.press("ArrowDown");
    const first = options.first();
    await expect(first).toHaveAttribute("aria-selected", "true");
    await expect(box).toHaveAttribute("aria-activedescendant", (await first.getAttribute("id"))!);

    // Down and back up lands on the same option; the focus never leaves the box.
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowUp");
    await expect(first).toHaveAttribute("aria-selected", "true");
    await expect(box).toBeFocused();

    await expectNoViolations(page);

    // Escape closes the list and keeps the text; arrow down opens it again.
    await page.keyboard.press("Escape");
    await expect(list).toBeHidden();
    await expect(box).toHaveValue(typed);
    await page.keyboard.press("ArrowDown");
    await expect(list).toBeVisible();

    const target = options.filter({ hasText: option }).first();
    const index = await options.evaluateAll((all, wanted) => all.findIndex((el) => (el.textContent ?? "").includes(wanted)), heading);
    expect(index).toBeGreaterThanOrEqual(0);
    for (let i = 0; i < index; i++) await page.keyboard.press("ArrowDown");
    await expect(target).toHaveAttribute("aria-selected", "true");
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(new RegExp(`${prefix}/products/buoi-do-tan-lac$`));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(heading);
  });
}

test("Enter without a highlighted suggestion still searches, and the API answers in the page's language", async ({ page, request }) => {
  await page.goto("/");
  const box = page.getByRole("combobox", { name: "Tìm sản phẩm, chủ thể, địa phương" });
  await box.pressSequentially("mat ong", { delay: 30 });
  await expect(page.getByRole("listbox")).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/products\?q=mat\+ong/);

  const answer = await (await request.get("/api/suggest?q=buoi%20do&lang=en")).json();
  expect(answer.products.length).toBeGreaterThan(0);
  expect(answer.products.length).toBeLessThanOrEqual(8);
  expect(answer.producers.length).toBeLessThanOrEqual(4);
  expect(answer.products[0].url).toMatch(/^\/en\/products\//);
  const short = await (await request.get("/api/suggest?q=b")).json();
  expect(short.products).toEqual([]);
});

test("without JavaScript the search box is a plain field that submits", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/products");
  await expect(page.locator(`input[role="combobox"], [role="listbox"]`)).toHaveCount(0);
  await page.getByRole("searchbox", { name: "Tìm sản phẩm, chủ thể, địa phương" }).fill("buoi do");
  await page.getByRole("searchbox", { name: "Tìm sản phẩm, chủ thể, địa phương" }).press("Enter");
  await expect(page).toHaveURL(/q=buoi\+do/);
  await context.close();
});
