// A producer reaches only its own records in the portal, over HTTP against the
// production server. The routes come from the build's route manifest, so a
// portal page added later is checked without being listed here: every portal
// route with a record in its URL, filled with another producer's ids, answers
// 404 to GET and to POST (whatever is posted), in Vietnamese and English, and
// the other producer's records do not change; a parameter this test cannot
// fill fails it. The producer's own pages answer 200 and are axe-clean.
// The fixtures write two producers and their accounts (@writes).
import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { expectNoViolations } from "./support/axe";
import { vi } from "../app/i18n/vi";
import { E2E_DATABASE, E2E_PORT } from "../playwright.config";
import { readDemoDatabase } from "./oracle";
import { fullPattern, readRouteManifest, type ManifestRoute } from "./support/admin-routes";
import type { PortalFixtures, PortalSide } from "./support/portal-fixtures";

const ORIGIN = `http://127.0.0.1:${E2E_PORT}`;
const DATABASE_URL = `file:./${E2E_DATABASE}`;
const MEDIA_DIR = process.env.E2E_MEDIA_DIR ?? `e2e/.tmp/media-${E2E_PORT}`;

test.describe.configure({ mode: "default" });

type PortalRoute = ManifestRoute & { pattern: string };

/** What a URL parameter names, from the segment before it. */
const RECORD_OF_SEGMENT = { products: "productId", certifications: "certificationId", documents: "documentId" } as const satisfies Record<string, keyof PortalSide>;

type Target = { routeId: string; method: "GET" | "POST"; url: string; hasParameter: boolean; hasLoader: boolean; isDocument: boolean };

function portalRoutes(manifest: ManifestRoute[]): PortalRoute[] {
  const byId = new Map(manifest.map((route) => [route.id, route]));
  return manifest
    .map((route) => ({ ...route, pattern: fullPattern(route, byId) }))
    .filter((route) => {
      const segments = route.pattern.split("/").filter(Boolean);
      return segments[segments[0] === ":lang?" ? 1 : 0] === "portal";
    })
    .sort((a, b) => a.pattern.localeCompare(b.pattern) || a.id.localeCompare(b.id));
}

/** Each route's URLs in both languages, its parameters filled with `side`'s records; GET always, POST when it has an action. */
function targetsOf(routes: PortalRoute[], side: PortalSide): Target[] {
  const targets = routes.flatMap((route) =>
    (["vi", "en"] as const).flatMap((language) => {
      const raw = route.pattern.split("/").filter(Boolean);
      let hasParameter = false;
      const segments = raw.flatMap((segment, position) => {
        if (segment === ":lang?") return language === "en" ? ["en"] : [];
        if (segment === "*") throw new Error(`route ${route.id} (${route.pattern}): a splat route needs a rule in this test`);
        if (!segment.startsWith(":")) return [segment];
        const before = raw[position - 1] ?? "";
        if (!(before in RECORD_OF_SEGMENT)) throw new Error(`route ${route.id} (${route.pattern}): cannot tell which record ${segment} names (the segment before it is "${before}")`);
        hasParameter = true;
        return [String(side[RECORD_OF_SEGMENT[before as keyof typeof RECORD_OF_SEGMENT]])];
      });
      const url = `/${segments.join("/")}`;
      const base = { routeId: route.id, url, hasParameter, hasLoader: route.hasLoader, isDocument: raw.includes("documents") };
      return [
        { ...base, method: "GET" as const },
        ...(route.hasAction ? [{ ...base, method: "POST" as const, url: route.index ? `${url}?index` : url }] : []),
      ];
    }),
  );
  // Each request once (a layout and its index route share a URL).
  return [...new Map(targets.map((target) => [`${target.method} ${target.url}`, target])).values()];
}

type Answer = { status: number; location: string | null; body: string };

async function send(method: "GET" | "POST", url: string, { cookie, form }: { cookie?: string; form?: Record<string, string> } = {}): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (cookie) headers.Cookie = cookie;
  if (method === "POST") {
    headers.Origin = ORIGIN;
    headers["Content-Type"] = "application/x-www-form-urlencoded";
  }
  const response = await fetch(ORIGIN + url, { method, headers, redirect: "manual", body: method === "POST" ? new URLSearchParams(form ?? {}).toString() : undefined });
  return { status: response.status, location: response.headers.get("location"), body: await response.text() };
}

function runFixtures(command: "create" | "remove", argument: string): string {
  return execFileSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "e2e/support/portal-fixtures.ts", command, argument], {
    env: { ...process.env, DATABASE_URL, MEDIA_DIR },
    encoding: "utf8",
  });
}

/** What producer B's records look like, read from the database: none of it may change. */
function recordsOf(side: PortalSide) {
  return readDemoDatabase((sqlite) => ({
    producer: sqlite.prepare(`SELECT version, status, legalName, phone FROM Producer WHERE id = ?`).get(side.producerId),
    product: sqlite.prepare(`SELECT version, status, nameVi FROM Product WHERE id = ?`).get(side.productId),
    certification: sqlite.prepare(`SELECT version, reviewStatus, decisionNumber FROM Certification WHERE id = ?`).get(side.certificationId),
    images: sqlite.prepare(`SELECT id, altVi, position FROM ProductImage WHERE productId = ? ORDER BY id`).all(side.productId),
    documents: sqlite.prepare(`SELECT id FROM Document WHERE producerId = ? ORDER BY id`).all(side.producerId),
    messages: sqlite.prepare(`SELECT COUNT(*) AS n FROM ReviewMessage WHERE producerId = ?`).get(side.producerId),
    revisions: sqlite.prepare(`SELECT COUNT(*) AS n FROM Revision WHERE producerId = ?`).get(side.producerId),
  }));
}


test.describe("the producer portal's ownership @writes", () => {
  let routes: PortalRoute[] = [];
  let fixtures: PortalFixtures;

  test.beforeAll(() => {
    routes = portalRoutes(readRouteManifest({ DATABASE_URL, NODE_ENV: "production", PUBLIC_URL: ORIGIN, LOG_REQUESTS: "false" }));
    fixtures = JSON.parse(runFixtures("create", Date.now().toString(36)).trim().split("\n").pop()!) as PortalFixtures;
  });

  test.afterAll(() => {
    if (fixtures) runFixtures("remove", JSON.stringify(fixtures));
  });

  test("the enumeration finds every portal route file, from a current build", () => {
    const ids = routes.map((route) => route.id);
    expect(ids).toContain("routes/($lang).portal");
    const files = readdirSync("app/routes")
      .filter((file) => file.startsWith("($lang).portal"))
      .map((file) => `routes/${file.replace(/\.tsx?$/, "")}`);
    expect(files.length).toBeGreaterThan(5);
    expect(files.filter((id) => !ids.includes(id)), "portal routes missing from the build: run npx remix vite:build").toEqual([]);
    // Each kind of record is in some route's URL.
    const targets = targetsOf(routes, fixtures.b);
    for (const segment of Object.keys(RECORD_OF_SEGMENT)) {
      expect(targets.some((target) => target.hasParameter && target.url.includes(`/${segment}/`)), `a portal route with a ${segment} id`).toBe(true);
    }
  });

  test("another producer's ids answer 404 on every portal route, by GET and by POST, and change nothing", async () => {
    test.setTimeout(120_000);
    const { a, b } = fixtures;
    const targets = targetsOf(routes, b).filter((target) => target.hasParameter);
    expect(targets.some((target) => target.method === "POST")).toBe(true);
    const before = recordsOf(b);
    // Whatever a page could post: each intent the portal's forms use, filled in.
    const forms: Array<Record<string, string>> = [
      {},
      { intent: "save", nameVi: "Chiếm quyền", productSetId: "1", version: "1" },
      { intent: "withdraw", confirm: "on" },
      { intent: "submit" },
      { intent: "withdrawRevision", revisionId: "1" },
      { intent: "answer", item: "product", itemId: String(b.productId), body: "Chiếm quyền" },
      { intent: "correct", decisionNumber: "1/QĐ", signedOn: "2025-01-01", stars: "4", issuerLevel: "PROVINCE", issuerName: "UBND", version: "1", productId: String(b.productId) },
      { intent: "alt", imageId: String(b.imageId), altVi: "Chiếm quyền" },
      { intent: "move", imageId: String(b.imageId), direction: "down" },
      { intent: "remove", imageId: String(b.imageId), confirm: "on" },
    ];
    const requests = targets.flatMap((target): Array<{ target: Target; form?: Record<string, string> }> =>
      target.method === "GET" ? [{ target }] : forms.map((form) => ({ target, form })),
    );
    const wrong: string[] = [];
    for (const { target, form } of requests) {
      const answer = await send(target.method, target.url, { cookie: a.cookie, form });
      if (answer.status !== 404) wrong.push(`${target.method} ${target.url} ${form ? JSON.stringify(form) : ""} → ${answer.status}`);
    }
    expect(wrong).toEqual([]);
    expect(recordsOf(b)).toEqual(before);
  });

  test("pages without a record in their URL show only the producer's own records; a visitor is sent to sign in", async () => {
    const { a, b } = fixtures;
    const pages = targetsOf(routes, a).filter((target) => !target.hasParameter && target.method === "GET");
    expect(pages.length).toBeGreaterThan(0);
    for (const target of pages) {
      const answer = await send("GET", target.url, { cookie: a.cookie });
      expect(answer.status, target.url).toBe(200);
      expect(answer.body, target.url).not.toContain(b.producerName);
      expect(answer.body, target.url).not.toContain(b.productName);
      const visitor = await send("GET", target.url);
      expect([302, 303], target.url).toContain(visitor.status);
      expect(new URL(visitor.location ?? "", ORIGIN).pathname).toMatch(/^(\/en)?\/login$/);
    }
    const products = await send("GET", "/portal/products", { cookie: a.cookie });
    expect(products.body).toContain(a.productName);
  });

  test("the producer's own pages answer 200 and are axe-clean", async ({ page, context }) => {
    test.setTimeout(180_000);
    const { a } = fixtures;
    const pages = targetsOf(routes, a).filter((target) => target.method === "GET" && target.hasLoader);
    const wrong: string[] = [];
    for (const target of pages) {
      const answer = await send("GET", target.url, { cookie: a.cookie });
      if (answer.status !== 200) wrong.push(`${target.url} → ${answer.status}`);
    }
    expect(wrong).toEqual([]);
    const split = a.cookie.indexOf("=");
    await context.addCookies([{ name: a.cookie.slice(0, split), value: a.cookie.slice(split + 1), url: ORIGIN, httpOnly: true, sameSite: "Lax" }]);
    for (const target of pages.filter((candidate) => !candidate.isDocument)) {
      await page.goto(target.url);
      await expect(page.locator("h1")).toBeVisible();
      await expect(page.getByTestId("signed-in-as")).toContainText(a.producerName);
      await expectNoViolations(page);
    }
  });

  test("the producer proposes a product, enters its certificate with a scan, and edits its profile", async ({ page, context }) => {
    const { a } = fixtures;
    const split = a.cookie.indexOf("=");
    await context.addCookies([{ name: a.cookie.slice(0, split), value: a.cookie.slice(split + 1), url: ORIGIN, httpOnly: true, sameSite: "Lax" }]);
    const fields = vi.admin.products.fields;
    const certificate = vi.admin.certifications;

    await page.goto("/portal/products/new");
    const name = `Mật ong hoa ban (kiểm thử ${fixtures.tag})`;
    await page.getByLabel(fields.nameVi).fill(name);
    await page.getByLabel(fields.productSetId).selectOption("4");
    await page.getByRole("button", { name: vi.portal.product.proposeSubmit }).click();
    await expect(page).toHaveURL(/\/portal\/products\/\d+$/);
    await expect(page.getByTestId("product-status")).toContainText(vi.admin.products.status_PENDING_REVIEW);
    const productId = Number(new URL(page.url()).pathname.split("/").pop());
    expect(readDemoDatabase((sqlite) => sqlite.prepare(`SELECT producerId, status FROM Product WHERE id = ?`).get(productId))).toEqual({ producerId: a.producerId, status: "PENDING_REVIEW" });

    await page.getByRole("link", { name: vi.portal.certificates.add }).click();
    await page.getByLabel(certificate.field_decisionNumber).fill(`E2E-DX-${fixtures.tag}/QĐ-UBND`);
    await page.getByLabel(certificate.field_signedOn).fill("2025-09-15");
    await page.getByLabel(certificate.field_stars).selectOption("4");
    await page.getByLabel(certificate.field_issuerName).fill("UBND thành phố Hà Nội");
    await page.getByLabel(vi.portal.certificates.scan).setInputFiles({ name: "quyet-dinh.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n%%EOF\n") });
    await page.getByRole("button", { name: vi.portal.certificates.submit }).click();
    await expect(page).toHaveURL(new RegExp(`/portal/products/${productId}$`));
    await expect(page.getByTestId("product-certificates")).toContainText(vi.portal.certificates.review_PENDING);
    expect(readDemoDatabase((sqlite) => sqlite.prepare(`SELECT c.reviewStatus, COUNT(d.id) AS scans FROM Certification c LEFT JOIN Document d ON d.certificationId = c.id WHERE c.productId = ? GROUP BY c.id`).all(productId))).toEqual([
      { reviewStatus: "PENDING", scans: 1 },
    ]);

    await page.goto("/portal/profile");
    await page.getByLabel(vi.admin.producers.fields.phone).fill("0243 123 4567");
    await page.getByLabel(vi.admin.producers.fields.legalName).fill(`${a.producerName} mới`);
    await page.getByRole("button", { name: vi.portal.profile.save }).click();
    await expect(page.getByTestId("open-revision")).toContainText(`${a.producerName} mới`);
    expect(readDemoDatabase((sqlite) => sqlite.prepare(`SELECT legalName, phone FROM Producer WHERE id = ?`).get(a.producerId))).toEqual({ legalName: a.producerName, phone: "0243 123 4567" });
    await expectNoViolations(page);
  });
});
