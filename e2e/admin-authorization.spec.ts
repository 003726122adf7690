// Who may reach which admin page, over HTTP against the production server.
// The routes come from the build's route manifest (e2e/support/admin-routes.ts),
// so a page added later is checked without being listed here: every admin
// route, in Vietnamese and English, by GET and (with an action) by POST, for a
// visitor, a producer account, a national editor, Phú Thọ's editor and an
// admin. Signed-in fixtures write their sessions straight to the database
// (e2e/support/admin-fixtures.ts); only the sign-in tests go through the form.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { formatDate, vietnamToday } from "../app/lib/dates";
import { E2E_DATABASE, E2E_PORT } from "../playwright.config";
import { readDemoDatabase } from "./oracle";
import type { AdminFixtures } from "./support/admin-fixtures";
import { adminRoutes, readRouteManifest, routeTargets, type AdminRoute, type RecordKind, type RouteTarget } from "./support/admin-routes";

const ORIGIN = `http://127.0.0.1:${E2E_PORT}`;
const DATABASE_URL = `file:./${E2E_DATABASE}`;
// The server's media folder, as scripts/e2e-server.mjs picks it: the fixtures' documents go there.
const MEDIA_DIR = process.env.E2E_MEDIA_DIR ?? `e2e/.tmp/media-${E2E_PORT}`;
const CONCURRENCY = 4;

// One worker, in order: the fixtures are made once and removed at the end.
test.describe.configure({ mode: "default" });

type Answer = { status: number; location: string | null; setCookie: string | null; retryAfter: string | null; body: string };

/** One request without following redirects; a POST carries our Origin and an empty form unless given one. */
async function send(method: "GET" | "POST", url: string, { cookie, form, origin = ORIGIN }: { cookie?: string; form?: Record<string, string>; origin?: string } = {}): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (cookie) headers.Cookie = cookie;
  if (method === "POST") {
    headers.Origin = origin;
    headers["Content-Type"] = "application/x-www-form-urlencoded";
  }
  const response = await fetch(ORIGIN + url, { method, headers, redirect: "manual", body: method === "POST" ? new URLSearchParams(form ?? {}).toString() : undefined });
  const header = (name: string) => response.headers.get(name);
  return { status: response.status, location: header("location"), setCookie: header("set-cookie"), retryAfter: header("retry-after"), body: await response.text() };
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

const describeTarget = (target: RouteTarget) => `${target.method} ${target.url} (${target.routeId})`;

/**
 * Sends every target with `cookie` and returns, for each one whose answer
 * `expected` refuses, a line naming it and what came back (empty: all good).
 */
async function mismatches(targets: readonly RouteTarget[], cookie: string | undefined, expected: (target: RouteTarget, answer: Answer) => boolean): Promise<string[]> {
  const answers = await mapLimit(targets, CONCURRENCY, (target) => send(target.method, target.url, { cookie }));
  return targets.flatMap((target, i) => {
    const answer = answers[i]!;
    return expected(target, answer) ? [] : [`${describeTarget(target)} → ${answer.status}${answer.location ? ` ${answer.location}` : ""}`];
  });
}

function runFixtures(command: "create" | "remove", argument: string): string {
  return execFileSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "e2e/support/admin-fixtures.ts", command, argument], {
    env: { ...process.env, DATABASE_URL, MEDIA_DIR },
    encoding: "utf8",
  });
}

/**
 * Records of each kind in Phú Thọ (the demo's province), for the checks by
 * role: the demo's own, and the fixtures' for kinds the demo seed has none of.
 */
function demoIds(fixtures: AdminFixtures): Record<RecordKind, number> {
  return readDemoDatabase((sqlite) => {
    const one = (sql: string) => (sqlite.prepare(sql).get() as { id: number } | undefined)?.id;
    const inPhuTho = `JOIN Province pv ON pv.id = pr.provinceId AND pv.slug = 'phu-tho'`;
    const ids = {
      producers: one(`SELECT pr.id FROM Producer pr ${inPhuTho} ORDER BY pr.id LIMIT 1`),
      products: one(`SELECT p.id FROM Product p JOIN Producer pr ON pr.id = p.producerId ${inPhuTho} ORDER BY p.id LIMIT 1`),
      certifications: one(`SELECT c.id FROM Certification c JOIN Product p ON p.id = c.productId JOIN Producer pr ON pr.id = p.producerId ${inPhuTho} ORDER BY c.id LIMIT 1`),
      accounts: one(`SELECT id FROM User WHERE email = 'phutho.editor@ocop.example'`),
    };
    for (const [kind, id] of Object.entries(ids)) if (id === undefined) throw new Error(`the demo database has no ${kind} in Phú Thọ`);
    return { ...(ids as Record<Exclude<RecordKind, "revisions" | "documents" | "outbox">, number>), ...fixtureIds(fixtures) };
  });
}

/** The fixtures' Phú Thọ records of the kinds the demo seed lacks. */
const fixtureIds = (fixtures: AdminFixtures) => ({ revisions: fixtures.phuTho.revisionId, documents: fixtures.phuTho.documentId, outbox: fixtures.outboxId });

/** The sign-in form's error, as the page shows it. */
function signInError(html: string): string {
  const match = /data-testid="sign-in-error"[^>]*>([\s\S]*?)<\/div>/.exec(html);
  return (match?.[1] ?? "").replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").trim();
}

/** Each request once (a layout and its index route share a URL). */
const distinct = (targets: RouteTarget[]) => [...new Map(targets.map((target) => [`${target.method} ${target.url}`, target])).values()];

/** Account management and the outbox (every mail, whoever it went to): admins only. */
const isAdminOnly = (target: RouteTarget) => /\/admin\/(accounts|outbox)(\/|\?|$)/.test(target.url);

/** Kinds of record no province owns: out of the province editor's 404 checks. */
const UNSCOPED_KINDS: readonly RecordKind[] = ["accounts", "outbox"];

// Fixtures and sign-ins write to the shared database: these run after the read-only browser tests (@writes).
test.describe("admin authorization @writes", () => {
  let routes: AdminRoute[] = [];
  let fixtures: AdminFixtures;

  test.beforeAll(() => {
    routes = adminRoutes(readRouteManifest({ DATABASE_URL, NODE_ENV: "production", PUBLIC_URL: ORIGIN, LOG_REQUESTS: "false" }));
    fixtures = JSON.parse(runFixtures("create", Date.now().toString(36)).trim().split("\n").pop()!) as AdminFixtures;
  });

  test.afterAll(() => {
    if (fixtures) runFixtures("remove", JSON.stringify(fixtures));
  });

  /** Every admin URL with Phú Thọ's records in its parameters. */
  const allTargets = () => distinct(routes.flatMap((route) => routeTargets(route, demoIds(fixtures))));

  test.describe("every admin route, from the build's route manifest", () => {
    test.describe.configure({ timeout: 120_000 });

    test("the enumeration finds the layout and the producers, products, certifications, audit, accounts, reviews, documents and outbox pages, from a current build", () => {
      expect(routes.length).toBeGreaterThan(0);
      const ids = routes.map((route) => route.id);
      expect(ids).toContain("routes/($lang).admin");
      const patterns = routes.map((route) => route.pattern);
      for (const section of ["producers", "products", "certifications", "audit", "accounts", "reviews", "documents", "outbox"]) {
        expect(patterns.some((pattern) => new RegExp(`(^|/)admin/${section}(/|$)`).test(pattern)), `an admin route for ${section} in ${JSON.stringify(patterns)}`).toBe(true);
      }
      // Every admin route file is in the build (else the build is older than the routes).
      const files = readdirSync("app/routes")
        .filter((file) => file.startsWith("($lang).admin"))
        .map((file) => `routes/${file.replace(/\.tsx?$/, "")}`);
      expect(files.filter((id) => !ids.includes(id)), "admin routes missing from the build: run npx remix vite:build").toEqual([]);
    });

    test("a visitor is sent to sign in, and back to the page afterwards", async () => {
      const targets = allTargets();
      expect(targets.length).toBeGreaterThan(0);
      const wrong = await mismatches(targets, undefined, (target, answer) => {
        if (answer.status !== 302 && answer.status !== 303) return false;
        const location = new URL(answer.location ?? "", ORIGIN);
        return (
          location.origin === ORIGIN &&
          location.pathname === (target.language === "en" ? "/en/login" : "/login") &&
          // Remix hands an index route's action its URL without `?index`, and so comes back to the page.
          location.searchParams.get("redirectTo") === target.url.replace(/\?index$/, "")
        );
      });
      expect(wrong).toEqual([]);
    });

    test("a producer account gets 403 everywhere", async () => {
      const wrong = await mismatches(allTargets(), fixtures.cookies.producer, (_target, answer) => answer.status === 403);
      expect(wrong).toEqual([]);
    });

    test("editors get 403 on account management and the outbox and never elsewhere; an admin never", async () => {
      const targets = allTargets();
      for (const section of ["accounts", "outbox"]) {
        expect(targets.some((target) => isAdminOnly(target) && target.url.includes(`/admin/${section}`)), `no ${section} route was enumerated`).toBe(true);
      }
      const staffExpectation = (target: RouteTarget, answer: Answer) => (isAdminOnly(target) ? answer.status === 403 : answer.status !== 403 && answer.status < 500);
      expect(await mismatches(targets, fixtures.cookies.editor, staffExpectation), "national editor").toEqual([]);
      expect(await mismatches(targets, fixtures.cookies.provinceEditor, staffExpectation), "Phú Thọ's editor").toEqual([]);
      expect(await mismatches(targets, fixtures.cookies.admin, (_target, answer) => answer.status !== 403 && answer.status < 500), "admin").toEqual([]);
      // Pages (GET) answer 200 to an admin: the ids put in the URLs are real.
      expect(await mismatches(targets.filter((target) => target.method === "GET" && target.hasLoader), fixtures.cookies.admin, (_target, answer) => answer.status === 200), "admin GET").toEqual([]);
    });

    test("Phú Thọ's editor gets 404 for another province's records; the national editor sees them", async () => {
      const { far } = fixtures;
      const farIds: Record<RecordKind, number> = {
        producers: far.producerId,
        products: far.productId,
        certifications: far.certificationId,
        revisions: far.revisionId,
        documents: far.documentId,
        accounts: demoIds(fixtures).accounts,
        outbox: fixtures.outboxId,
      };
      const targets = distinct(routes.flatMap((route) => routeTargets(route, farIds))).filter(
        (target) => target.kinds.length > 0 && !target.kinds.some((kind) => UNSCOPED_KINDS.includes(kind)),
      );
      const versions = () =>
        readDemoDatabase((sqlite) => {
          const document = sqlite.prepare(`SELECT storageKey, bytes FROM Document WHERE id = ?`).get(far.documentId) as { storageKey: string; bytes: number } | undefined;
          return {
            producer: sqlite.prepare(`SELECT version FROM Producer WHERE id = ?`).get(far.producerId),
            product: sqlite.prepare(`SELECT version FROM Product WHERE id = ?`).get(far.productId),
            certification: sqlite.prepare(`SELECT version, reviewStatus FROM Certification WHERE id = ?`).get(far.certificationId),
            revision: sqlite.prepare(`SELECT status, decidedAt FROM Revision WHERE id = ?`).get(far.revisionId),
            document: document && { ...document, fileExists: existsSync(path.join(MEDIA_DIR, ...document.storageKey.split("/"))) },
          };
        });
      const before = versions();
      expect(before.revision, "the far revision").toEqual({ status: "PENDING", decidedAt: null });
      expect(before.document?.fileExists, "the far document's file").toBe(true);
      const pages = targets.filter((target) => target.method === "GET" && target.hasLoader);
      for (const kind of ["producers", "products", "certifications", "revisions", "documents"] as const) {
        expect(pages.some((target) => target.kinds.includes(kind)), `no admin page with a ${kind} id was enumerated`).toBe(true);
      }
      expect(await mismatches(pages, fixtures.cookies.provinceEditor, (_target, answer) => answer.status === 404), "Phú Thọ's editor").toEqual([]);
      expect(await mismatches(pages, fixtures.cookies.editor, (_target, answer) => answer.status === 200), "national editor").toEqual([]);
      // Forms posted about those records by Phú Thọ's editor, with every intent the pages
      // post (archive, suspend, revoke, restore, delete, and the review decisions), are
      // refused and change nothing: some because the form does not fit the page (400),
      // delete for admins only (403), and each kind at least once because the record is
      // not found (404).
      const forms: Array<Record<string, string>> = [
        {},
        { intent: "archive" },
        { intent: "suspend", reason: "Kiểm thử e2e ngoài phạm vi" },
        { intent: "revoke", revokedOn: formatDate(vietnamToday()), reason: "Kiểm thử e2e ngoài phạm vi" },
        { intent: "restore" },
        { intent: "delete" },
        { intent: "approve" },
        { intent: "request_changes", message: "Kiểm thử e2e ngoài phạm vi" },
        { intent: "reject", message: "Kiểm thử e2e ngoài phạm vi" },
      ];
      const posts = targets.filter((target) => target.method === "POST");
      const answers = await mapLimit(
        posts.flatMap((target) => forms.map((form) => ({ target, form }))),
        CONCURRENCY,
        async ({ target, form }) => ({ target, form, answer: await send("POST", target.url, { cookie: fixtures.cookies.provinceEditor, form }) }),
      );
      const accepted = answers.filter(({ answer }) => ![400, 403, 404].includes(answer.status));
      expect(accepted.map(({ target, form, answer }) => `${describeTarget(target)} ${JSON.stringify(form)} → ${answer.status}`), "Phú Thọ's editor, POST").toEqual([]);
      for (const kind of ["producers", "products", "certifications", "revisions"] as const) {
        expect(answers.some(({ target, answer }) => target.kinds.includes(kind) && answer.status === 404), `a write to another province's ${kind} answered 404`).toBe(true);
      }
      expect(versions()).toEqual(before);
    });
  });

  test.describe("signing in", () => {
    test("repeated wrong passwords are throttled (429 with Retry-After); an unknown email reads like a wrong password", async () => {
      const { throttled } = fixtures.accounts;
      const signIn = (email: string, password: string) => send("POST", "/login", { form: { email, password, redirectTo: "" } });

      const unknown = await signIn(`nobody.${fixtures.tag}@e2e.example`, "mật khẩu nào đó");
      const wrong = await signIn(throttled.email, "mật khẩu sai 1");
      expect(unknown.status).toBe(401);
      expect(wrong.status).toBe(401);
      expect(signInError(wrong.body)).not.toBe("");
      expect(signInError(unknown.body)).toBe(signInError(wrong.body));
      expect(unknown.setCookie ?? "").not.toContain("__session=");

      // The throttle allows 5 failures per account in 15 minutes: the sixth attempt at the latest is refused.
      const statuses = [wrong.status];
      let refused: Answer | undefined;
      for (let attempt = 2; attempt <= 6 && !refused; attempt++) {
        const answer = await signIn(throttled.email, `mật khẩu sai ${attempt}`);
        statuses.push(answer.status);
        if (answer.status === 429) refused = answer;
      }
      expect(refused, `statuses: ${statuses.join(", ")}`).toBeDefined();
      expect(statuses.slice(0, -1).every((status) => status === 401)).toBe(true);
      // Even the right password is refused now; the answer says so, and for how long.
      const rightPassword = await signIn(throttled.email, throttled.password);
      expect(rightPassword.status).toBe(429);
      expect(rightPassword.setCookie ?? "").not.toContain("__session=");
      expect(signInError(rightPassword.body)).not.toBe("");
      expect(signInError(rightPassword.body)).not.toBe(signInError(wrong.body));
      for (const answer of [refused!, rightPassword]) {
        expect(answer.retryAfter ?? "(no Retry-After header)", "the 429 carries Retry-After").toMatch(/^\d+$/);
        expect(Number(answer.retryAfter)).toBeGreaterThan(0);
        expect(Number(answer.retryAfter)).toBeLessThanOrEqual(15 * 60);
      }
    });

    test("the session cookie is HttpOnly and SameSite=Lax; signing out ends the session", async ({ page }) => {
      const { session } = fixtures.accounts;
      await page.goto("/admin/account");
      await expect(page).toHaveURL(/\/login\?redirectTo=%2Fadmin%2Faccount$/);
      await page.locator('input[name="email"]').fill(session.email);
      await page.locator('input[name="password"]').fill(session.password);
      await page.locator('form button[type="submit"]').click();
      await expect(page).toHaveURL(/\/admin\/account$/);
      await expect(page.getByText(session.email).first()).toBeVisible();

      const cookie = (await page.context().cookies()).find((candidate) => candidate.name === "__session");
      expect(cookie, "a __session cookie").toBeDefined();
      expect(cookie!.httpOnly).toBe(true);
      expect(cookie!.sameSite).toBe("Lax");
      expect(cookie!.path).toBe("/");
      const header = `__session=${cookie!.value}`;
      const sessions = () => readDemoDatabase((sqlite) => (sqlite.prepare(`SELECT COUNT(*) AS n FROM Session WHERE userId = ?`).get(session.id) as { n: number }).n);
      expect(sessions()).toBe(1);
      expect((await send("GET", "/admin", { cookie: header })).status).toBe(200);

      const signedOut = await send("POST", "/logout", { cookie: header });
      expect([302, 303]).toContain(signedOut.status);
      expect(new URL(signedOut.location ?? "", ORIGIN).pathname).toBe("/login");
      expect(signedOut.setCookie ?? "").toMatch(/__session=;.*(Max-Age=0|Expires=Thu, 01 Jan 1970)/i);
      expect(sessions()).toBe(0);

      // The same cookie, kept by someone, no longer signs anyone in.
      const after = await send("GET", "/admin", { cookie: header });
      expect([302, 303]).toContain(after.status);
      const location = new URL(after.location ?? "", ORIGIN);
      expect([location.pathname, location.searchParams.get("redirectTo")]).toEqual(["/login", "/admin"]);
      await page.goto("/admin");
      await expect(page).toHaveURL(/\/login\?redirectTo=%2Fadmin$/);
    });

    test("a sign-in posted from another site is refused (403), even with the right password", async () => {
      const { session } = fixtures.accounts;
      const before = readDemoDatabase((sqlite) => (sqlite.prepare(`SELECT COUNT(*) AS n FROM SignInAttempt WHERE email = ?`).get(session.email) as { n: number }).n);
      const answer = await send("POST", "/login", { origin: "http://evil.example", form: { email: session.email, password: session.password, redirectTo: "/admin" } });
      expect(answer.status).toBe(403);
      expect(answer.setCookie ?? "").not.toContain("__session=");
      const afterCount = readDemoDatabase((sqlite) => (sqlite.prepare(`SELECT COUNT(*) AS n FROM SignInAttempt WHERE email = ?`).get(session.email) as { n: number }).n);
      expect(afterCount).toBe(before);
      // And so is a sign-out posted from another site.
      expect((await send("POST", "/logout", { origin: "http://evil.example", cookie: fixtures.cookies.editor })).status).toBe(403);
      expect((await send("GET", "/admin", { cookie: fixtures.cookies.editor })).status).toBe(200);
    });
  });
});
