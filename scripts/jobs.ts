/**
 * npm run jobs -- reminders [--today YYYY-MM-DD]
 *
 * Runs a scheduled job once against DATABASE_URL's database, for cron (the
 * server also runs it hourly; running both, or on several machines, is safe).
 * - reminders: queues the certificate-expiry reminder mails due today (the
 *   calendar day in Vietnam, or --today for a check) and prints the counts.
 */
import { parseArgs } from "node:util";
import { configureDatabase, db } from "../app/db.server";
import { parseDate, vietnamToday } from "../app/lib/dates";
import { sendExpiryReminders } from "../app/modules/certifications/reminders.server";

const USAGE = "Usage: npm run jobs -- reminders [--today YYYY-MM-DD]";

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { today: { type: "string" }, help: { type: "boolean", short: "h" } },
  });
  const [job, ...rest] = positionals;
  if (values.help || job !== "reminders" || rest.length) {
    console.log(USAGE);
    process.exitCode = values.help ? 0 : 64;
    return;
  }
  const today = values.today ? parseDate(values.today) : vietnamToday();
  await configureDatabase(db);
  const result = await sendExpiryReminders(db, today);
  console.log(`reminders: ${result.sent} sent (${result.mails} mails), ${result.skipped} skipped`);
}

main()
  .catch((error: unknown) => {
    console.error(`The job failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  })
  .finally(() => db.$disconnect());
