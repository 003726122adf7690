// Creates a migration for both providers from the one schema:
//   npm run db:migration -- <name>
// Diffs the committed migrations (replayed into a shadow database) against
// prisma/schema.prisma and its derived PostgreSQL twin. PostgreSQL needs a
// server: MIGRATION_POSTGRES_URL, or the local role from scripts/postgres-local.sh.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { generateClients, runPrisma } from "./prisma.mjs";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("Usage: npm run db:migration -- <name in snake_case>");
  process.exit(1);
}
// SQLite objects Prisma does not model: the FTS5 search tables of decision 014,
// written by hand in this migration. The diff sees their shadow tables as
// strays to drop; a table they follow, when Prisma redefines it (copy, drop,
// rename), loses the triggers that keep them in step, so those come back.
const SEARCH_MIGRATION = "prisma/migrations/20261130043905_search_indexes/migration.sql";
const SEARCH_TABLES = { CatalogueEntry: "CatalogueSearch", Producer: "ProducerSearch" };

function keepSearchIndexes(sql) {
  const names = Object.values(SEARCH_TABLES).join("|");
  const stray = new RegExp(`^DROP TABLE "(${names})(_\\w+)?";$`, "m");
  let kept = sql
    .split(/\n(?=-- )/)
    .filter((block) => !stray.test(block))
    .join("\n");
  const handWritten = readFileSync(SEARCH_MIGRATION, "utf8");
  for (const [table, search] of Object.entries(SEARCH_TABLES)) {
    if (!new RegExp(`^DROP TABLE "${table}";$`, "m").test(kept)) continue;
    const triggers = handWritten.match(new RegExp(`CREATE TRIGGER "${search}_\\w+"[\\s\\S]*?END;`, "g")) ?? [];
    kept += `\n-- ${table} was redefined: its triggers went with the old table (decision 014).\n${triggers.join("\n")}\n`;
    kept += `INSERT INTO "${search}"("${search}") VALUES ('rebuild');\n`;
  }
  return kept;
}

// PostgreSQL's hand-written word lists of decision 014 (revision 2), kept in step by
// statement triggers on "CatalogueEntry". The diff sees the table as a stray to drop.
// A migration that redefines "CatalogueEntry" must recreate its triggers by hand.
const PG_TOKENS_MIGRATION = "prisma/postgresql/migrations/20261130150000_catalogue_tokens/migration.sql";

function keepPostgresTokens(sql) {
  let kept = sql
    .split(/\n(?=-- )/)
    .filter((block) => !/^DROP TABLE "CatalogueToken";$/m.test(block))
    .join("\n");
  if (/^DROP TABLE "CatalogueEntry";$/m.test(kept)) {
    kept += `\n-- "CatalogueEntry" was redefined: recreate the triggers of ${PG_TOKENS_MIGRATION} and refill "CatalogueToken".\n`;
    console.warn(`postgresql: "CatalogueEntry" is redefined; add its triggers from ${PG_TOKENS_MIGRATION} to the new migration`);
  }
  return kept;
}

const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const targets = [
  { provider: "sqlite", url: "file:./data/migration-scratch.db", dir: "prisma/migrations", schema: "prisma/schema.prisma" },
  {
    provider: "postgresql",
    url: process.env.MIGRATION_POSTGRES_URL ?? "postgresql://ocop:ocop@127.0.0.1:5432/ocop",
    dir: "prisma/postgresql/migrations",
    schema: "prisma/postgresql/schema.prisma",
  },
];

generateClients();
mkdirSync("data", { recursive: true });
for (const target of targets) {
  // Written outside the migrations folder: an empty folder there breaks the diff.
  const scratch = `data/migration-${target.provider}.sql`;
  runPrisma(
    ["migrate", "diff", "--from-migrations", target.dir, "--to-schema-datamodel", target.schema, "--script", "-o", scratch],
    target.url,
  );
  const diff = existsSync(scratch) ? readFileSync(scratch, "utf8") : "";
  const sql = target.provider === "sqlite" ? keepSearchIndexes(diff) : keepPostgresTokens(diff);
  rmSync(scratch, { force: true });
  if (!/\b(CREATE|ALTER|DROP|INSERT|UPDATE)\b/i.test(sql)) {
    console.log(`${target.provider}: no changes`);
    continue;
  }
  const folder = `${target.dir}/${stamp}_${name}`;
  mkdirSync(folder, { recursive: true });
  writeFileSync(`${folder}/migration.sql`, sql);
  console.log(`${target.provider}: wrote ${folder}/migration.sql`);
}
rmSync("data/migration-scratch.db", { force: true });
