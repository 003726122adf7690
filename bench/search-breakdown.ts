/**
 * npm run bench:breakdown [-- options]   where one uncached catalogue search's server time goes, before and after
 *                                        the search indexes of issue #10 (run by hand, not in CI)
 *
 *   --database-url URL   the database (default file:./bench/.tmp/bench-20k.db, made by `npm run bench -- --matrix`);
 *                        a postgresql:// URL on this machine works too
 *   --searches N         distinct searches (default 40)
 *   --report FILE        where to write (default docs/benchmarks-breakdown.md; "-" prints only). The file keeps
 *                        one section per database kind, so a SQLite and a PostgreSQL run sit side by side.
 *
 * After (the current code): `searchCatalogue` with its SearchTimings — reference data, match (trigram index),
 * facets (one pass over the in-memory columns), page order, cards — and "render": the time of the same
 * request to the production server (started as `npm start` starts it, on the same database, build/ as it
 * is) minus the data time measured here just before. Every URL is new to that server, so neither its page
 * cache nor its read cache answers.
 *
 * Before: the SQL of commit ed15bc8 (LIKE scans of CatalogueEntry.searchKey), copied below, on the same
 * database: facet counts in one GROUP BY (the match and the facets in one query), the page's ids, the
 * cards. It ran the GROUP BY and the page query side by side (Promise.all); here they are timed one after
 * the other. Its render is the same React code as after's.
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { serverEnv, serverNodeArgs } from "../scripts/server-command.mjs";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const HOST = "127.0.0.1";
const FIRST_PORT = 3210;
const DEFAULT_DATABASE = "file:./bench/.tmp/bench-20k.db";
const DEFAULT_REPORT = "docs/benchmarks-breakdown.md";

const { values } = parseArgs({
  options: {
    "database-url": { type: "string", default: DEFAULT_DATABASE },
    searches: { type: "string", default: "40" },
    report: { type: "string", default: DEFAULT_REPORT },
  },
  strict: true,
});
const databaseUrl = values["database-url"];
const searchCount = Number(values.searches);
if (!Number.isInteger(searchCount) || searchCount < 1 || searchCount > 1600) throw new Error(`--searches must be a whole number from 1 to 1600, got "${values.searches}"`);
const provider = /^postgres(ql)?:\/\//.test(databaseUrl) ? "postgresql" : "sqlite";
if (provider === "sqlite" && !existsSync(path.join(ROOT, databaseUrl.replace(/^file:/, "")))) {
  throw new Error(`no database at ${databaseUrl}: run \`npm run bench -- --matrix --databases sqlite\` first, or pass --database-url`);
}
// The app's modules read DATABASE_URL when they load.
process.env.DATABASE_URL = databaseUrl;

const { db } = await import("../app/db.server");
const { Prisma } = await import("../app/generated/sqlite/client");
const { searchCatalogue } = await import("../app/modules/catalogue/search.server");
const { parseCatalogueQuery } = await import("../app/modules/catalogue/query.server");
const { PAGE_SIZE } = await import("../app/modules/catalogue/query");
const { inForceSql } = await import("../app/modules/catalogue/visibility.server");
const { inByteOrder, likeContains, likePrefix, queryWords } = await import("../app/modules/catalogue/search-sql.server");
const { lowerWithAccents } = await import("../app/modules/catalogue/search-keys.server");
const { foldText } = await import("../app/modules/text/vietnamese.server");
const { imageSelect } = await import("../app/modules/media/image-sources");
const { vietnamToday } = await import("../app/lib/dates");

type Database = typeof db;
type CatalogueQuery = ReturnType<typeof parseCatalogueQuery>["query"];
type Sql = ReturnType<typeof Prisma.sql>;

// ───────────────────── before: the SQL of commit ed15bc8 ─────────────────────

const GROUP_IDS: Record<string, number> = { I: 1, II: 2, III: 3, IV: 4, V: 5, VI: 6 };
type Facet = "stars" | "group" | "province";
const FROM = Prisma.sql`FROM "CatalogueEntry" e`;

function beforeWhere(query: CatalogueQuery, today: Date, except: Facet[] = []): Sql {
  const parts: Sql[] = [Prisma.sql`1 = 1`];
  if (query.status === "valid") parts.push(inForceSql("e", today));
  for (const word of queryWords(query.q)) parts.push(Prisma.sql`e."searchKey" LIKE ${likeContains(word)} ESCAPE '\\'`);
  if (query.set) parts.push(Prisma.sql`e."productSetId" = ${query.set}`);
  if (query.commune) parts.push(Prisma.sql`e."communeId" IN (SELECT "id" FROM "Commune" WHERE "slug" = ${query.commune})`);
  if (query.producer) parts.push(Prisma.sql`e."producerId" IN (SELECT "id" FROM "Producer" WHERE "slug" = ${query.producer})`);
  if (query.stars.length && !except.includes("stars")) parts.push(Prisma.sql`e."stars" IN (${Prisma.join(query.stars)})`);
  if (query.group && !except.includes("group")) parts.push(Prisma.sql`e."groupId" = ${GROUP_IDS[query.group]}`);
  if (query.province && !except.includes("province")) {
    parts.push(Prisma.sql`e."provinceId" IN (SELECT "id" FROM "Province" WHERE "slug" = ${query.province})`);
  }
  return Prisma.sql`WHERE ${Prisma.join(parts, " AND ")}`;
}

type FacetRow = { stars: number; groupId: number; provinceId: number; n: number | bigint };

/** The match and the facet counts in one GROUP BY, then the tally (ed15bc8's facetCounts). */
async function beforeFacets(database: Database, query: CatalogueQuery, today: Date, selectedProvinceId: number | undefined) {
  const rows = await database.$queryRaw<FacetRow[]>`
    SELECT e."stars" AS "stars", e."groupId" AS "groupId", e."provinceId" AS "provinceId", COUNT(*) AS "n"
    ${FROM}
    ${beforeWhere(query, today, ["stars", "group", "province"])}
    GROUP BY e."stars", e."groupId", e."provinceId"`;
  const groupId = query.group ? GROUP_IDS[query.group] : undefined;
  const keep = (row: FacetRow, except: Facet) =>
    (except === "stars" || !query.stars.length || query.stars.includes(row.stars as 3 | 4 | 5)) &&
    (except === "group" || groupId === undefined || row.groupId === groupId) &&
    (except === "province" || !query.province || row.provinceId === selectedProvinceId);
  let total = 0;
  const stars = new Map<number, number>();
  for (const row of rows) {
    if (keep(row, "stars") && keep(row, "group") && keep(row, "province")) total += Number(row.n);
    if (keep(row, "stars")) stars.set(row.stars, (stars.get(row.stars) ?? 0) + Number(row.n));
  }
  return { total, stars };
}

function beforeRelevanceTier(q: string): Sql {
  const typed = lowerWithAccents(q);
  const folded = foldText(q);
  return Prisma.sql`CASE
    WHEN e."nameLower" LIKE ${likePrefix(typed)} ESCAPE '\\' THEN 0
    WHEN e."nameLower" LIKE ${likeContains(typed)} ESCAPE '\\' THEN 1
    WHEN e."nameFolded" LIKE ${likePrefix(folded)} ESCAPE '\\' THEN 2
    WHEN e."nameFolded" LIKE ${likeContains(folded)} ESCAPE '\\' THEN 3
    ELSE 4 END`;
}

/** ed15bc8's pageIds. */
async function beforePageIds(database: Database, query: CatalogueQuery, today: Date): Promise<number[]> {
  const byName = inByteOrder(database, Prisma.sql`e."searchKey"`);
  const orderBy = {
    relevance: query.q
      ? Prisma.sql`${beforeRelevanceTier(query.q)}, e."stars" DESC, e."signedOn" DESC, e."productId" DESC`
      : Prisma.sql`e."signedOn" DESC, e."productId" DESC`,
    newest: Prisma.sql`e."signedOn" DESC, e."productId" DESC`,
    stars: Prisma.sql`e."stars" DESC, e."signedOn" DESC, e."productId" DESC`,
    name: Prisma.sql`${byName} ASC, e."productId" ASC`,
  }[query.sort];
  const rows = await database.$queryRaw<Array<{ id: number }>>`
    SELECT e."productId" AS "id" ${FROM} ${beforeWhere(query, today)} ORDER BY ${orderBy} LIMIT ${PAGE_SIZE} OFFSET ${(query.page - 1) * PAGE_SIZE}`;
  return rows.map((row) => row.id);
}

/** The cards query (the same before and after). */
async function cards(database: Database, ids: number[]) {
  if (!ids.length) return [];
  return database.product.findMany({
    where: { id: { in: ids } },
    select: {
      id: true,
      slug: true,
      nameVi: true,
      nameEn: true,
      packagingVi: true,
      packagingEn: true,
      productSet: { select: { id: true, nameVi: true, nameEn: true, group: { select: { code: true } } } },
      producer: {
        select: { slug: true, legalName: true, commune: { select: { nameVi: true } }, province: { select: { nameVi: true, nameEn: true } } },
      },
      images: { select: imageSelect, orderBy: { position: "asc" }, take: 1 },
      standingCertification: {
        select: { id: true, stars: true, signedOn: true, validUntil: true, revokedOn: true, decisionNumber: true, verificationCode: true },
      },
    },
  });
}

type Phases = Record<string, number>;

async function before(database: Database, query: CatalogueQuery, today: Date): Promise<{ phases: Phases; total: number; ids: number[] }> {
  const phases: Phases = {};
  let start = performance.now();
  const [, provinces] = await Promise.all([
    database.productGroup.findMany({ orderBy: { id: "asc" } }),
    database.province.findMany({ select: { id: true, slug: true, nameVi: true, nameEn: true } }),
  ]);
  phases.reference = performance.now() - start;
  start = performance.now();
  const counts = await beforeFacets(database, query, today, provinces.find((province) => province.slug === query.province)?.id);
  phases.matchFacets = performance.now() - start;
  start = performance.now();
  const ids = await beforePageIds(database, query, today);
  phases.page = performance.now() - start;
  start = performance.now();
  await cards(database, ids);
  phases.cards = performance.now() - start;
  return { phases, total: counts.total, ids };
}

// ───────────────────────────── the searches ─────────────────────────────

function fold(text: string): string {
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐÐ]/g, "d").toLowerCase();
}

/** The bench's uncached searches (bench/run.mjs): common words × stars × sorts × pages, `count` of them, all different. */
async function searchUrls(database: Database, count: number): Promise<string[]> {
  const names = await database.product.findMany({ where: { status: "PUBLISHED" }, select: { nameVi: true } });
  const counts = new Map<string, number>();
  for (const { nameVi } of names) {
    for (const word of new Set(fold(nameVi).split(/[^a-z0-9]+/).filter((w) => w.length >= 2 && /[a-z]/.test(w)))) counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  const words = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 40).map(([word]) => word);
  if (!words.length) throw new Error("no published products in this database");
  const stars = ["", "&stars=3", "&stars=4", "&stars=5", "&stars=4&stars=5"];
  const sorts = ["", "&sort=newest", "&sort=name", "&sort=stars"];
  const pages = ["", "&page=2"];
  const urls = new Set<string>();
  for (let i = 0; urls.size < Math.min(count, words.length * 40); i++) {
    const word = words[i % words.length]!;
    urls.add(`/products?q=${encodeURIComponent(word)}${stars[i % 5]}${sorts[Math.floor(i / 5) % 4]}${pages[Math.floor(i / 20) % 2]}`);
  }
  return [...urls];
}

// ───────────────────────────── the server ─────────────────────────────

function get(url: string, timeoutMs = 30_000, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { timeout: timeoutMs, agent: false, headers }, (response) => {
      response.resume();
      response.on("end", () => resolve(response.statusCode ?? 0));
      response.on("error", reject);
    });
    request.on("timeout", () => request.destroy(new Error(`GET ${url} timed out`)));
    request.on("error", reject);
  });
}

async function freePort(start: number): Promise<number> {
  const net = await import("node:net");
  for (let port = start; port < start + 50; port++) {
    const free = await new Promise<boolean>((resolve) => {
      const probe = net.createServer();
      probe.once("error", () => resolve(false));
      probe.listen(port, HOST, () => probe.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error(`no free port from ${start}`);
}

async function startServer() {
  if (!existsSync(path.join(ROOT, "build/server/app.js"))) throw new Error("no production build: run `npm run build` first");
  const port = await freePort(FIRST_PORT);
  const child = spawn(process.execPath, serverNodeArgs(), {
    cwd: ROOT,
    stdio: ["ignore", "ignore", "pipe"],
    env: { ...process.env, ...serverEnv(), NODE_ENV: "production", LOG_REQUESTS: "false", HOST, PORT: String(port), PUBLIC_URL: `http://${HOST}:${port}`, DATABASE_URL: databaseUrl },
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
  const base = `http://${HOST}:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}): ${stderr}`);
    if ((await get(`${base}/healthz`, 2000).catch(() => 0)) === 200) break;
    if (Date.now() > deadline) throw new Error("the server did not answer /healthz within 60 s");
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
      setTimeout(() => child.kill("SIGKILL"), 5000).unref();
    });
  return { base, stop };
}

// ───────────────────────────── measure ─────────────────────────────

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
}
const ms = (value: number) => (Number.isNaN(value) ? "—" : `${value.toFixed(value < 10 ? 2 : 1)} ms`);

const today = vietnamToday();
const urls = await searchUrls(db, searchCount);
const queries = urls.map((url) => parseCatalogueQuery(new URL(url, "http://x").searchParams).query);

// Warm-up on a search outside the measured set: the first one builds the in-memory columns.
const warmStart = performance.now();
await searchCatalogue(db, parseCatalogueQuery(new URLSearchParams("q=zz-warm-up")).query, today);
const firstSearchMs = performance.now() - warmStart;
await before(db, parseCatalogueQuery(new URLSearchParams("q=zz-warm-up")).query, today);

const server = await startServer();
const after: Record<string, number[]> = { reference: [], match: [], facets: [], page: [], cards: [], data: [], render: [], http: [], again: [] };
const beforeTimes: Record<string, number[]> = { reference: [], matchFacets: [], page: [], cards: [], data: [] };
let sameTotals = 0;
const loadAverage = os.loadavg()[0] ?? 0;
try {
  // The server's first search also builds its columns: one request outside the measured set.
  await get(`${server.base}/products?q=zz-warm-up-server`);
  for (const [i, query] of queries.entries()) {
    const old = await before(db, query, today);
    for (const [phase, value] of Object.entries(old.phases)) beforeTimes[phase]!.push(value);
    beforeTimes.data!.push(Object.values(old.phases).reduce((a, b) => a + b, 0));

    const timings = { reference: 0, match: 0, facets: 0, page: 0, cards: 0 };
    const start = performance.now();
    const result = await searchCatalogue(db, query, today, timings);
    const data = performance.now() - start;
    if (result.total === old.total) sameTotals++;
    for (const [phase, value] of Object.entries(timings)) after[phase]!.push(value);
    after.data!.push(data);

    const requestStart = performance.now();
    const status = await get(server.base + urls[i]);
    const whole = performance.now() - requestStart;
    if (status !== 200) throw new Error(`GET ${urls[i]} answered ${status}`);
    after.http!.push(whole);
    after.render!.push(Math.max(0, whole - data));
    // The same URL again with a cookie, which the page cache does not answer: the
    // search now comes from the read cache, so this is the rest of the request alone.
    const againStart = performance.now();
    await get(server.base + urls[i], 30_000, { Cookie: "bench=1" });
    after.again!.push(performance.now() - againStart);
  }
} finally {
  await server.stop();
}

const { count: productCount } = { count: await db.product.count() };
await db.$disconnect();

// ───────────────────────────── report ─────────────────────────────

const row = (label: string, values: number[], note = "") => `| ${label} | ${ms(quantile(values, 0.5))} | ${ms(quantile(values, 0.9))} |${note ? ` ${note}` : ""}`;
const afterTable = [
  "| Phase (after) | Median | p90 |",
  "| --- | ---: | ---: |",
  row("reference data (groups, provinces)", after.reference!),
  row("match (trigram index → ids; filters' ids)", after.match!),
  row("facets (one pass over the in-memory columns)", after.facets!),
  row("page order (in memory)", after.page!),
  row("cards (one query for the page's products)", after.cards!),
  row("**data, in all** (searchCatalogue)", after.data!),
  row("render (HTTP request − data)", after.render!),
  row("**whole HTTP request** (uncached)", after.http!),
  row("cross-check: the same request again, search data from the read cache", after.again!),
].join("\n");
const beforeTable = [
  "| Phase (before, ed15bc8's SQL) | Median | p90 |",
  "| --- | ---: | ---: |",
  row("reference data (groups, provinces)", beforeTimes.reference!),
  row("match + facets (one GROUP BY with LIKE)", beforeTimes.matchFacets!),
  row("page query (LIKE, ORDER BY, LIMIT)", beforeTimes.page!),
  row("cards (one query for the page's products)", beforeTimes.cards!),
  row("**data, in all**", beforeTimes.data!),
  row("render (the same React code: after's figure)", after.render!),
].join("\n");
const median = (values: number[]) => quantile(values, 0.5);
const estimatedBefore = median(beforeTimes.data!) + median(after.render!);

const kind = provider === "sqlite" ? "SQLite" : "PostgreSQL";
const code = (() => {
  try {
    const head = readFileSync(path.join(ROOT, ".git/HEAD"), "utf8").trim();
    const ref = head.startsWith("ref: ") ? readFileSync(path.join(ROOT, ".git", head.slice(5)), "utf8").trim() : head;
    return ref.slice(0, 7);
  } catch {
    return "—";
  }
})();
const shownUrl = databaseUrl.replace(/(postgres(?:ql)?:\/\/[^:/@]+):[^@/]*@/, "$1:***@");
const command = `npm run bench:breakdown${databaseUrl === DEFAULT_DATABASE ? "" : ` -- --database-url ${shownUrl}`}${searchCount === 40 ? "" : ` --searches ${searchCount}`}`;
const section = `<!-- breakdown:${provider} -->
## ${kind}: ${productCount.toLocaleString("en")} products

- **Command:** \`${command}\`
- **Date:** ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC; code ${code} (build/ as it was); Node ${process.version}
- **Database:** ${shownUrl}
- **Searches:** ${queries.length} different ones, drawn like the bench's uncached row (the 40 most frequent folded words in product names × star filters × sorts × pages), each measured once after one warm-up search outside the set (the first search of a process builds the in-memory columns: ${ms(firstSearchMs)} here). Before and after found the same number of products for ${sameTotals} of ${queries.length}.
- **Load average when it started:** ${loadAverage.toFixed(2)} (1 min, ${os.cpus().length} cores)${loadAverage > os.cpus().length / 2 ? " — the machine was busy with other work" : ""}

${afterTable}

${beforeTable}

Median data time: **${ms(median(beforeTimes.data!))} before, ${ms(median(after.data!))} after** (${(median(beforeTimes.data!) / median(after.data!)).toFixed(1)}× less). With the same render, one uncached search took about ${ms(estimatedBefore)} before and ${ms(median(after.http!))} after, as a whole request.
<!-- /breakdown:${provider} -->`;

console.log(`\n${kind}, ${productCount.toLocaleString("en")} products, ${queries.length} searches\n\n${afterTable}\n\n${beforeTable}\n`);
if (values.report !== "-") {
  const file = path.join(ROOT, values.report);
  const intro = `# One uncached search, phase by phase

Where the server time of one new catalogue search goes, with the search indexes of issue #10 (after) and with
the SQL they replaced (before, commit ed15bc8: \`LIKE\` scans of the folded search keys, facet counts in one
\`GROUP BY\`). Written by \`bench/search-breakdown.ts\` (\`npm run bench:breakdown\`); each run replaces its
database's section. Run by hand, not in CI.

- **After** phases come from \`searchCatalogue\`'s \`SearchTimings\`. **Render** is the time of the same request
  to the production server (started as \`npm start\` starts it, on the same database; every URL new to it, so
  neither its page cache nor its read cache answers) minus the data time measured in the script just before:
  the root loader, React's rendering and the HTTP pipeline, in one figure. It is a difference of two
  measurements, so it is an estimate; the cross-check row asks for the same URL again with a cookie (the
  page cache answers no request with a cookie), so the search comes from the read cache and what remains
  is render and the rest of the request, measured directly.
- **Before** runs ed15bc8's queries (copied into the script) on the same database: its \`GROUP BY\` is the match
  and the facets in one query. ed15bc8 ran it and the page query side by side; here they are timed one after
  the other. Its render would be the same React code, so the after figure is quoted.
- Median and p90 are nearest-rank over the searches; the phases' medians need not add up to the total's.
`;
  const previous = existsSync(file) ? readFileSync(file, "utf8") : "";
  const sections = [...previous.matchAll(/<!-- breakdown:(\w+) -->[\s\S]*?<!-- \/breakdown:\1 -->/g)]
    .filter((match) => match[1] !== provider)
    .map((match) => match[0]);
  const all = [...sections, section].sort((a, b) => (a.includes("breakdown:sqlite") ? -1 : b.includes("breakdown:sqlite") ? 1 : 0));
  writeFileSync(file, `${intro}\n${all.join("\n\n")}\n`);
  console.log(`Wrote ${values.report}.`);
}
