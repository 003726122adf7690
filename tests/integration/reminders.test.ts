/**
 * Certificate-expiry reminders on every provider: which certificates get a
 * mail 90 and 30 days before their last valid day, to whom and in which
 * language; that a reminder is sent once, however often the job runs; and
 * that two servers running the job at the same moment (two database clients
 * in this process, then two real `npm run jobs` processes) still send each
 * reminder exactly once. Expected values come from the inputs below.
 */
import { spawn } from "node:child_process";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { configureDatabase, createDatabase, type Database } from "../../app/db.server";
import { addDays, formatDate, parseDate, vietnamToday } from "../../app/lib/dates";
import { SYSTEM_ACTOR } from "../../app/modules/accounts/actor.server";
import { certificationForEdit } from "../../app/modules/certifications/admin-record.server";
import { sendExpiryReminders } from "../../app/modules/certifications/reminders.server";
import { startReminderSchedule } from "../../app/modules/certifications/reminders-schedule.server";
import { createCertification, revokeCertification, updateCertification } from "../../app/modules/certifications/service.server";
import { refreshAllStandings } from "../../app/modules/certifications/standing.server";
import { changeProducerStatus } from "../../app/modules/producers/service.server";
import { adminActor, producerActor } from "../helpers/actors";
import { freshDatabase, testProviders, type TestDatabase } from "../helpers/databases";
import { loadMinimalReference, makeProducer, makeProduct } from "../helpers/fixtures";

const TODAY = parseDate("2026-06-15");
const day = (offset: number) => formatDate(addDays(TODAY, offset));

type Account = { email: string; language: "vi" | "en" };

async function addAccount(db: Database, producerId: number, email: string, options: { language?: "vi" | "en"; confirmed?: boolean; disabled?: boolean } = {}) {
  return db.user.create({
    data: {
      email,
      name: `Chủ thể ${email}`,
      role: "PRODUCER",
      producerId,
      language: options.language ?? "vi",
      emailConfirmedAt: options.confirmed === false ? null : new Date(),
      disabledAt: options.disabled ? new Date() : null,
    },
  });
}

let decisionCounter = 0;

/** A product of `producerId` named after `label`, with one staff-entered certificate ending `daysLeft` days after TODAY. */
async function productEnding(db: Database, producerId: number, label: string, daysLeft: number, signedDaysAgo = 700) {
  const product = await makeProduct(db, producerId, { nameVi: `Sản phẩm ${label}`, nameEn: `Product ${label}` });
  const certification = await certify(db, product.id, { signedOn: day(-signedDaysAgo), validUntil: day(daysLeft) });
  return { product, certification, label };
}

function certify(db: Database, productId: number, dates: { signedOn: string; validUntil?: string }, actor = SYSTEM_ACTOR, today = TODAY) {
  decisionCounter += 1;
  return createCertification(db, actor,
    { productId, stars: 4, decisionNumber: `${decisionCounter}/QĐ-UBND`, issuerLevel: "PROVINCE", issuerName: "UBND tỉnh Phú Thọ", ...dates },
    today,
  );
}

async function reminderRows(db: Database) {
  const rows = await db.certificationReminder.findMany({ select: { certificationId: true, daysBefore: true } });
  return rows.map((row) => `${row.certificationId}@${row.daysBefore}`).sort();
}

async function reminderMails(db: Database) {
  return db.outboxMessage.findMany({ where: { kind: "expiry_reminder" }, orderBy: { id: "asc" } });
}

/** One expected mail per recipient for each product: "address language productId". */
function expectedMails(productIds: number[], recipients: Account[]): string[] {
  return productIds.flatMap((id) => recipients.map((account) => `${account.email} ${account.language} ${id}`)).sort();
}

/** What each reminder mail says: its recipient, language and the product its portal link points to. */
function mailKeys(mails: Array<{ toAddress: string; language: string; text: string }>): string[] {
  return mails
    .map((mail) => {
      const link = /\/portal\/products\/(\d+)/.exec(mail.text);
      return `${mail.toAddress} ${mail.language} ${link?.[1] ?? "?"}`;
    })
    .sort();
}

describe.each(testProviders())("certificate-expiry reminders on %s", (provider) => {
  let handle: TestDatabase;
  let db: Database;
  let provinceId: number;

  beforeEach(async () => {
    handle = await freshDatabase(provider);
    db = handle.db;
    provinceId = (await loadMinimalReference(db)).province.id;
  });

  afterEach(async () => handle.dispose());

  it("reminds at 90 and 30 days, once each, only about standing, verified, in-force certificates of public products, to the producer's confirmed accounts in their language", async () => {
    const producer = await makeProducer(db, provinceId);
    const recipients: Account[] = [
      { email: "lan@htx.example", language: "vi" },
      { email: "mai@htx.example", language: "en" },
    ];
    for (const account of recipients) await addAccount(db, producer.id, account.email, { language: account.language });
    await addAccount(db, producer.id, "unconfirmed@htx.example", { confirmed: false });
    await addAccount(db, producer.id, "left@htx.example", { disabled: true });

    const in120 = await productEnding(db, producer.id, "120", 120);
    const in91 = await productEnding(db, producer.id, "91", 91);
    const in90 = await productEnding(db, producer.id, "90", 90);
    const in60 = await productEnding(db, producer.id, "60", 60);
    const in31 = await productEnding(db, producer.id, "31", 31);
    const in30 = await productEnding(db, producer.id, "30", 30);
    const in10 = await productEnding(db, producer.id, "10", 10);
    const lastDay = await productEnding(db, producer.id, "0", 0);

    // Certificates that must get nothing, each of a producer that has someone to mail.
    await productEnding(db, producer.id, "expired", -1);
    const revoked = await productEnding(db, producer.id, "revoked", 20);
    await revokeCertification(db, adminActor(), revoked.certification.id, { revokedOn: day(-3), reason: "Vi phạm chất lượng" }, TODAY);
    const superseded = await productEnding(db, producer.id, "superseded", 20);
    await certify(db, superseded.product.id, { signedOn: day(-10) });
    // A producer's own entry waits for staff: it neither stands nor is reminded about.
    const unverified = await productEnding(db, producer.id, "unverified", 700, 100);
    const pending = await certify(db, unverified.product.id, { signedOn: day(-5), validUntil: day(20) }, producerActor(producer.id));
    expect(pending.reviewStatus).toBe("PENDING");
    const unpublished = await makeProduct(db, producer.id, { nameVi: "Sản phẩm nháp", status: "DRAFT" });
    await certify(db, unpublished.id, { signedOn: day(-700), validUntil: day(20) });

    const suspended = await makeProducer(db, provinceId, { legalName: "Hợp tác xã bị đình chỉ" });
    await addAccount(db, suspended.id, "suspended@htx.example");
    await productEnding(db, suspended.id, "suspended", 20);
    await changeProducerStatus(db, adminActor(), suspended.id, { status: "SUSPENDED", reason: "Kiểm tra lại hồ sơ" });

    const first = await sendExpiryReminders(db, TODAY);
    const within90 = [in90, in60, in31];
    const within30 = [in30, in10, lastDay];
    expect(first).toEqual({ sent: 6, mails: 12, skipped: 0 });
    expect(await reminderRows(db)).toEqual(
      [...within90.map((p) => `${p.certification.id}@90`), ...within30.map((p) => `${p.certification.id}@30`)].sort(),
    );
    const mails = await reminderMails(db);
    expect(mailKeys(mails)).toEqual(expectedMails([...within90, ...within30].map((p) => p.product.id), recipients));
    const names = new Map([...within90, ...within30].map((p) => [p.product.id, { vi: `Sản phẩm ${p.label}`, en: `Product ${p.label}` }]));
    for (const mail of mails) {
      const link = /(\/en)?\/portal\/products\/(\d+)/.exec(mail.text);
      expect(link?.[1] ? "en" : "vi").toBe(mail.language);
      expect(mail.subject).toContain(names.get(Number(link?.[2]))?.[mail.language as "vi" | "en"]);
    }

    // Staff see on the certificate's page which reminders went out, and on which day.
    const shown = await certificationForEdit(db, adminActor(), in31.certification.id, TODAY);
    expect(shown?.reminders).toEqual([{ daysBefore: 90, sentOn: vietnamToday() }]);
    expect((await certificationForEdit(db, adminActor(), in120.certification.id, TODAY))?.reminders).toEqual([]);

    // The same day again: nothing new.
    expect(await sendExpiryReminders(db, TODAY)).toEqual({ sent: 0, mails: 0, skipped: 0 });
    expect((await reminderMails(db)).length).toBe(12);

    // The next day: the 91-day certificate reaches 90, the 31-day one reaches 30; once.
    const tomorrow = addDays(TODAY, 1);
    expect(await sendExpiryReminders(db, tomorrow)).toEqual({ sent: 2, mails: 4, skipped: 0 });
    expect(await sendExpiryReminders(db, tomorrow)).toEqual({ sent: 0, mails: 0, skipped: 0 });
    expect(await reminderRows(db)).toEqual(
      [
        ...within90.map((p) => `${p.certification.id}@90`),
        ...within30.map((p) => `${p.certification.id}@30`),
        `${in91.certification.id}@90`,
        `${in31.certification.id}@30`,
      ].sort(),
    );
    const newMails = (await reminderMails(db)).slice(12);
    expect(mailKeys(newMails)).toEqual(expectedMails([in91.product.id, in31.product.id], recipients));
    // The 120-day certificate is reached 30 days later, with the 90-day mail only.
    // Day 30: the 120-day certificate reaches 90 (the 90-day mail only), the 60-day one reaches 30.
    const before = await reminderRows(db);
    expect(await sendExpiryReminders(db, addDays(TODAY, 30))).toEqual({ sent: 2, mails: 4, skipped: 0 });
    expect(await reminderRows(db)).toEqual([...before, `${in120.certification.id}@90`, `${in60.certification.id}@30`].sort());
  });

  it("sends nothing about a certificate superseded by a decision signed today, before the standing refresh ran", async () => {
    const producer = await makeProducer(db, provinceId);
    await addAccount(db, producer.id, "lan@htx.example");
    const older = await productEnding(db, producer.id, "renewed", 95);
    // Entered ahead of its signing day (as a bulk load may): it stands only from day 5.
    await certify(db, older.product.id, { signedOn: day(5) }, SYSTEM_ACTOR, addDays(TODAY, 5));
    await refreshAllStandings(db, TODAY);
    const product = await db.product.findUniqueOrThrow({ where: { id: older.product.id }, select: { standingCertificationId: true } });
    expect(product.standingCertificationId).toBe(older.certification.id);

    // Day 4: still standing, 91 days left. Day 5: 90 days left, but replaced that very day.
    expect(await sendExpiryReminders(db, addDays(TODAY, 4))).toEqual({ sent: 0, mails: 0, skipped: 0 });
    expect(await sendExpiryReminders(db, addDays(TODAY, 5))).toEqual({ sent: 0, mails: 0, skipped: 0 });
    expect(await reminderRows(db)).toEqual([]);
    // Without the replacement it would have been due that day.
    const alone = await productEnding(db, producer.id, "alone", 95);
    expect(await sendExpiryReminders(db, addDays(TODAY, 5))).toEqual({ sent: 1, mails: 1, skipped: 0 });
    expect(await reminderRows(db)).toEqual([`${alone.certification.id}@90`]);
  });

  it("sends the 90-day reminder after staff correct the last valid day of a certificate already reminded at 30 days", async () => {
    const producer = await makeProducer(db, provinceId);
    await addAccount(db, producer.id, "lan@htx.example");
    const ending = await productEnding(db, producer.id, "corrected", 20);
    expect(await sendExpiryReminders(db, TODAY)).toEqual({ sent: 1, mails: 1, skipped: 0 });

    const correctedUntil = day(80);
    await updateCertification(db, adminActor(), ending.certification.id, {
      productId: ending.product.id, stars: 4, decisionNumber: ending.certification.decisionNumber, issuerLevel: "PROVINCE", issuerName: "UBND tỉnh Phú Thọ",
      signedOn: formatDate(ending.certification.signedOn), validUntil: correctedUntil, version: ending.certification.version,
    }, TODAY);
    expect(await sendExpiryReminders(db, addDays(TODAY, 1))).toEqual({ sent: 1, mails: 1, skipped: 0 });
    expect(await reminderRows(db)).toEqual([`${ending.certification.id}@30`, `${ending.certification.id}@90`]);
    const [, corrected] = await reminderMails(db);
    expect(corrected?.subject).toContain("79");
    // Once each: 50 days later it has reached 30 days again, and its 30-day mail was sent.
    expect(await sendExpiryReminders(db, addDays(TODAY, 51))).toEqual({ sent: 0, mails: 0, skipped: 0 });
  });

  it("waits for a producer without a confirmed account, and reminds once one is confirmed", async () => {
    const producer = await makeProducer(db, provinceId);
    const account = await addAccount(db, producer.id, "new@htx.example", { confirmed: false, language: "en" });
    const ending = await productEnding(db, producer.id, "waiting", 20);

    expect(await sendExpiryReminders(db, TODAY)).toEqual({ sent: 0, mails: 0, skipped: 0 });
    expect(await reminderRows(db)).toEqual([]);

    await db.user.update({ where: { id: account.id }, data: { emailConfirmedAt: new Date() } });
    expect(await sendExpiryReminders(db, addDays(TODAY, 1))).toEqual({ sent: 1, mails: 1, skipped: 0 });
    expect(await reminderRows(db)).toEqual([`${ending.certification.id}@30`]);
    expect(mailKeys(await reminderMails(db))).toEqual([`new@htx.example en ${ending.product.id}`]);
  });

  it("the schedule runs the job shortly after start with today's date in Vietnam, then again every interval", async () => {
    const producer = await makeProducer(db, provinceId);
    await addAccount(db, producer.id, "lan@htx.example");
    const today = vietnamToday();
    const product = await makeProduct(db, producer.id, { nameVi: "Sản phẩm lịch" });
    const cert = await certify(db, product.id, { signedOn: formatDate(addDays(today, -700)), validUntil: formatDate(addDays(today, 45)) }, SYSTEM_ACTOR, today);
    const logs: string[] = [];
    const stop = startReminderSchedule(db, { firstDelayMs: 10, intervalMs: 50, log: (message) => logs.push(message) });
    try {
      await vi.waitFor(async () => expect(await reminderRows(db)).toEqual([`${cert.id}@90`]), { timeout: 5000, interval: 50 });
      // Later runs find nothing more to send, and log nothing.
      await new Promise((resolve) => setTimeout(resolve, 300));
    } finally {
      stop();
    }
    expect(logs).toEqual(["expiry reminders: 1 sent (1 mails), 0 skipped"]);
    expect(await reminderMails(db)).toHaveLength(1);
  });

  describe("two servers running the job at once", () => {
    const recipients: Account[] = [
      { email: "lan@htx.example", language: "vi" },
      { email: "mai@htx.example", language: "en" },
    ];

    type Due = { productId: number; key: string };

    /** Eighteen reminders due on TODAY (six at 90 days, twelve at 30), and six more due the next day. */
    async function fillDueCertificates(): Promise<{ today: Due[]; tomorrow: Due[] }> {
      const producer = await makeProducer(db, provinceId);
      for (const account of recipients) await addAccount(db, producer.id, account.email, { language: account.language });
      const today: Due[] = [];
      const tomorrow: Due[] = [];
      for (let index = 0; index < 6; index += 1) {
        const at90 = await productEnding(db, producer.id, `A${index}`, 60 + index);
        const at30 = await productEnding(db, producer.id, `B${index}`, 5 + index);
        const nextDay = await productEnding(db, producer.id, `C${index}`, 31);
        today.push(
          { productId: at90.product.id, key: `${at90.certification.id}@90` },
          { productId: at30.product.id, key: `${at30.certification.id}@30` },
          { productId: nextDay.product.id, key: `${nextDay.certification.id}@90` },
        );
        tomorrow.push({ productId: nextDay.product.id, key: `${nextDay.certification.id}@30` });
      }
      return { today, tomorrow };
    }

    async function expectEachReminderOnce(due: Due[]) {
      expect(await reminderRows(db)).toEqual(due.map((reminder) => reminder.key).sort());
      // A product reminded at 90 and then at 30 days gets two mails per recipient: one per reminder.
      expect(mailKeys(await reminderMails(db))).toEqual(expectedMails(due.map((reminder) => reminder.productId), recipients));
    }

    // Two clients of one SQLite file in one process cannot stand for two servers: better-sqlite3
    // is synchronous, so the second writer's busy wait blocks the thread the first one needs to
    // commit, until the busy timeout. Two servers are two processes: the next test, on SQLite.
    it.skipIf(provider === "sqlite")("two database clients, several rounds: each reminder is recorded and mailed once", async () => {
      const due = await fillDueCertificates();
      const second = createDatabase(handle.url);
      try {
        let sent = 0;
        let mails = 0;
        for (const today of [TODAY, TODAY, addDays(TODAY, 1), addDays(TODAY, 1)]) {
          const runs = await Promise.all([sendExpiryReminders(db, today), sendExpiryReminders(second, today)]);
          for (const run of runs) {
            sent += run.sent;
            mails += run.mails;
          }
        }
        const all = [...due.today, ...due.tomorrow];
        expect(sent).toBe(all.length);
        expect(mails).toBe(all.length * recipients.length);
        await expectEachReminderOnce(all);
      } finally {
        await second.$disconnect();
      }
    });

    /**
     * `count` public products with a certificate due a reminder on TODAY, written in bulk (the
     * services would take too long): enough work that two processes started together overlap.
     */
    async function fillManyDueCertificates(count: number): Promise<Due[]> {
      const producer = await makeProducer(db, provinceId);
      for (const account of recipients) await addAccount(db, producer.id, account.email, { language: account.language });
      await db.product.createMany({
        data: Array.from({ length: count }, (_, index) => ({
          slug: `bulk-${index}`, nameVi: `Sản phẩm ${index}`, nameEn: `Product ${index}`, productSetId: 1, producerId: producer.id, status: "PUBLISHED" as const, searchKey: "",
        })),
      });
      const products = await db.product.findMany({ where: { producerId: producer.id }, select: { id: true }, orderBy: { id: "asc" } });
      // Days left 0..89: a third reach 30 days, the rest 90.
      const daysLeft = (index: number) => index % 90;
      await db.certification.createMany({
        data: products.map((product, index) => ({
          productId: product.id, verificationCode: `BULK${index}`, stars: 4, decisionNumber: `${index}/QĐ-UBND`, signedOn: addDays(TODAY, -700),
          issuerLevel: "PROVINCE" as const, issuerName: "UBND tỉnh Phú Thọ", validUntil: addDays(TODAY, daysLeft(index)),
        })),
      });
      await refreshAllStandings(db, TODAY);
      const certifications = await db.certification.findMany({ where: { productId: { in: products.map((product) => product.id) } }, select: { id: true, productId: true, validUntil: true } });
      return certifications.map((cert) => ({ productId: cert.productId, key: `${cert.id}@${cert.validUntil.getTime() <= addDays(TODAY, 30).getTime() ? 30 : 90}` }));
    }

    // Real processes cost a few seconds: SQLite only (PostgreSQL has the two clients above).
    it.skipIf(provider !== "sqlite")("two `npm run jobs -- reminders` processes at once: each reminder is recorded and mailed once", { timeout: 60_000 }, async () => {
      const due = await fillManyDueCertificates(450);
      await configureDatabase(db);
      const runJob = () =>
        new Promise<string>((resolve, reject) => {
          const child = spawn("npm", ["run", "--silent", "jobs", "--", "reminders", "--today", formatDate(TODAY)], {
            env: { ...process.env, DATABASE_URL: handle.url },
            stdio: ["ignore", "pipe", "pipe"],
          });
          let output = "";
          child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
          child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
          child.on("error", reject);
          child.on("close", (code) => (code === 0 ? resolve(output) : reject(new Error(`jobs exited ${code}: ${output}`))));
        });
      const counts = (output: string) => /reminders: (\d+) sent \((\d+) mails\), (\d+) skipped/.exec(output)?.slice(1).map(Number) ?? [];

      const outputs = await Promise.all([runJob(), runJob()]);
      const [first, second] = outputs.map(counts);
      expect(first, outputs[0]).toHaveLength(3);
      expect(second, outputs[1]).toHaveLength(3);
      expect(first![0]! + second![0]!).toBe(due.length);
      expect(first![1]! + second![1]!).toBe(due.length * recipients.length);
      await expectEachReminderOnce(due);
    });
  });
});
