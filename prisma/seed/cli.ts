/**
 * npm run seed [-- options]
 *
 *   (no options)      reference data + the Hòa Bình demo, unless the demo is already there
 *   --products N      also add N generated products (the demo first if the database is empty)
 *   --if-empty        seed only when there are no producers yet
 *   --reset           delete all catalogue rows first
 *   --today YYYY-MM-DD  the date expiry is measured against (default: today in Vietnam)
 *   --seed N          seed of the generated catalogue (default: a fixed seed)
 *   --demo-accounts   also create the demo sign-ins and print them (demo and tests only; never production)
 *
 * Uses DATABASE_URL like the app.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { db, type Database } from "../../app/db.server";
import { parseDate, vietnamToday } from "../../app/lib/dates";
import { recordCatalogueChange } from "../../app/modules/catalogue/changes.server";
import { compactSearchIndexes } from "../../app/modules/catalogue/text-match.server";
import { sweepOrphanFiles } from "../../app/modules/media/service.server";
import { seedDemoAccounts } from "./demo-accounts";
import { loadReferenceData, resetCatalogue, seedDemo, seedScale } from "./index";

type CliOptions = { products: number | null; ifEmpty: boolean; reset: boolean; today: Date; seed: number | undefined; demoAccounts?: boolean };

const USAGE = "Usage: npm run seed -- [--products N] [--if-empty] [--reset] [--today YYYY-MM-DD] [--seed N] [--demo-accounts]";

export function parseCliArgs(argv: string[]): CliOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      products: { type: "string" },
      "if-empty": { type: "boolean", default: false },
      reset: { type: "boolean", default: false },
      today: { type: "string" },
      seed: { type: "string" },
      "demo-accounts": { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  let products: number | null = null;
  if (values.products !== undefined) {
    const text = values.products.replace(/[_,]/g, "");
    products = Number(text);
    if (!/^\d+$/.test(text) || products < 1) throw new Error(`--products must be a positive whole number, got "${values.products}"`);
  }
  let seed: number | undefined;
  if (values.seed !== undefined) {
    seed = Number(values.seed);
    if (!/^\d+$/.test(values.seed) || seed > 0xffffffff) throw new Error(`--seed must be a whole number below 2^32, got "${values.seed}"`);
  }
  return {
    seed,
    products,
    ifEmpty: values["if-empty"] ?? false,
    reset: values.reset ?? false,
    demoAccounts: values["demo-accounts"] ?? false,
    today: values.today ? parseToday(values.today) : vietnamToday(),
  };
}

function parseToday(text: string): Date {
  try {
    return parseDate(text);
  } catch {
    throw new Error(`--today must be a date written YYYY-MM-DD, got "${text}"`);
  }
}

/** One updating line on a terminal; a plain line every ~10% otherwise. */
function progressPrinter() {
  const tty = Boolean(process.stdout.isTTY);
  let lastDecile = -1;
  let lastDraw = 0;
  return {
    update(done: number, total: number, label: string) {
      const percent = total === 0 ? 100 : Math.floor((done / total) * 100);
      if (tty) {
        const now = performance.now();
        if (done < total && now - lastDraw < 80) return;
        lastDraw = now;
        process.stdout.write(`\r  ${String(percent).padStart(3)}%  ${done.toLocaleString("en")} / ${total.toLocaleString("en")} items  (writing ${label})\x1b[K`);
        if (done >= total) process.stdout.write("\n");
      } else {
        const decile = Math.floor(percent / 10);
        if (decile > lastDecile) {
          lastDecile = decile;
          console.log(`  ${percent}%  ${done} / ${total} items  (writing ${label})`);
        }
      }
    },
  };
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

export async function runSeed(database: Database, options: CliOptions): Promise<void> {
  const started = performance.now();
  let rows = 0;
  const todayText = options.today.toISOString().slice(0, 10);

  if (options.demoAccounts) {
    // Accounts need the provinces; reference data is idempotent.
    await loadReferenceData(database);
    const accounts = await seedDemoAccounts(database);
    console.log("Demo sign-ins (demo data only; production never creates these):");
    for (const account of accounts) console.log(`  ${account.role.padEnd(8)} ${account.email.padEnd(28)} ${account.password}${account.province ? `  (province: ${account.province})` : ""}`);
  }
  if (options.ifEmpty && (await database.producer.count()) > 0) {
    console.log("Database already has data; skipping seed");
    return;
  }
  if (options.reset) {
    const deleted = await resetCatalogue(database);
    console.log(`Reset: deleted ${Object.entries(deleted).map(([table, n]) => `${n} ${table}`).join(", ")}`);
    // The image rows are gone; so go their files (MEDIA_DIR).
    const swept = await sweepOrphanFiles(database, { graceMs: 0 });
    if (swept.length) console.log(`Reset: removed ${swept.length} image files`);
  }

  const needsDemo = options.products === null || (await database.producer.count()) === 0;
  if (needsDemo) {
    const { reference, demo } = await seedDemo(database, { today: options.today });
    console.log(`Reference data: ${reference.groups} groups, ${reference.sets} product sets, ${reference.provinces} provinces, ${reference.communes} demo communes`);
    if (demo.created) {
      rows += demo.producers + demo.products + demo.images + demo.certifications;
      console.log(
        `Hòa Bình demo (today = ${todayText}): ${demo.producers} producers, ${demo.products} products, ` +
          `${demo.certifications} certifications, ${demo.images} images`,
      );
    } else {
      console.log(`Hòa Bình demo already present; left as it is${demo.images ? ` (added ${demo.images} demo images)` : ""}`);
    }
  } else {
    // Scale mode on a database that already has producers: reference rows only.
    await loadReferenceData(database);
  }

  if (options.products !== null) {
    console.log(`Generating ${options.products.toLocaleString("en")} products (today = ${todayText})…`);
    const progress = progressPrinter();
    const result = await seedScale(database, {
      products: options.products,
      today: options.today,
      seed: options.seed,
      onProgress: progress.update,
    });
    rows += result.rows;
    console.log(
      `Generated ${result.products} products, ${result.producers} producers, ${result.communes} communes, ` +
        `${result.certifications} certifications, ${result.images} images`,
    );
  }

  // The producer account needed the catalogue's producers.
  if (options.demoAccounts) await seedDemoAccounts(database);

  await compactSearchIndexes(database);
  // Running servers drop their cached pages on their next poll (changes.server.ts).
  await recordCatalogueChange(database);
  const elapsed = performance.now() - started;
  const rate = rows > 0 ? `, ${Math.round(rows / (elapsed / 1000)).toLocaleString("en")} rows/s` : "";
  console.log(`Done in ${seconds(elapsed)} (${rows.toLocaleString("en")} rows written${rate})`);
}

async function main(): Promise<void> {
  let exitCode = 0;
  try {
    const options = parseCliArgs(process.argv.slice(2));
    await runSeed(db, options);
  } catch (error) {
    exitCode = 1;
    const message = error instanceof Error ? error.message : String(error);
    console.error(`\nSeed failed: ${message}`);
    if (process.env.DEBUG && error instanceof Error && error.stack) console.error(error.stack);
    if (/Unknown option|--products|--today|--seed|argument/.test(message)) console.error(USAGE);
    if (/does not exist in the current database|no such table/i.test(message)) {
      console.error("The database has no tables yet: run `npm run db:migrate` first.");
    }
  } finally {
    await db.$disconnect().catch(() => undefined);
  }
  process.exit(exitCode);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) void main();
