/**
 * The server's mail sender: runs delivery every MAIL_POLL_MS, one run at a
 * time, and sooner when nudged (after a commit that queued mail). Failures
 * are logged; the messages themselves record theirs.
 */
import type { Database } from "../../db.server";
import { env } from "../../env.server";
import { deliverDueMail, type DeliveryCounts } from "./delivery.server";
import { configuredMailTransport, type MailTransport } from "./transport.server";

/** A nudge waits this long, so the mails of one request go out in one run. */
const NUDGE_DELAY_MS = 50;

let nudgeRunning: (() => void) | null = null;

/** Asks the running sender (if this process has one) to deliver soon. */
export function nudgeMailDelivery(): void {
  nudgeRunning?.();
}

type WorkerOptions = { transport?: MailTransport | null; pollMs?: number; log?: (message: string) => void };

/** Starts sending in the background; returns a stop function. */
export function startMailDelivery(db: Database, options: WorkerOptions = {}): () => void {
  const { transport = configuredMailTransport(), pollMs = env.MAIL_POLL_MS, log = console.log } = options;
  if (!transport) log("mail: no SMTP_URL set, so mail is kept in the outbox (/admin/outbox), never sent");
  let timer: NodeJS.Timeout | null = null;
  let running = false;
  let again = false;
  let stopped = false;

  const schedule = (delay: number) => {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void run(), delay);
    timer.unref();
  };

  const run = async () => {
    timer = null;
    if (running) {
      again = true;
      return;
    }
    running = true;
    let full = false;
    try {
      const batchSize = 20;
      const counts = await deliverDueMail(db, { transport, batchSize });
      full = total(counts) >= batchSize;
      if (counts.sent || counts.failed || counts.retried) log(`mail: ${describe(counts)}`);
    } catch (error) {
      console.error("mail delivery failed:", error);
    } finally {
      running = false;
    }
    const soon = full || again;
    again = false;
    schedule(soon ? 0 : pollMs);
  };

  nudgeRunning = () => {
    if (running) again = true;
    else schedule(NUDGE_DELAY_MS);
  };
  schedule(0);
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    nudgeRunning = null;
  };
}

const total = (counts: DeliveryCounts) => counts.sent + counts.kept + counts.failed + counts.retried;

function describe(counts: DeliveryCounts): string {
  return `${counts.sent} sent, ${counts.retried} to retry, ${counts.failed} failed, ${counts.kept} kept`;
}
