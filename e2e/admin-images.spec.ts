// Product images from end to end, in Vietnamese and in English: an editor
// uploads two pictures to a product through the admin form, moves the second
// before the first and writes its alt text; the public product page then
// shows them in that order with a srcset of WebP variants that answer 200,
// as image/webp, cached for a year as immutable. A damaged file, a file over
// 5 MB and a file whose content does not match its name are each refused
// with their own message, the typed alt text stays in the form, and nothing
// is stored (no row, no file). The images page has no axe violations.
import { readdirSync, existsSync } from "node:fs";
import path from "node:path";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { expectNoViolations } from "./support/axe";
import { en } from "../app/i18n/en";
import { vi, type Messages } from "../app/i18n/vi";
import { E2E_PORT } from "../playwright.config";
import * as files from "../tests/helpers/images";
import { readDemoDatabase } from "./oracle";

const EDITOR = { email: "editor@ocop.example", password: "demo-editor-2026" };
/** The server's image folder (scripts/e2e-server.mjs). */
const MEDIA_DIR = `e2e/.tmp/media-${E2E_PORT}`;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const labelled = (page: Page | Locator, label: string) => page.getByLabel(new RegExp(`^${escapeRegExp(label)}( \\*)?$`));

/** A public, in-force demo product without images: a different one per language, so the two runs never meet. */
function productWithoutImages(offset: number): { id: number; slug: string } {
  return readDemoDatabase((sqlite) => {
    const row = sqlite
      .prepare(
        `SELECT p.id AS id, p.slug AS slug FROM Product p
         JOIN Producer pr ON pr.id = p.producerId
         JOIN Certification c ON c.id = p.standingCertificationId
         -- a seeded product: one another test has just made (admin-flows) would get this test's audit rows
         WHERE p.isDemo = 1 AND p.status = 'PUBLISHED' AND pr.status = 'APPROVED' AND c.revokedOn IS NULL AND c.validUntil > ?
           AND NOT EXISTS (SELECT 1 FROM ProductImage i WHERE i.productId = p.id)
         ORDER BY p.id DESC LIMIT 1 OFFSET ?`,
      )
      .get(Date.now() + 30 * 24 * 60 * 60 * 1000, offset) as { id: number; slug: string } | undefined;
    if (!row) throw new Error("no demo product without images");
    return row;
  });
}

/** The product's image rows, in order. */
function storedImages(productId: number) {
  return readDemoDatabase(
    (sqlite) =>
      sqlite.prepare(`SELECT storageKey, altVi, altEn, position FROM ProductImage WHERE productId = ? ORDER BY position`).all(productId) as Array<{
        storageKey: string;
        altVi: string;
        altEn: string | null;
        position: number;
      }>,
  );
}

/** Every file in the product's image folder (temporary files included). */
function storedFiles(productId: number): string[] {
  const folder = path.join(MEDIA_DIR, "products", String(productId));
  return existsSync(folder) ? readdirSync(folder).sort() : [];
}

async function signIn(page: Page, prefix: string, messages: Messages) {
  await page.goto(`${prefix}/login`);
  const form = page.locator("form#sign-in");
  await labelled(page, messages.admin.signIn.email).fill(EDITOR.email);
  await labelled(page, messages.admin.signIn.password).fill(EDITOR.password);
  await form.getByRole("button", { name: messages.admin.signIn.submit, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`^[^?]*${prefix}/admin$`));
}

async function upload(page: Page, messages: Messages, file: files.TestFile, alt: { vi: string; en?: string }) {
  const form = page.locator("form#image-upload");
  await form.locator('input[type="file"]').setInputFiles({ name: file.name, mimeType: file.type, buffer: file.bytes });
  // The upload form's own fields: while the page is still arriving, the last alt field on it may be an image's.
  await labelled(form, messages.admin.media.altVi).fill(alt.vi);
  if (alt.en !== undefined) await labelled(form, messages.admin.media.altEn).fill(alt.en);
  await form.getByRole("button", { name: messages.admin.media.upload, exact: true }).click();
}

const LANGUAGES: Array<[string, Messages, "vi" | "en", number]> = [
  ["", vi, "vi", 0],
  ["/en", en, "en", 1],
];

for (const [prefix, messages, language, offset] of LANGUAGES) {
  test(`an editor uploads, reorders and describes two images; the public page shows them with srcset (${language}) @writes`, async ({ page }) => {
    test.setTimeout(90_000);
    const product = productWithoutImages(offset);
    const t = messages.admin.media;
    await signIn(page, prefix, messages);

    // The product's page links to its images.
    await page.goto(`${prefix}/admin/products/${product.id}`);
    await page.getByTestId("manage-images").click();
    await expect(page).toHaveURL(new RegExp(`${prefix}/admin/products/${product.id}/images$`));
    await expect(page.getByText(t.none)).toBeVisible();
    await expectNoViolations(page);

    await upload(page, messages, await files.phoneJpeg(), { vi: "Quả bưởi trên bàn", en: "A pomelo on a table" });
    await expect(page.getByTestId("toast")).toBeVisible();
    await expect(page.getByTestId("image-item")).toHaveCount(1);
    await upload(page, messages, await files.plainPng(), { vi: "Hũ mật ong" });
    await expect(page.getByTestId("image-item")).toHaveCount(2);
    const [first, second] = storedImages(product.id);
    expect([first?.altVi, second?.altVi]).toEqual(["Quả bưởi trên bàn", "Hũ mật ong"]);

    // Move the second picture first (a form with a button: no script needed), then describe it in English.
    await page.getByRole("button", { name: t.moveUpLabel.replace("{{position}}", "2") }).click();
    await expect(page.getByTestId("image-item").first()).toHaveAttribute("data-storage-key", second!.storageKey);
    const top = page.getByTestId("image-item").first();
    await labelled(top, t.altEn).fill("A jar of honey");
    await labelled(top, t.altVi).fill("Hũ mật ong rừng");
    await top.getByRole("button", { name: t.saveAlt, exact: true }).click();
    await expect(page.getByTestId("toast")).toBeVisible();
    await expect.poll(() => storedImages(product.id).map((image) => [image.storageKey, image.altVi, image.altEn])).toEqual([
      [second!.storageKey, "Hũ mật ong rừng", "A jar of honey"],
      [first!.storageKey, "Quả bưởi trên bàn", "A pomelo on a table"],
    ]);

    // Refusals: each with its own message, the alt text kept, nothing stored.
    const filesBefore = storedFiles(product.id);
    expect(filesBefore).toHaveLength(7);
    const refusals: Array<[files.TestFile, string]> = [
      [await files.truncatedJpeg(), t.errors.corrupt],
      [await files.oversizedPng(), t.errors.tooLarge],
      [await files.pngNamedJpg(), t.errors.mismatch],
    ];
    for (const [file, message] of refusals) {
      const typed = `Mô tả giữ lại ${file.name}`;
      await upload(page, messages, file, { vi: typed });
      const form = page.locator("form#image-upload");
      await expect(form.getByText(message)).toBeVisible();
      await expect(labelled(form, t.altVi)).toHaveValue(typed);
      expect(storedImages(product.id)).toHaveLength(2);
      expect(storedFiles(product.id)).toEqual(filesBefore);
    }
    await expect(page.getByTestId("image-item")).toHaveCount(2);
    await expectNoViolations(page);

    // The public page: the new order, each picture with every variant in srcset.
    await page.goto(`${prefix}/products/${product.slug}`);
    const pictures = page.getByTestId("gallery").locator("img");
    await expect(pictures).toHaveCount(2);
    const altOf = (image: { altVi: string; altEn: string | null }) => (language === "en" && image.altEn) || image.altVi;
    await expect(pictures.nth(0)).toHaveAttribute("alt", altOf({ altVi: "Hũ mật ong rừng", altEn: "A jar of honey" }));
    await expect(pictures.nth(1)).toHaveAttribute("alt", altOf({ altVi: "Quả bưởi trên bàn", altEn: "A pomelo on a table" }));
    const expectedSrcsets = [
      [320, 640, 900].map((w) => `/media/${second!.storageKey}-${w}.webp ${w}w`).join(", "),
      [320, 640, 960, 1200].map((w) => `/media/${first!.storageKey}-${w}.webp ${w}w`).join(", "),
    ];
    for (const [index, srcset] of expectedSrcsets.entries()) {
      await expect(pictures.nth(index)).toHaveAttribute("srcset", srcset);
      await expect(pictures.nth(index)).toHaveAttribute("sizes", /\d/);
      for (const url of srcset.split(", ").map((entry) => entry.split(" ")[0]!)) {
        const response = await page.request.get(url);
        expect(response.status(), url).toBe(200);
        expect(response.headers()["content-type"]).toBe("image/webp");
        expect(response.headers()["cache-control"]).toBe("public, max-age=31536000, immutable");
        expect(response.headers()["x-content-type-options"]).toBe("nosniff");
      }
    }
    // The browser drew the first picture from one of the variants.
    await expect.poll(() => pictures.nth(0).evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
    expect(await pictures.nth(0).evaluate((img: HTMLImageElement) => img.currentSrc)).toMatch(new RegExp(`/media/${second!.storageKey}-\\d+\\.webp$`));
  });
}

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("uploading, moving and removing are plain forms @writes", async ({ page }) => {
    const product = productWithoutImages(3);
    const t = vi.admin.media;
    await signIn(page, "", vi);
    await page.goto(`/admin/products/${product.id}/images`);
    await upload(page, vi, await files.plainWebp(), { vi: "Ảnh thứ nhất" });
    await expect(page.getByTestId("image-item")).toHaveCount(1);
    await upload(page, vi, await files.plainPng(), { vi: "Ảnh thứ hai" });
    await expect(page.getByTestId("image-item")).toHaveCount(2);
    await page.getByRole("button", { name: t.moveDownLabel.replace("{{position}}", "1") }).click();
    await expect(page.getByTestId("image-item").first()).toContainText(t.position.replace("{{position}}", "1").replace("{{count}}", "2"));
    expect(storedImages(product.id).map((image) => image.altVi)).toEqual(["Ảnh thứ hai", "Ảnh thứ nhất"]);

    // Removing asks for the ticked box first; the files go with the row.
    const last = page.getByTestId("image-item").last();
    await last.getByRole("button", { name: t.removeLabel.replace("{{position}}", "2") }).click();
    await expect(page.getByText(t.removeConfirmRequired)).toBeVisible();
    expect(storedImages(product.id)).toHaveLength(2);
    await page.getByTestId("image-item").last().getByLabel(t.removeConfirm).check();
    await page.getByTestId("image-item").last().getByRole("button", { name: t.removeLabel.replace("{{position}}", "2") }).click();
    await expect(page.getByTestId("image-item")).toHaveCount(1);
    expect(storedImages(product.id).map((image) => image.altVi)).toEqual(["Ảnh thứ hai"]);
    expect(storedFiles(product.id)).toHaveLength(3);
  });
});

test("the media folder answers only stored WebP variants @writes", async ({ request }) => {
  const stored = readDemoDatabase((sqlite) => sqlite.prepare(`SELECT storageKey FROM ProductImage ORDER BY id LIMIT 1`).get() as { storageKey: string });
  const good = await request.get(`/media/${stored.storageKey}-320.webp`);
  expect(good.status()).toBe(200);
  for (const url of [
    "/media/",
    "/media/products/",
    `/media/${stored.storageKey}-320.png`,
    `/media/${stored.storageKey}-999.webp`,
    "/media/..%2f..%2fpackage.json",
    "/media/products/1/..%2f..%2f..%2fpackage.json",
    "/media/%2e%2e/%2e%2e/package.json",
  ]) {
    const response = await request.get(url);
    expect(response.status(), url).toBe(404);
    expect(await response.text(), url).not.toContain('"dependencies"');
  }
});

test("a file far over the limit gets a clear refusal, not a bare error @writes", async ({ request }) => {
  const product = productWithoutImages(2);
  const response = await request.post(`/admin/products/${product.id}/images`, {
    headers: { Origin: `http://127.0.0.1:${E2E_PORT}` },
    multipart: { intent: "upload", altVi: "Ảnh", file: { name: "lon.jpg", mimeType: "image/jpeg", buffer: Buffer.alloc(7 * 1024 * 1024) } },
  });
  expect(response.status()).toBe(413);
  expect(await response.text()).toContain("5 MB");
});
