/**
 * npm run backup [-- --out backups]
 *
 * Writes one archive (database snapshot, image folder, manifest) of
 * DATABASE_URL's database and MEDIA_DIR while the server runs. See README
 * "Backups" and docs/decisions/013-backups.md.
 */
import { parseArgs } from "node:util";
import { env } from "../app/env.server";
import { createBackup } from "../app/modules/backups/backup.server";

async function main() {
  const { values } = parseArgs({ options: { out: { type: "string", default: "backups" }, help: { type: "boolean", short: "h" } } });
  if (values.help) {
    console.log("Usage: npm run backup [-- --out <folder>]   (default folder: backups/)");
    return;
  }
  const started = Date.now();
  const { file, manifest } = await createBackup({ databaseUrl: env.DATABASE_URL, mediaDir: env.MEDIA_DIR, outDir: values.out });
  const counts = Object.entries(manifest.counts).map(([name, count]) => `${name} ${count}`).join(", ");
  console.log(`Backup written: ${file}\n  ${manifest.provider}, ${manifest.migrations.length} migrations, ${counts} (${Date.now() - started} ms)`);
}

main().catch((error: unknown) => {
  console.error(`Backup failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
