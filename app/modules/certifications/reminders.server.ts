/**
 * Certificate-expiry reminders: 90 and 30 days before a standing certificate's
 * last valid day, the producer's accounts get a mail, once per certificate and
 * threshold, however many servers run the job at the same time.
 *
 * - Which certificates: a public product's standing certificate, verified and
 *   in force today, ending within 90 days (the visibility module's rules).
 * - Only the tightest threshold reached is sent, if its row is missing: a
 *   certificate first seen 20 days before its end gets the 30-day mail and
 *   never the 90-day one, so nobody gets two mails the same day. A
 *   CertificationReminder row therefore always means "this mail was sent".
 *   (Staff who correct the last valid day to 80 days away after the 30-day
 *   mail make the 90-day one due: it tells the producer the corrected day.)
 * - Recipients: the producer's confirmed, enabled PRODUCER accounts, each in
 *   its own language. A producer with no such account is not a candidate (no
 *   row is written): its reminder goes out once an account is confirmed, if
 *   the certificate is still in the window. The producer's public contact
 *   address is never mailed: it did not ask for mail, and the link is to the
 *   portal, which needs an account.
 * - Exactly once: each reminder is one transaction that inserts its
 *   CertificationReminder row first, then queues the mails. The row's primary
 *   key (certificate, threshold) refuses a second insert; a runner that loses
 *   the race (PostgreSQL makes it wait for the winner's commit, SQLite for the
 *   write lock) rolls back its transaction and counts the reminder as skipped.
 */
import { Prisma } from "../../generated/sqlite/client";
import type { Database } from "../../db.server";
import { isLanguage, type Language } from "../../i18n/config";
import { addDays, dateOf, daysBetween } from "../../lib/dates";
import { isUniqueViolation } from "../../lib/errors.server";
import { endingWithinSql, publicProductSql, standingCertificationIdSql, verifiedCertificationSql } from "../catalogue/visibility.server";
import { queueMail } from "../mail/outbox.server";
import { siteUrl } from "../mail/templates.server";

/** Days before the last valid day at which the producer is reminded, widest first. */
export const REMINDER_THRESHOLDS = [90, 30] as const;
export type ReminderThreshold = (typeof REMINDER_THRESHOLDS)[number];

/** Candidates read per query: keeps each query and its result small at the national scale. */
const BATCH_SIZE = 200;

export type ReminderRun = {
  /** Reminders recorded (each with one mail per recipient account). */
  sent: number;
  /** Mails queued for those reminders. */
  mails: number;
  /** Reminders another runner recorded first, or whose recipients went away meanwhile. */
  skipped: number;
};

/** The tightest threshold a certificate ending in `daysLeft` days has reached, if any. */
export function reminderThreshold(daysLeft: number): ReminderThreshold | null {
  const reached = REMINDER_THRESHOLDS.filter((days) => daysLeft <= days);
  return reached.length ? reached[reached.length - 1]! : null;
}

const widest = REMINDER_THRESHOLDS[0];
const tighterFirst = [...REMINDER_THRESHOLDS].sort((a, b) => a - b);

/** `reminderThreshold` as SQL on the certificate row c. */
function thresholdSql(today: Date): Prisma.Sql {
  const cases = tighterFirst.map((days) => Prisma.sql`WHEN c."validUntil" <= ${addDays(today, days)} THEN ${Prisma.raw(String(days))}`);
  return Prisma.sql`CASE ${Prisma.join(cases, " ")} END`;
}

/** Who may receive a producer's mail: its confirmed, enabled producer accounts. */
const recipientWhere = { role: "PRODUCER", disabledAt: null, emailConfirmedAt: { not: null } } as const satisfies Prisma.UserWhereInput;

type Candidate = {
  certificationId: number;
  daysBefore: ReminderThreshold;
  stars: number;
  decisionNumber: string;
  validUntil: Date;
  productId: number;
  productNameVi: string;
  productNameEn: string | null;
  producerId: number;
};

type CandidateRow = {
  id: number | bigint;
  stars: number | bigint;
  decisionNumber: string;
  validUntil: Date | string;
  productId: number | bigint;
  nameVi: string;
  nameEn: string | null;
  producerId: number | bigint;
};

/**
 * Certificates owed a reminder today, in id order after `afterId`: the
 * standing certificate of a public product (checked against today's signing
 * dates too, so a decision signed today supersedes at once, before the hourly
 * standing refresh), verified, in force and ending within the widest
 * threshold, without a reminder yet for the tightest threshold it has
 * reached, of a producer with someone to mail.
 */
async function findCandidates(db: Database, today: Date, afterId: number): Promise<Candidate[]> {
  const threshold = thresholdSql(today);
  const rows = await db.$queryRaw<CandidateRow[]>`
    SELECT c."id" AS "id", c."stars" AS "stars", c."decisionNumber" AS "decisionNumber", c."validUntil" AS "validUntil",
      "Product"."id" AS "productId", "Product"."nameVi" AS "nameVi", "Product"."nameEn" AS "nameEn", "Product"."producerId" AS "producerId"
    FROM "Certification" c
    JOIN "Product" ON "Product"."standingCertificationId" = c."id"
    JOIN "Producer" pr ON pr."id" = "Product"."producerId"
    WHERE c."id" > ${afterId}
      AND ${endingWithinSql("c", today, widest)}
      AND ${verifiedCertificationSql("c")}
      AND ${publicProductSql('"Product"', "pr")}
      AND c."id" = ${standingCertificationIdSql(today)}
      AND NOT EXISTS (
        SELECT 1 FROM "CertificationReminder" r WHERE r."certificationId" = c."id" AND r."daysBefore" = ${threshold}
      )
      AND EXISTS (
        -- recipientWhere
        SELECT 1 FROM "User" u
        WHERE u."producerId" = pr."id" AND u."role" = 'PRODUCER' AND u."disabledAt" IS NULL AND u."emailConfirmedAt" IS NOT NULL
      )
    ORDER BY c."id" ASC
    LIMIT ${BATCH_SIZE}`;
  return rows.flatMap((row) => {
    const validUntil = dateOf(row.validUntil);
    const daysBefore = reminderThreshold(daysBetween(today, validUntil));
    if (daysBefore === null) return [];
    return [{
      certificationId: Number(row.id),
      daysBefore,
      stars: Number(row.stars),
      decisionNumber: row.decisionNumber,
      validUntil,
      productId: Number(row.productId),
      productNameVi: row.nameVi,
      productNameEn: row.nameEn,
      producerId: Number(row.producerId),
    }];
  });
}

type Recipient = { email: string; name: string; language: Language };

async function recipientsByProducer(db: Database, producerIds: number[]): Promise<Map<number, Recipient[]>> {
  const accounts = await db.user.findMany({
    where: { ...recipientWhere, producerId: { in: [...new Set(producerIds)] } },
    select: { producerId: true, email: true, name: true, language: true },
    orderBy: { id: "asc" },
  });
  const byProducer = new Map<number, Recipient[]>();
  for (const account of accounts) {
    const list = byProducer.get(account.producerId!) ?? [];
    list.push({ email: account.email, name: account.name, language: isLanguage(account.language) ? account.language : "vi" });
    byProducer.set(account.producerId!, list);
  }
  return byProducer;
}

/** Records one reminder and queues its mails, all or nothing; false when another runner recorded it first. */
async function sendReminder(db: Database, today: Date, candidate: Candidate, recipients: Recipient[]): Promise<boolean> {
  try {
    await db.$transaction(async (tx) => {
      // The insert comes first: it takes the lock a concurrent runner waits on, before anything is read.
      await tx.certificationReminder.create({ data: { certificationId: candidate.certificationId, daysBefore: candidate.daysBefore } });
      for (const recipient of recipients) {
        await queueMail(tx, recipient.email, recipient.language, {
          kind: "expiry_reminder",
          name: recipient.name,
          product: recipient.language === "en" ? (candidate.productNameEn ?? candidate.productNameVi) : candidate.productNameVi,
          stars: candidate.stars,
          decision: candidate.decisionNumber,
          validUntil: candidate.validUntil,
          days: daysBetween(today, candidate.validUntil),
          url: siteUrl(recipient.language, `/portal/products/${candidate.productId}`),
        });
      }
    });
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

/**
 * Sends the reminders due on `today` (a Vietnam calendar day, as
 * `vietnamToday()` gives). Safe to run again, and on several servers at once.
 */
export async function sendExpiryReminders(db: Database, today: Date): Promise<ReminderRun> {
  const run: ReminderRun = { sent: 0, mails: 0, skipped: 0 };
  let afterId = 0;
  for (;;) {
    const candidates = await findCandidates(db, today, afterId);
    if (!candidates.length) return run;
    afterId = candidates[candidates.length - 1]!.certificationId;
    const recipients = await recipientsByProducer(db, candidates.map((candidate) => candidate.producerId));
    for (const candidate of candidates) {
      const to = recipients.get(candidate.producerId) ?? [];
      if (to.length && (await sendReminder(db, today, candidate, to))) {
        run.sent += 1;
        run.mails += to.length;
      } else {
        run.skipped += 1;
      }
    }
  }
}
