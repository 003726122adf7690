/**
 * The memory one in-memory columns snapshot holds (decision 014): heap and
 * typed arrays after a full garbage collection, before and after the search's
 * columns are built for a database.
 *
 *   npm run bench:memory -- [--database-url URL]
 *
 *   --database-url URL   the database (default file:./bench/.tmp/bench-100k.db, made by `npm run bench -- --matrix`)
 *
 * Run by hand, not in CI. Needs Node's --expose-gc (the npm script passes it).
 */
import { parseArgs } from "node:util";
import { createDatabase } from "../app/db.server";
import { catalogueColumns } from "../app/modules/catalogue/catalogue-columns.server";

const { values } = parseArgs({ options: { "database-url": { type: "string", default: "file:./bench/.tmp/bench-100k.db" } } });
const collect = (globalThis as { gc?: () => void }).gc;
if (!collect) {
  console.error("Run with node --expose-gc (npm run bench:memory).");
  process.exit(2);
}
const mib = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MiB`;
const settled = () => {
  collect();
  collect();
  return process.memoryUsage();
};

const db = createDatabase(values["database-url"]!);
try {
  await db.$queryRawUnsafe("SELECT 1");
  const before = settled();
  const columns = await catalogueColumns(db);
  const after = settled();
  console.log(`${values["database-url"]!.replace(/\/\/([^:]+):[^@]+@/, "//$1:***@")}: ${columns.size.toLocaleString("en")} listed products, ${columns.producers.id.length.toLocaleString("en")} public producers`);
  console.log(`columns: heap ${mib(after.heapUsed - before.heapUsed)}, typed arrays ${mib(after.arrayBuffers - before.arrayBuffers)}`);
  console.log(`process: rss ${mib(after.rss)}, heap used ${mib(after.heapUsed)}`);
} finally {
  await db.$disconnect();
}
