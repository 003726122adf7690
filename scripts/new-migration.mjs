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
  const sql = existsSync(scratch) ? readFileSync(scratch, "utf8") : "";
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
