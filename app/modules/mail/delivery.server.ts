/**
 * Sends what the outbox holds (decision 015). Each due message is claimed
 * with one conditional update before it is sent, so two server processes
 * never send the same message at once; a failed send is retried with
 * exponential backoff and, after MAX_ATTEMPTS, kept as FAILED for an admin
 * to retry. Nothing here deletes a message.
 */
import type { Database, Prisma } from "../../db.server";
import { env } from "../../env.server";
import type { OutboxStatus } from "./outbox.server";
import type { MailTransport } from "./transport.server";

const MINUTE_MS = 60_000;
/** Sends before a message is given up as FAILED (about 1.5 days of retries at the backoff below). */
export const MAX_ATTEMPTS = 12;
const FIRST_RETRY_MS = MINUTE_MS;
const LONGEST_RETRY_MS = 6 * 60 * MINUTE_MS;
/** How long a claim holds: well past the transport's timeouts (transport.server.ts), so a live send never loses it. */
export const CLAIM_LEASE_MS = 5 * MINUTE_MS;
const DEFAULT_BATCH_SIZE = 20;
const LAST_ERROR_LENGTH = 300;

/** How long to wait after the `attempts`-th failed send: 1 min, 2, 4, … at most 6 h. */
export function retryDelayMs(attempts: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1), LONGEST_RETRY_MS);
}

/** What stands for a one-time link's token in a sent message's stored copy. */
export const SENT_TOKEN_MARK = "sent-token-removed";

/**
 * A sent message's links without their one-time tokens (`?token=…`, 16 or
 * more URL-safe characters): the recipient has the working link; the copy
 * kept in the outbox must not let an admin confirm or reset someone's account.
 */
export function withoutLinkTokens(content: string): string {
  return content.replace(/([?&](?:amp;)?token=)[\w-]{16,}/g, `$1${SENT_TOKEN_MARK}`);
}

export type DeliveryCounts = { sent: number; kept: number; failed: number; retried: number };

export type DeliveryOptions = {
  /** null: no SMTP configured; due mail is kept in the outbox, never sent. */
  transport: MailTransport | null;
  /** The run's clock at its start (tests move it); claims follow the real time elapsed since. */
  now?: Date;
  batchSize?: number;
  /** Shown in the From header; defaults to MAIL_FROM. */
  from?: string;
};

const status = (value: OutboxStatus) => value;

/** A message nobody holds a live claim on, as of `at`. */
const unclaimed = (at: Date): Prisma.OutboxMessageWhereInput => ({ OR: [{ claimedUntil: null }, { claimedUntil: { lte: at } }] });

/** An SMTP error in one short line, without credentials (the SMTP URL's user and password are cut out). */
export function describeSendError(error: unknown, smtpUrl: string | undefined = env.SMTP_URL): string {
  const { code, message } = (typeof error === "object" && error !== null ? error : {}) as { code?: unknown; message?: unknown };
  let line = (typeof message === "string" ? message : String(error)).split("\n")[0]!.trim();
  if (typeof code === "string" && code && !line.startsWith(code)) line = `${code}: ${line}`;
  for (const secret of secretsOf(smtpUrl)) line = line.split(secret).join("***");
  return line.length > LAST_ERROR_LENGTH ? `${line.slice(0, LAST_ERROR_LENGTH - 1)}…` : line || "unknown error";
}

function secretsOf(smtpUrl: string | undefined): string[] {
  if (!smtpUrl) return [];
  try {
    const url = new URL(smtpUrl);
    return [url.password, decodeURIComponent(url.password), url.username, decodeURIComponent(url.username)].filter((part) => part.length >= 3);
  } catch {
    return [];
  }
}

/** A Message-ID that stays the same across retries, so a receiver can spot a duplicate. */
function messageIdFor(message: { id: number; createdAt: Date }, from: string): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? "ocop.invalid";
  return `<outbox-${message.id}-${message.createdAt.getTime()}@${domain}>`;
}

/**
 * Sends (or, without a transport, keeps) up to `batchSize` due messages,
 * oldest due first. Never throws for a failed send: the message records the
 * error and its next attempt.
 */
export async function deliverDueMail(db: Database, options: DeliveryOptions): Promise<DeliveryCounts> {
  const { transport, batchSize = DEFAULT_BATCH_SIZE, from = env.MAIL_FROM } = options;
  const start = options.now ?? new Date();
  const startedAt = Date.now();
  const clock = () => new Date(start.getTime() + (Date.now() - startedAt));
  const counts: DeliveryCounts = { sent: 0, kept: 0, failed: 0, retried: 0 };

  const due = await db.outboxMessage.findMany({
    where: { status: status("QUEUED"), nextAttemptAt: { lte: start }, ...unclaimed(start) },
    orderBy: [{ nextAttemptAt: "asc" }, { id: "asc" }],
    take: batchSize,
    select: { id: true },
  });

  for (const { id } of due) {
    const now = clock();
    const open = { id, status: status("QUEUED"), ...unclaimed(now) };
    if (!transport) {
      const kept = await db.outboxMessage.updateMany({ where: open, data: { status: status("KEPT"), claimedUntil: null } });
      counts.kept += kept.count;
      continue;
    }
    const lease = new Date(now.getTime() + CLAIM_LEASE_MS);
    const claim = await db.outboxMessage.updateMany({ where: open, data: { claimedUntil: lease } });
    if (claim.count !== 1) continue; // another process has it
    const message = await db.outboxMessage.findUniqueOrThrow({ where: { id } });
    const ours = { id, status: status("QUEUED"), claimedUntil: lease };
    try {
      await transport.sendMail({
        from,
        to: message.toAddress,
        subject: message.subject,
        text: message.text,
        html: message.html,
        messageId: messageIdFor(message, from),
        headers: { "Content-Language": message.language },
      });
    } catch (error) {
      const attempts = message.attempts + 1;
      const failedAt = clock();
      const givenUp = attempts >= MAX_ATTEMPTS;
      await db.outboxMessage.updateMany({
        where: ours,
        data: {
          attempts,
          lastError: describeSendError(error),
          claimedUntil: null,
          ...(givenUp ? { status: status("FAILED") } : { nextAttemptAt: new Date(failedAt.getTime() + retryDelayMs(attempts)) }),
        },
      });
      if (givenUp) counts.failed += 1;
      else counts.retried += 1;
      continue;
    }
    const sentAt = clock();
    const marked = await db.outboxMessage.updateMany({
      where: ours,
      data: {
        status: status("SENT"),
        sentAt,
        attempts: message.attempts + 1,
        claimedUntil: null,
        lastError: null,
        // Once delivered, the copy admins can read no longer opens anyone's account.
        text: withoutLinkTokens(message.text),
        html: withoutLinkTokens(message.html),
      },
    });
    if (marked.count !== 1) console.warn(`mail ${id}: sent, but its claim had lapsed; another process may send it again`);
    counts.sent += 1;
  }
  return counts;
}
