// Two production server processes share one database; a third process
// revokes a certificate through the domain service. Both servers hold the
// affected pages in their page caches beforehand, and must show the
// revocation (verification page, product page, catalogue list) within 2 s of
// the commit: each polls the database's change counter and drops its caches.
// Once on a SQLite file, once on a PostgreSQL database.
import { mkdirSync, rmSync } from "node:fs";
import { expect, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import {
  migrateAndSeed,
  reachablePostgres,
  run,
  scratchPostgres,
  sleep,
  startServer,
  stopAllServers,
  stopServer,
  waitUntilHealthy,
  type ServerProcess as Server,
} from "./support/server-processes";

const PROPAGATION_LIMIT_MS = 2_000;
const POLL_EVERY_MS = 50;
const TMP = "e2e/.tmp";

// The two cases run one after the other in one worker (the ports and the CPU are shared).
test.describe.configure({ mode: "default" });

test.afterAll(async () => {
  await stopAllServers();
});

// ---------- Reading the pages ----------

async function text(response: APIResponse, url: string): Promise<string> {
  expect(response.status(), `GET ${url}`).toBe(200);
  return response.text();
}

function verifyStatus(html: string): string | null {
  const tag = /<[a-z]+\b[^>]*\bdata-testid="verify"[^>]*>/.exec(html)?.[0] ?? "";
  return /\bdata-status="([a-z]+)"/.exec(tag)?.[1] ?? null;
}

function certificationBlockStatus(html: string): string | null {
  const start = html.indexOf('data-testid="certification-block"');
  return start < 0 ? null : (/\bdata-status="([a-z]+)"/.exec(html.slice(start))?.[1] ?? null);
}

function hasCard(html: string, slug: string): boolean {
  return html
    .split('data-testid="product-card"')
    .slice(1)
    .some((card) => card.slice(0, card.indexOf("</article>")).includes(`href="/products/${slug}"`));
}

type Target = { slug: string; code: string };

const paths = (target: Target) => ({ verify: `/verify/${target.code}`, product: `/products/${target.slug}`, list: "/products" });

/** The three views of the target on one server, as they are now. */
async function look(request: APIRequestContext, server: Server, target: Target) {
  const { verify, product, list } = paths(target);
  const [verifyResponse, productResponse, listResponse] = await Promise.all(
    [verify, product, list].map((path) => request.get(server.origin + path)),
  );
  return {
    verify: { status: verifyStatus(await text(verifyResponse!, verify)), cache: verifyResponse!.headers()["x-page-cache"] },
    product: { status: certificationBlockStatus(await text(productResponse!, product)), cache: productResponse!.headers()["x-page-cache"] },
    list: { listed: hasCard(await text(listResponse!, list), target.slug), cache: listResponse!.headers()["x-page-cache"] },
  };
}

/** A product in force and on the first page of /products (sort newest): its card can disappear from there. */
async function pickTarget(request: APIRequestContext, server: Server): Promise<Target> {
  const api = (await (await request.get(`${server.origin}/api/products?page=1`)).json()) as {
    items: Array<{ slug: string; certification: { status: string; verificationCode: string } }>;
  };
  const item = api.items.find((candidate) => candidate.certification.status === "valid");
  expect(item, "a product in force on the first page of the catalogue").toBeDefined();
  return { slug: item!.slug, code: item!.certification.verificationCode };
}

/** Polls one server every POLL_EVERY_MS until all three views show the revocation; returns when each first did. */
async function watchForRevocation(request: APIRequestContext, server: Server, target: Target, until: () => number) {
  const { verify, product, list } = paths(target);
  const seenAt: { verify?: number; product?: number; list?: number } = {};
  const check = async (key: keyof typeof seenAt, path: string, shows: (html: string) => boolean) => {
    if (seenAt[key] !== undefined) return;
    const response = await request.get(server.origin + path);
    const html = await text(response, path);
    if (shows(html)) seenAt[key] = Date.now();
  };
  while (Date.now() < until()) {
    const started = Date.now();
    await Promise.all([
      check("verify", verify, (html) => verifyStatus(html) === "revoked"),
      check("product", product, (html) => certificationBlockStatus(html) === "revoked"),
      check("list", list, (html) => !hasCard(html, target.slug)),
    ]);
    if (seenAt.verify !== undefined && seenAt.product !== undefined && seenAt.list !== undefined) break;
    await sleep(Math.max(0, POLL_EVERY_MS - (Date.now() - started)));
  }
  return seenAt;
}

/** The scenario, on two servers already started on one database. */
async function revocationReachesBothServers(request: APIRequestContext, databaseUrl: string, servers: Server[], label: string) {
  await Promise.all(servers.map((server) => waitUntilHealthy(request, server)));
  const target = await pickTarget(request, servers[0]!);

  // Warm both: each page twice, the second answered from the page cache.
  for (const server of servers) {
    const first = await look(request, server, target);
    expect(first.verify.status, `${server.name}: the certificate is valid before`).toBe("valid");
    expect(first.product.status).toBe("valid");
    expect(first.list.listed, `${server.name}: the product is on /products before`).toBe(true);
    const second = await look(request, server, target);
    expect(second, `${server.name}: the second GET of each page comes from its page cache`).toEqual({
      verify: { status: "valid", cache: "hit" },
      product: { status: "valid", cache: "hit" },
      list: { listed: true, cache: "hit" },
    });
  }

  // A third process revokes the certificate; both servers are watched from the moment it starts.
  const spawnedAt = Date.now();
  let committedAt: number | undefined;
  const revocation = run(["node_modules/tsx/dist/cli.mjs", "e2e/support/revoke-certification.ts", target.code], {
    DATABASE_URL: databaseUrl,
  }).then((output) => {
    const line = output.split("\n").find((candidate) => candidate.startsWith("{"));
    committedAt = (JSON.parse(line ?? "{}") as { committedAt?: number }).committedAt;
    if (committedAt === undefined) throw new Error(`The revocation did not report its commit:\n${output}`);
    return committedAt;
  });
  let failed = false;
  revocation.catch(() => (failed = true));
  const until = () => (failed ? 0 : committedAt !== undefined ? committedAt + PROPAGATION_LIMIT_MS + 3_000 : spawnedAt + 60_000);
  const [commit, observed] = await Promise.all([
    revocation,
    Promise.all(servers.map((server) => watchForRevocation(request, server, target, until))),
  ]);

  const results = servers.map((server, index) => {
    const seenAt = observed[index]!;
    const views = Object.fromEntries(
      (["verify", "product", "list"] as const).map((key) => [key, seenAt[key] === undefined ? null : seenAt[key]! - commit]),
    ) as Record<"verify" | "product" | "list", number | null>;
    const all = Object.values(views).every((ms) => ms !== null) ? Math.max(...(Object.values(views) as number[])) : null;
    console.log(
      `propagation ${label} ${server.name}: ${all === null ? "not seen" : `${all} ms`} ` +
        `(verify ${views.verify ?? "–"} ms, product page ${views.product ?? "–"} ms, list ${views.list ?? "–"} ms)`,
    );
    return { server: server.name, all, views };
  });
  for (const result of results) {
    expect(result.all, `${label} ${result.server}: every view shows the revocation (${JSON.stringify(result.views)})`).not.toBeNull();
    expect(result.all!, `${label} ${result.server}: propagation within ${PROPAGATION_LIMIT_MS} ms`).toBeLessThan(PROPAGATION_LIMIT_MS);
  }
}

test("a revocation by another process reaches two servers on one SQLite file within 2 s", async ({ request }) => {
  test.setTimeout(240_000);
  mkdirSync(TMP, { recursive: true });
  const file = `${TMP}/multi-process-${process.pid}.db`;
  const removeFiles = () => {
    for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(file + suffix, { force: true });
  };
  removeFiles();
  const databaseUrl = `file:./${file}`;
  const servers: Server[] = [];
  try {
    await migrateAndSeed(databaseUrl);
    servers.push(startServer("server A", 3181, databaseUrl), startServer("server B", 3182, databaseUrl));
    await revocationReachesBothServers(request, databaseUrl, servers, "sqlite");
  } finally {
    await Promise.all(servers.map(stopServer));
    removeFiles();
  }
});

test("a revocation by another process reaches two servers on one PostgreSQL database within 2 s", async ({ request }) => {
  test.setTimeout(240_000);
  const adminUrl = await reachablePostgres();
  test.skip(adminUrl === null, "No PostgreSQL answers (TEST_POSTGRES_URL, or postgresql://ocop:ocop@127.0.0.1:5432/postgres)");
  const { url: databaseUrl, drop } = await scratchPostgres(adminUrl!, `ocop_e2e_multi_process_${process.pid}`);
  const servers: Server[] = [];
  try {
    await migrateAndSeed(databaseUrl);
    servers.push(startServer("server A", 3183, databaseUrl), startServer("server B", 3184, databaseUrl));
    await revocationReachesBothServers(request, databaseUrl, servers, "postgresql");
  } finally {
    await Promise.all(servers.map(stopServer));
    await drop();
  }
});
