import { test } from "@playwright/test";
import { expectNoViolations } from "./support/axe";
import { oneRow } from "./oracle";

function someVerificationCode(): string {
  return oneRow<{ code: string }>(`SELECT verificationCode AS code FROM Certification ORDER BY id LIMIT 1`).code;
}

const pages = [
  "/",
  "/en",
  "/products",
  "/products?q=mat+ong&stars=3",
  "/en/products",
  "/products/buoi-do-tan-lac",
  "/en/products/buoi-do-tan-lac",
  "/verify/:code",
  "/en/verify/:code",
  "/verify/UNKNOWN99",
  "/stats",
  "/en/stats",
  "/producers",
  "/producers?type=COOPERATIVE",
  "/khong-co-trang-nay",
];

for (const path of pages) {
  test(`no WCAG 2.1 AA violations on ${path}`, async ({ page }) => {
    await page.goto(path.replace(":code", someVerificationCode()));
    await expectNoViolations(page);
  });
}
