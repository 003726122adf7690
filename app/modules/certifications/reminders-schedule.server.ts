import type { Database } from "../../db.server";
import { vietnamToday } from "../../lib/dates";
import { sendExpiryReminders } from "./reminders.server";

const MINUTE_MS = 60 * 1000;

/** Every server runs the job: the reminder's primary key keeps it to one mail (reminders.server.ts). */
export const REMINDER_INTERVAL_MS = 60 * MINUTE_MS;
/** The first run waits a little, so a server's start-up is not slowed by it. */
export const REMINDER_FIRST_DELAY_MS = MINUTE_MS;

/**
 * Sends the day's certificate-expiry reminders shortly after start-up, then
 * every `intervalMs`; a run never overlaps the previous one (the next is
 * timed from its end). Returns a stop function.
 */
export function startReminderSchedule(
  db: Database,
  { intervalMs = REMINDER_INTERVAL_MS, firstDelayMs = REMINDER_FIRST_DELAY_MS, log = console.log }: { intervalMs?: number; firstDelayMs?: number; log?: (message: string) => void } = {},
): () => void {
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  const schedule = (delay: number) => {
    if (stopped) return;
    timer = setTimeout(run, delay);
    timer.unref();
  };
  const run = async () => {
    try {
      const result = await sendExpiryReminders(db, vietnamToday());
      if (result.sent > 0 || result.skipped > 0) {
        log(`expiry reminders: ${result.sent} sent (${result.mails} mails), ${result.skipped} skipped`);
      }
    } catch (error) {
      console.error("expiry reminders failed:", error);
    }
    schedule(intervalMs);
  };
  schedule(firstDelayMs);
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}
