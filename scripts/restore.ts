/**
 * npm run restore -- <file> [--yes]
 *
 * Replaces DATABASE_URL's database and MEDIA_DIR with a backup written by
 * `npm run backup`, after asking to type the database's name (--yes skips
 * the question, for scripts). SQLite: stop the server first. Applies the
 * migrations the backup predates (migrate deploy).
 */
import { createInterface } from "node:readline/promises";
import { parseArgs } from "node:util";
import { env } from "../app/env.server";
import { BackupError } from "../app/modules/backups/manifest.server";
import { databaseName, inspectBackup, restoreBackup } from "../app/modules/backups/restore.server";
import { runPrisma } from "./prisma.mjs";

const USAGE = "Usage: npm run restore -- <backup file> [--yes]";

async function confirmed(name: string): Promise<boolean> {
  if (!process.stdin.isTTY) throw new BackupError("No terminal to confirm on: pass --yes to restore without the question.");
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return (await rl.question(`Type the database name (${name}) to replace it, or anything else to stop: `)).trim() === name;
  } finally {
    rl.close();
  }
}

async function main() {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { yes: { type: "boolean", short: "y" }, help: { type: "boolean", short: "h" } } });
  const file = positionals[0];
  if (values.help || !file || positionals.length > 1) {
    console.log(USAGE);
    process.exitCode = values.help ? 0 : 64;
    return;
  }
  const name = databaseName(env.DATABASE_URL);
  const plan = await inspectBackup(file, env.DATABASE_URL);
  const { manifest } = plan;
  console.log(`Backup of ${manifest.createdAt} (${manifest.provider}, ${manifest.migrations.length} migrations)`);
  console.log(`  ${Object.entries(manifest.counts).map(([table, count]) => `${table} ${count}`).join(", ")}`);
  console.log(`This REPLACES the database "${name}" and the image folder ${env.MEDIA_DIR}.`);
  if (manifest.provider === "sqlite") console.log("Stop the server first (it keeps the old file open); start it again afterwards.");
  if (plan.unknownMigrations.length) console.log(`Warning: the backup is newer than this code (migrations it does not know: ${plan.unknownMigrations.join(", ")}).`);
  if (!values.yes && !(await confirmed(name))) {
    console.log("Stopped: nothing was changed.");
    process.exitCode = 1;
    return;
  }
  await restoreBackup({ file, databaseUrl: env.DATABASE_URL, mediaDir: env.MEDIA_DIR });
  console.log("Restored.");
  if (plan.pendingMigrations.length) {
    console.log(`The backup predates ${plan.pendingMigrations.length} migration(s); applying them (migrate deploy)…`);
    runPrisma(["migrate", "deploy"], env.DATABASE_URL);
  }
}

main().catch((error: unknown) => {
  console.error(`Restore failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
