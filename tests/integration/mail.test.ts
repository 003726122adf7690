/**
 * Mail delivery through a real SMTP conversation, on every provider: the
 * test starts its own SMTP server (smtp-server) and reads what arrives.
 * Mail is written in the recipient's language with a plain-text and an HTML
 * part; a refused or unreachable send is retried later and never lost; after
 * the last attempt it is FAILED and an admin can put it back (audited); two
 * senders at once deliver each message exactly once; without SMTP mail is
 * KEPT in the outbox. Expected values are written out from the inputs.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createDatabase, type Database } from "../../app/db.server";
import { CLAIM_LEASE_MS, deliverDueMail, describeSendError, MAX_ATTEMPTS, retryDelayMs, SENT_TOKEN_MARK } from "../../app/modules/mail/delivery.server";
import { parseAuditQuery, searchAudit } from "../../app/modules/audit/search.server";
import { listOutbox, outboxMessage, parseOutboxQuery, retryMail } from "../../app/modules/outbox/admin.server";
import { queueMail } from "../../app/modules/mail/outbox.server";
import { createMailTransport, type MailTransport } from "../../app/modules/mail/transport.server";
import { nudgeMailDelivery, startMailDelivery } from "../../app/modules/mail/worker.server";
import { adminActor, auditRowsAfter, editorActor, lastAuditId, refusal } from "../helpers/actors";
import { freshDatabase, testProviders, type TestDatabase } from "../helpers/databases";
import { closedPortUrl, decodeWords, partOf, startSmtp, type TestSmtp } from "../helpers/smtp-server";

const FROM = "Danh mục OCOP <no-reply@ocop.test>";
const MINUTE = 60_000;
/** The test's clock starts just after its mail is queued (queueMail stamps rows with the real time). */
let t0 = new Date();
const at = (ms: number) => new Date(t0.getTime() + ms);

// ---- the tests -----------------------------------------------------------------------

describe.each(testProviders())("mail delivery on %s", (provider) => {
  let handle: TestDatabase;
  let db: Database;
  let smtp: TestSmtp;

  beforeEach(async () => {
    handle = await freshDatabase(provider);
    db = handle.db;
    smtp = await startSmtp();
    t0 = new Date(Date.now() + 5_000);
  });

  afterEach(async () => {
    await smtp.close();
    await handle.dispose();
  });

  const confirmVi = (url: string) =>
    ({ kind: "confirm_email", name: "Nguyễn Thị Hoa", organisation: "HTX Chè Tân Cương", url, hours: 48 }) as const;
  const resetEn = (url: string) => ({ kind: "reset_password", name: "Jane Tran", url, minutes: 30 }) as const;

  async function queued(to: string, url = `https://ocop.test/confirm/${to}`) {
    return queueMail(db, to, "vi", confirmVi(url));
  }

  const row = (id: number) => db.outboxMessage.findUniqueOrThrow({ where: { id } });

  it("sends each mail in its recipient's language, with a plain-text and an HTML part", async () => {
    const viToken = "k5Qd0Zc2mV7pLr9XtWb1YsN3hE8uJ4aG6fC0iO2qT_-";
    const enToken = "Zy8xW7vU6tS5rQ4pO3nM2lK1jI0hG9fE8dC7bA6_-zY";
    const viLink = `https://ocop.test/register/confirm?token=${viToken}`;
    const enLink = `https://ocop.test/en/reset-password?token=${enToken}`;
    const viId = await queueMail(db, "hoa@htx-tancuong.vn", "vi", confirmVi(viLink));
    const enId = await queueMail(db, "jane@example.com", "en", resetEn(enLink));

    const counts = await deliverDueMail(db, { transport: createMailTransport(smtp.url), now: at(0), from: FROM });

    expect(counts).toEqual({ sent: 2, kept: 0, failed: 0, retried: 0 });
    expect(smtp.received).toHaveLength(2);
    const vi = smtp.received.find((message) => message.envelopeTo.includes("hoa@htx-tancuong.vn"))!;
    const en = smtp.received.find((message) => message.envelopeTo.includes("jane@example.com"))!;
    expect(vi.envelopeTo).toEqual(["hoa@htx-tancuong.vn"]);
    expect(vi.headers.get("to")).toBe("hoa@htx-tancuong.vn");
    expect(decodeWords(vi.headers.get("from")!)).toBe(FROM);
    expect(decodeWords(vi.headers.get("subject")!)).toBe("Xác nhận địa chỉ thư điện tử của bạn");
    expect(vi.headers.get("content-language")).toBe("vi");
    expect(vi.headers.get("content-type")).toMatch(/^multipart\/alternative/);
    const viText = partOf(vi, "text/plain")!;
    const viHtml = partOf(vi, "text/html")!;
    expect(viText.headers.get("content-type")).toMatch(/charset=utf-8/i);
    expect(viText.body).toContain("Xin chào Nguyễn Thị Hoa,");
    expect(viText.body).toContain("HTX Chè Tân Cương");
    expect(viText.body).toContain(`Xác nhận địa chỉ thư:\n${viLink}`.replace(/\n/g, "\r\n"));
    expect(viHtml.body).toContain(`<a href="${viLink}">Xác nhận địa chỉ thư</a>`);

    expect(en.headers.get("content-language")).toBe("en");
    expect(decodeWords(en.headers.get("subject")!)).toBe("Reset your password");
    expect(partOf(en, "text/plain")!.body).toContain(enLink);
    expect(partOf(en, "text/html")!.body).toContain(`href="${enLink}"`);
    expect(en.headers.get("message-id")).toMatch(new RegExp(`^<outbox-${enId}-\\d+@ocop\\.test>$`));

    for (const [id, token] of [[viId, viToken], [enId, enToken]] as const) {
      const message = await row(id);
      expect(message).toMatchObject({ status: "SENT", attempts: 1, claimedUntil: null, lastError: null });
      expect(message.sentAt).not.toBeNull();
      // The copy kept for admins no longer holds the one-time link's token; the rest of the text stays.
      for (const content of [message.text, message.html]) {
        expect(content).not.toContain(token);
        expect(content).toContain(`token=${SENT_TOKEN_MARK}`);
      }
    }
    expect((await row(viId)).text).toContain("Xin chào Nguyễn Thị Hoa,");
    // Nothing is sent twice.
    expect(await deliverDueMail(db, { transport: createMailTransport(smtp.url), now: at(MINUTE), from: FROM })).toEqual({ sent: 0, kept: 0, failed: 0, retried: 0 });
    expect(smtp.received).toHaveLength(2);
  });

  it("keeps a refused message queued and sends it on a later run once the server accepts", async () => {
    const id = await queued("hoa@htx-tancuong.vn");
    const transport = createMailTransport(smtp.url);
    smtp.refuseData = 451;

    expect(await deliverDueMail(db, { transport, now: at(0), from: FROM })).toEqual({ sent: 0, kept: 0, failed: 0, retried: 1 });
    const refused = await row(id);
    expect(refused).toMatchObject({ status: "QUEUED", attempts: 1, claimedUntil: null, sentAt: null });
    expect(refused.lastError).toContain("451");
    expect(refused.lastError).toContain("Try again later");
    expect(refused.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(at(MINUTE).getTime());
    expect(refused.nextAttemptAt.getTime()).toBeLessThan(at(MINUTE + 30_000).getTime());

    smtp.refuseData = null;
    // Not due yet: the backoff holds it.
    expect(await deliverDueMail(db, { transport, now: at(30_000), from: FROM })).toEqual({ sent: 0, kept: 0, failed: 0, retried: 0 });
    expect(smtp.received).toHaveLength(0);

    expect(await deliverDueMail(db, { transport, now: at(2 * MINUTE), from: FROM })).toEqual({ sent: 1, kept: 0, failed: 0, retried: 0 });
    expect(smtp.received.map((message) => message.envelopeTo)).toEqual([["hoa@htx-tancuong.vn"]]);
    expect(await row(id)).toMatchObject({ status: "SENT", attempts: 2, lastError: null });
  });

  it("a recipient refused at RCPT TO does not hold back the others", async () => {
    const refusedId = await queued("gone@example.com");
    const okId = await queued("hoa@htx-tancuong.vn");
    smtp.refusedRecipients.add("gone@example.com");

    expect(await deliverDueMail(db, { transport: createMailTransport(smtp.url), now: at(0), from: FROM })).toEqual({ sent: 1, kept: 0, failed: 0, retried: 1 });
    expect(smtp.received.map((message) => message.envelopeTo)).toEqual([["hoa@htx-tancuong.vn"]]);
    expect(await row(okId)).toMatchObject({ status: "SENT" });
    const refused = await row(refusedId);
    expect(refused).toMatchObject({ status: "QUEUED", attempts: 1 });
    expect(refused.lastError).toMatch(/^EENVELOPE: .*550/);
  });

  it("retries while the SMTP server is down, backing off, then gives up as FAILED; an admin re-queues it", async () => {
    const id = await queued("hoa@htx-tancuong.vn");
    const down = createMailTransport(await closedPortUrl());
    let now = at(0);
    const delays: number[] = [];
    for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
      expect(await deliverDueMail(db, { transport: down, now, from: FROM })).toEqual({ sent: 0, kept: 0, failed: 0, retried: 1 });
      const message = await row(id);
      expect(message).toMatchObject({ status: "QUEUED", attempts: attempt, claimedUntil: null });
      expect(message.lastError).toContain("ECONNREFUSED");
      delays.push(Math.round((message.nextAttemptAt.getTime() - now.getTime()) / MINUTE));
      now = message.nextAttemptAt;
    }
    // 1, 2, 4, … minutes, never more than 6 hours.
    expect(delays).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 256, 360, 360]);

    expect(await deliverDueMail(db, { transport: down, now, from: FROM })).toEqual({ sent: 0, kept: 0, failed: 1, retried: 0 });
    const failed = await row(id);
    expect(failed).toMatchObject({ status: "FAILED", attempts: MAX_ATTEMPTS, sentAt: null });
    expect(failed.lastError).toContain("ECONNREFUSED");
    // A FAILED message stays, and is never picked up again by itself.
    const later = new Date(now.getTime() + 24 * 60 * MINUTE);
    expect(await deliverDueMail(db, { transport: createMailTransport(smtp.url), now: later, from: FROM })).toEqual({ sent: 0, kept: 0, failed: 0, retried: 0 });

    // Only an admin may put it back; the retry is audited.
    const editorRefusal = await refusal(() => retryMail(db, editorActor(), id, later));
    expect(editorRefusal.status).toBe(403);
    const admin = adminActor();
    const auditBefore = await lastAuditId(db);
    await retryMail(db, admin, id, later);
    expect(await row(id)).toMatchObject({ status: "QUEUED", attempts: 0, claimedUntil: null, nextAttemptAt: later });
    expect(await auditRowsAfter(db, auditBefore)).toEqual([
      expect.objectContaining({
        actorId: admin.userId,
        action: "mail_retry",
        entityType: "mail",
        entityId: id,
        entityLabel: "hoa@htx-tancuong.vn",
        changes: { status: ["FAILED", "QUEUED"] },
      }),
    ]);
    // The row names the recipient: admins read it in the audit trail, editors (even national ones) do not.
    const mailTrail = new URLSearchParams({ entity: "mail" });
    expect((await searchAudit(db, admin, parseAuditQuery(mailTrail).query)).items.map((item) => item.entityLabel)).toEqual(["hoa@htx-tancuong.vn"]);
    expect((await searchAudit(db, editorActor(), parseAuditQuery(mailTrail).query)).total).toBe(0);
    expect((await searchAudit(db, editorActor(), parseAuditQuery(new URLSearchParams()).query)).items.some((item) => item.entityType === "mail")).toBe(false);
    // Queued already: nothing to retry, nothing audited.
    expect((await refusal(() => retryMail(db, admin, id, later))).status).toBe(409);
    expect((await refusal(() => retryMail(db, admin, id + 1000, later))).status).toBe(404);
    expect(await auditRowsAfter(db, auditBefore)).toHaveLength(1);

    expect(await deliverDueMail(db, { transport: createMailTransport(smtp.url), now: later, from: FROM })).toEqual({ sent: 1, kept: 0, failed: 0, retried: 0 });
    expect(smtp.received).toHaveLength(1);
    expect(await row(id)).toMatchObject({ status: "SENT", attempts: 1 });
  });

  it("two senders at once, on two connections to one database, deliver each message exactly once", async () => {
    const addresses = Array.from({ length: 8 }, (_, index) => `producer${index + 1}@example.com`);
    for (const address of addresses) await queued(address);
    smtp.dataDelayMs = 20;
    const second = createDatabase(handle.url);
    try {
      const runs = await Promise.all([
        deliverDueMail(db, { transport: createMailTransport(smtp.url), now: at(0), from: FROM }),
        deliverDueMail(second, { transport: createMailTransport(smtp.url), now: at(0), from: FROM }),
      ]);
      expect(runs[0]!.sent + runs[1]!.sent).toBe(addresses.length);
    } finally {
      await second.$disconnect();
    }
    expect(smtp.received.flatMap((message) => message.envelopeTo).sort()).toEqual([...addresses].sort());
    expect(await db.outboxMessage.count({ where: { status: "SENT", attempts: 1 } })).toBe(addresses.length);
  });

  it("does not send a message another sender holds a live claim on, and takes it over once the claim lapses", async () => {
    const id = await queued("hoa@htx-tancuong.vn");
    await db.outboxMessage.update({ where: { id }, data: { claimedUntil: at(CLAIM_LEASE_MS) } });
    const transport = createMailTransport(smtp.url);

    expect(await deliverDueMail(db, { transport, now: at(MINUTE), from: FROM })).toEqual({ sent: 0, kept: 0, failed: 0, retried: 0 });
    expect(smtp.received).toHaveLength(0);

    expect(await deliverDueMail(db, { transport, now: at(CLAIM_LEASE_MS + 1), from: FROM })).toEqual({ sent: 1, kept: 0, failed: 0, retried: 0 });
    expect(smtp.received).toHaveLength(1);
  });

  it("without SMTP, mail is KEPT in the outbox for admins to read, and can be queued again", async () => {
    const link = "https://ocop.test/xac-nhan?token=dev-only";
    const id = await queueMail(db, "hoa@htx-tancuong.vn", "vi", confirmVi(link));

    expect(await deliverDueMail(db, { transport: null, now: at(0), from: FROM })).toEqual({ sent: 0, kept: 1, failed: 0, retried: 0 });
    expect(await row(id)).toMatchObject({ status: "KEPT", attempts: 0, sentAt: null, claimedUntil: null });
    const admin = adminActor();
    const kept = await outboxMessage(db, admin, id);
    expect(kept?.text).toContain(link);
    expect((await refusal(() => outboxMessage(db, editorActor(), id))).status).toBe(403);

    await retryMail(db, admin, id, at(MINUTE));
    expect(await deliverDueMail(db, { transport: createMailTransport(smtp.url), now: at(MINUTE), from: FROM })).toEqual({ sent: 1, kept: 0, failed: 0, retried: 0 });
    expect(partOf(smtp.received[0]!, "text/plain")!.body).toContain(link);
  });

  it("the server's sender delivers soon after a nudge, one run at a time", async () => {
    const smtpTransport = createMailTransport(smtp.url);
    let sending = 0;
    let mostAtOnce = 0;
    const transport: MailTransport = {
      async sendMail(message) {
        sending += 1;
        mostAtOnce = Math.max(mostAtOnce, sending);
        try {
          return await smtpTransport.sendMail(message);
        } finally {
          sending -= 1;
        }
      },
    };
    smtp.dataDelayMs = 50;
    const logged: string[] = [];
    // An hour between polls: only the start and the nudges can send within this test.
    const stop = startMailDelivery(db, { transport, pollMs: 3_600_000, log: (line) => logged.push(line) });
    try {
      await queued("first@example.com");
      nudgeMailDelivery();
      await expect.poll(() => smtp.received.length, { timeout: 5_000 }).toBe(1);
      // Nudged again while a run is sending: the next run waits for it, then takes the rest.
      await queued("second@example.com");
      nudgeMailDelivery();
      await expect.poll(() => sending, { timeout: 5_000 }).toBe(1);
      await queued("third@example.com");
      nudgeMailDelivery();
      nudgeMailDelivery();
      await expect.poll(() => smtp.received.length, { timeout: 5_000 }).toBe(3);
    } finally {
      stop();
    }
    expect(mostAtOnce).toBe(1);
    expect(smtp.received.flatMap((message) => message.envelopeTo)).toEqual(["first@example.com", "second@example.com", "third@example.com"]);
    expect(logged.some((line) => line.startsWith("mail: 1 sent"))).toBe(true);
    // Stopped: a nudge does nothing.
    await queued("late@example.com");
    nudgeMailDelivery();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(smtp.received).toHaveLength(3);
  });

  it("lists the outbox for admins: newest first, by status and by part of the address, a page at a time", async () => {
    const ids: number[] = [];
    for (const [index, address] of ["a_b@example.com", "axb@example.com", "hoa@htx-tancuong.vn"].entries()) {
      ids.push(await db.outboxMessage.create({
        data: { kind: "confirm_email", toAddress: address, language: "vi", subject: `s${index}`, text: "t", html: "h", createdAt: at(index * MINUTE) },
        select: { id: true },
      }).then((created) => created.id));
    }
    await db.outboxMessage.update({ where: { id: ids[2]! }, data: { status: "FAILED" } });
    const admin = adminActor();
    const list = (search: string) => listOutbox(db, admin, parseOutboxQuery(new URLSearchParams(search)).query);

    const all = await list("");
    expect(all.items.map((item) => item.toAddress)).toEqual(["hoa@htx-tancuong.vn", "axb@example.com", "a_b@example.com"]);
    expect(all).toMatchObject({ total: 3, page: 1, pageCount: 1, counts: { QUEUED: 2, SENT: 0, KEPT: 0, FAILED: 1 } });
    expect((await list("status=FAILED")).items.map((item) => item.id)).toEqual([ids[2]]);
    expect((await list("to=HTX-TanCuong")).items.map((item) => item.id)).toEqual([ids[2]]);
    expect((await list("to=a_b")).items.map((item) => item.toAddress)).toEqual(["a_b@example.com"]);
    expect((await list("status=QUEUED&to=example&page=2")).items).toEqual([]);
    expect(parseOutboxQuery(new URLSearchParams("status=LOST&page=x")).ignored).toEqual(["status", "page"]);
    expect((await refusal(() => listOutbox(db, editorActor(), { page: 1 }))).status).toBe(403);
  });
});

describe("a send error, as the outbox keeps it", () => {
  it("is one short line with the SMTP credentials cut out", () => {
    const error = Object.assign(new Error("Invalid login: 535 user mailer / s3cret-pass refused\n  at somewhere"), { code: "EAUTH" });
    const line = describeSendError(error, "smtp://mailer:s3cret-pass@mail.example.vn:587");
    expect(line).toBe("EAUTH: Invalid login: 535 user *** / *** refused");
    expect(describeSendError(new Error("x".repeat(1000)), undefined)).toHaveLength(300);
  });

  it("backs off 1, 2, 4 … minutes up to 6 hours", () => {
    expect([1, 2, 3, 9, 10, 40].map((attempts) => retryDelayMs(attempts) / MINUTE)).toEqual([1, 2, 4, 256, 360, 360]);
  });
});
