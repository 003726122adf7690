/**
 * Producer self-registration through the services, on every provider: the
 * wizard's steps, the final submit (what it creates, in which language), a
 * registered tax code, an address that already has an account, the
 * honeypot, the per-address limit; confirming the address (expired, used,
 * fresh links), signing in before and after; resetting a password (reused
 * and expired links). Mail is read from the outbox, as the server would
 * send it.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../app/db.server";
import { requestPasswordReset, resetPassword } from "../../app/modules/accounts/password-reset.server";
import { signIn } from "../../app/modules/accounts/service.server";
import { sessionUser, type RequestMeta } from "../../app/modules/accounts/sessions.server";
import { createFileStore, type MediaStore } from "../../app/modules/media/store.server";
import { HONEYPOT_FIELD } from "../../app/modules/registration/forms";
import { checkRegistrationStep, confirmEmail, registerProducer, resendConfirmation, type RegistrationContext } from "../../app/modules/registration/service.server";
import { wizardPost } from "../../app/modules/registration/wizard.server";
import { auditRowsAfter, lastAuditId, refusal, rowCounts } from "../helpers/actors";
import { freshDatabase, testProviders, type TestDatabase } from "../helpers/databases";
import { loadMinimalReference, makeProducer, nextTaxCode } from "../helpers/fixtures";

const HOUR = 60 * 60 * 1000;
const PASSWORD = "mật khẩu đủ dài 2026";
const PDF = new TextEncoder().encode("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

const meta = (ip = "203.0.113.40"): RequestMeta => ({ ip, userAgent: "vitest", requestId: "req-register" });

/** The token of the newest mail of `kind` to `to`, read from its text as the recipient would. */
async function linkToken(db: Database, to: string, kind: string): Promise<string> {
  const mail = await db.outboxMessage.findFirst({ where: { toAddress: to, kind }, orderBy: { id: "desc" } });
  const token = /token=([\w-]{43})/.exec(mail?.text ?? "")?.[1];
  if (!token) throw new Error(`no ${kind} link in the mail to ${to}`);
  return token;
}

/** Every row a sign-up can write, counted. */
async function everything(db: Database) {
  return {
    ...(await rowCounts(db)),
    tokens: await db.accountToken.count(),
    mails: await db.outboxMessage.count(),
    documents: await db.document.count(),
    reviewMessages: await db.reviewMessage.count(),
  };
}

describe.each(testProviders())("registration on %s", (provider) => {
  let handle: TestDatabase;
  let db: Database;
  let provinceId: number;
  let communeId: number;
  let mediaDir: string;
  let store: MediaStore;

  beforeEach(async () => {
    handle = await freshDatabase(provider);
    db = handle.db;
    const reference = await loadMinimalReference(db);
    provinceId = reference.province.id;
    communeId = reference.commune.id;
    mediaDir = mkdtempSync(path.join(tmpdir(), "ocop-registration-"));
    store = createFileStore(mediaDir);
  });

  afterEach(async () => {
    await handle.dispose();
    rmSync(mediaDir, { recursive: true, force: true });
  });

  const context = (overrides: Partial<RegistrationContext> = {}): RegistrationContext => ({ meta: meta(), language: "vi", store, ...overrides });

  /** A complete sign-up as the wizard posts it at the end: strings, as typed. */
  const registration = (overrides: Record<string, string> = {}) => ({
    type: "COOPERATIVE",
    legalName: "Hợp tác xã Mật ong Bản Lác",
    taxCode: nextTaxCode(),
    registrationNumber: "5407000123",
    registrationDate: "2019-03-12",
    legalRepName: "Hà Văn Tâm",
    legalRepTitle: "Giám đốc",
    provinceId: String(provinceId),
    communeId: String(communeId),
    street: "Bản Lác",
    phone: "0218 3867 123",
    email: "htx.banlac@example.vn",
    website: "https://banlac.example.vn",
    descriptionVi: "Mật ong rừng Mai Châu, thu hoạch theo mùa hoa.",
    accountName: "Hà Văn Tâm",
    accountEmail: "tam@banlac.example",
    password: PASSWORD,
    confirmPassword: PASSWORD,
    ...overrides,
  });

  async function registered(overrides: Record<string, string> = {}, contextOverrides: Partial<RegistrationContext> = {}) {
    const outcome = await registerProducer(db, registration(overrides), context(contextOverrides));
    if (outcome.kind !== "created") throw new Error(`expected a new registration, got ${outcome.kind}`);
    return outcome;
  }

  describe("the final submit", () => {
    it("creates the pending producer, the unconfirmed account, its password, the audit row, a token and the mail, in the page's language", async () => {
      const mark = await lastAuditId(db);
      const { producerId, userId } = await registered({ accountEmail: "  Tam@BanLac.example " }, { language: "en" });

      const producer = await db.producer.findUniqueOrThrow({ where: { id: producerId } });
      expect(producer).toMatchObject({
        status: "PENDING",
        type: "COOPERATIVE",
        legalName: "Hợp tác xã Mật ong Bản Lác",
        slug: "hop-tac-xa-mat-ong-ban-lac",
        registrationNumber: "5407000123",
        legalRepName: "Hà Văn Tâm",
        provinceId,
        communeId,
        street: "Bản Lác",
        email: "htx.banlac@example.vn",
      });
      expect(producer.registrationDate?.toISOString()).toBe("2019-03-12T00:00:00.000Z");
      // Found by its name and places without accents.
      expect(producer.searchKey).toContain("hop tac xa mat ong ban lac");
      expect(producer.searchKey).toContain("tan lac");

      const user = await db.user.findUniqueOrThrow({ where: { id: userId } });
      expect(user).toMatchObject({ email: "tam@banlac.example", name: "Hà Văn Tâm", role: "PRODUCER", producerId, provinceId: null, language: "en", emailConfirmedAt: null });
      const password = await db.password.findUniqueOrThrow({ where: { userId } });
      expect(password.hash).toMatch(/^\$argon2id\$/);

      const rows = await auditRowsAfter(db, mark);
      expect(rows.map((row) => [row.action, row.entityType, row.entityId])).toEqual([["register", "producer", producerId]]);
      expect(rows[0]).toMatchObject({ actorId: userId, actorEmail: "tam@banlac.example", ip: "203.0.113.40", provinceId, entityLabel: "Hợp tác xã Mật ong Bản Lác" });
      expect(rows[0]!.changes).toMatchObject({ taxCode: [null, producer.taxCode], status: [null, "PENDING"] });
      expect(JSON.stringify(rows)).not.toContain(PASSWORD);

      const tokens = await db.accountToken.findMany({ where: { userId } });
      expect(tokens.map((token) => [token.purpose, token.usedAt])).toEqual([["confirm_email", null]]);
      const mails = await db.outboxMessage.findMany();
      expect(mails).toHaveLength(1);
      expect(mails[0]).toMatchObject({ kind: "confirm_email", toAddress: "tam@banlac.example", language: "en", subject: "Confirm your email address" });
      expect(mails[0]!.text).toMatch(/\/en\/register\/confirm\?token=[\w-]{43}/);
      expect(mails[0]!.text).toContain("Hợp tác xã Mật ong Bản Lác");
      // Nothing is in staff's review conversation before the address is confirmed.
      expect(await db.reviewMessage.count()).toBe(0);
    });

    it("a scan kept at step 3 becomes the producer's registration document; the draft goes", async () => {
      const about = new FormData();
      about.set("step", "about");
      about.set("intent", "next");
      about.set("scan", new File([PDF], "giay-dang-ky.pdf", { type: "application/pdf" }));
      const answer = await wizardPost(db, about, context());
      if (answer.done) throw new Error("the about step cannot end the wizard");
      expect(answer.step).toBe("account");
      const { scanKey, scanName } = answer.values;
      expect(scanKey).toMatch(/^documents\/drafts\/[0-9a-f]{32}\.pdf$/);
      expect(scanName).toBe("giay-dang-ky.pdf");
      expect(existsSync(store.path(scanKey!))).toBe(true);

      const { producerId } = await registered({ scanKey: scanKey!, scanName: scanName! });
      const documents = await db.document.findMany({ where: { producerId } });
      expect(documents).toMatchObject([{ kind: "registration", fileName: "giay-dang-ky.pdf", contentType: "application/pdf", bytes: PDF.byteLength }]);
      expect(existsSync(store.path(documents[0]!.storageKey))).toBe(true);
      expect(existsSync(store.path(scanKey!))).toBe(false);
    });

    it("a scan that is not a PDF or an image is refused at its step, with what was typed kept", async () => {
      const about = new FormData();
      about.set("step", "about");
      about.set("intent", "next");
      about.set("legalName", "Hợp tác xã Mật ong Bản Lác");
      about.set("descriptionVi", "Mật ong rừng.");
      about.set("scan", new File(["<html>not a scan</html>"], "scan.pdf", { type: "application/pdf" }));
      const answer = await wizardPost(db, about, context());
      expect(answer).toMatchObject({
        done: false,
        step: "about",
        status: 400,
        fieldErrors: { scanKey: ["forms.document_unsupported"] },
        values: { legalName: "Hợp tác xã Mật ong Bản Lác", descriptionVi: "Mật ong rừng." },
      });
      expect(await store.list("documents/")).toEqual([]);
    });
  });

  describe("a tax code that is already registered", () => {
    it("is refused with the provincial office message, at its step and at the end, and nothing is created", async () => {
      const taxCode = nextTaxCode();
      await registered({ taxCode, accountEmail: "first@banlac.example", legalName: "Hợp tác xã Đầu tiên" });
      const before = await everything(db);

      const atStep = await refusal(() => checkRegistrationStep(db, "organisation", registration({ taxCode })));
      expect(atStep.status).toBe(409);
      expect(atStep.fieldErrors).toEqual({ taxCode: ["register.errors.taxCodeRegistered"] });

      const atEnd = await refusal(() => registerProducer(db, registration({ taxCode, accountEmail: "second@other.example" }), context()));
      expect(atEnd.status).toBe(409);
      expect(atEnd.fieldErrors).toEqual({ taxCode: ["register.errors.taxCodeRegistered"] });
      // Nothing about the other account: no name, no address.
      expect(JSON.stringify(atEnd)).not.toMatch(/first@banlac|Đầu tiên/);
      expect(await everything(db)).toEqual(before);

      // The wizard sends the user back to the organisation step with everything kept.
      const last = new FormData();
      for (const [name, value] of Object.entries(registration({ taxCode, accountEmail: "second@other.example" }))) last.set(name, value);
      last.set("step", "account");
      last.set("intent", "submit");
      const answer = await wizardPost(db, last, context());
      expect(answer).toMatchObject({ done: false, step: "organisation", status: 409, fieldErrors: { taxCode: ["register.errors.taxCodeRegistered"] } });
      if (answer.done) throw new Error("unreachable");
      expect(answer.values).toMatchObject({ taxCode, legalName: "Hợp tác xã Mật ong Bản Lác", accountEmail: "second@other.example" });
      expect(answer.values).not.toHaveProperty("password");
      expect(await everything(db)).toEqual(before);
    });

    it("staff-entered producers count too (a branch code is its own)", async () => {
      const taxCode = nextTaxCode();
      await makeProducer(db, provinceId, { taxCode });
      const error = await refusal(() => registerProducer(db, registration({ taxCode }), context()));
      expect(error.fieldErrors).toEqual({ taxCode: ["register.errors.taxCodeRegistered"] });
      await registered({ taxCode: `${taxCode}-001` });
    });
  });

  describe("an email that already has an account", () => {
    it("answers like a success, creates nothing, and tells that address by mail (once an hour)", async () => {
      await registered({ accountEmail: "tam@banlac.example" }, { language: "en" });
      const before = await everything(db);

      const again = await registerProducer(db, registration({ accountEmail: "TAM@banlac.example", legalName: "Hợp tác xã Khác" }), context());
      expect(again).toEqual({ kind: "exists" });
      const after = await everything(db);
      expect({ ...after, mails: before.mails }).toEqual(before);
      expect(after.mails).toBe(before.mails + 1);
      const mail = await db.outboxMessage.findFirstOrThrow({ orderBy: { id: "desc" } });
      // In the account owner's language, pointing to the password reset.
      expect(mail).toMatchObject({ kind: "registration_exists", toAddress: "tam@banlac.example", language: "en" });
      expect(mail.text).toMatch(/\/en\/forgot-password/);

      expect(await registerProducer(db, registration({ accountEmail: "tam@banlac.example" }), context())).toEqual({ kind: "exists" });
      expect(await db.outboxMessage.count({ where: { kind: "registration_exists" } })).toBe(1);
    });
  });

  describe("the honeypot", () => {
    it("filled: the same answer as a success, and nothing is created", async () => {
      const before = await everything(db);
      expect(await registerProducer(db, registration({ [HONEYPOT_FIELD]: "+84 24 3822 0000" }), context())).toEqual({ kind: "ignored" });
      expect(await everything(db)).toEqual(before);

      const last = new FormData();
      for (const [name, value] of Object.entries(registration({ [HONEYPOT_FIELD]: "spam" }))) last.set(name, value);
      last.set("step", "account");
      last.set("intent", "submit");
      expect(await wizardPost(db, last, context())).toEqual({ done: true, outcome: { kind: "ignored" } });
      expect(await everything(db)).toEqual(before);
    });
  });

  describe("the per-address limit", () => {
    it("refuses a final submit once the audit trail holds the hour's registrations from this address; other addresses go on", async () => {
      const limited = { signUpsPerHour: 2 };
      await registered({ accountEmail: "a@one.example" }, limited);
      await registered({ accountEmail: "b@one.example" }, limited);
      const before = await everything(db);
      const error = await refusal(() => registerProducer(db, registration({ accountEmail: "c@one.example" }), context(limited)));
      expect(error.status).toBe(429);
      expect(error.fieldErrors).toEqual({ form: ["register.errors.tooMany"] });
      expect(await everything(db)).toEqual(before);

      await registered({ accountEmail: "c@one.example" }, { ...limited, meta: meta("198.51.100.77") });
      // An hour later the address may register again.
      await registered({ accountEmail: "d@one.example" }, { ...limited, now: new Date(Date.now() + HOUR + 60_000) });
    });
  });

  describe("confirming the address", () => {
    it("an expired link is refused and the account stays unconfirmed; a fresh link works once, opens a session and reaches staff's queue", async () => {
      const { userId, producerId } = await registered();
      const expiredToken = await linkToken(db, "tam@banlac.example", "confirm_email");
      const later = new Date(Date.now() + 49 * HOUR);

      expect(await confirmEmail(db, expiredToken, meta(), later)).toEqual({ ok: false, reason: "expired" });
      expect((await db.user.findUniqueOrThrow({ where: { id: userId } })).emailConfirmedAt).toBeNull();
      expect(await db.session.count()).toBe(0);

      await resendConfirmation(db, { email: "Tam@banlac.example" }, later);
      const freshToken = await linkToken(db, "tam@banlac.example", "confirm_email");
      expect(freshToken).not.toBe(expiredToken);
      const mark = await lastAuditId(db);
      const confirmed = await confirmEmail(db, freshToken, meta(), later);
      if (!confirmed.ok) throw new Error(`confirmation refused: ${confirmed.reason}`);
      expect(confirmed.language).toBe("vi");

      expect((await db.user.findUniqueOrThrow({ where: { id: userId } })).emailConfirmedAt?.getTime()).toBe(later.getTime());
      const user = await sessionUser(db, new Request("http://127.0.0.1/portal", { headers: { Cookie: confirmed.setCookie.split(";")[0]! } }));
      expect(user).toMatchObject({ id: userId, role: "PRODUCER", producerId });
      expect((await auditRowsAfter(db, mark)).map((row) => [row.action, row.entityType, row.entityId, row.actorId])).toEqual([["confirm_email", "user", userId, userId]]);
      expect(await db.reviewMessage.findMany({ select: { producerId: true, entityType: true, entityId: true, fromStaff: true, event: true } })).toEqual([
        { producerId, entityType: "producer", entityId: producerId, fromStaff: false, event: "submitted" },
      ]);
    });

    it("a used link is refused as used, and changes nothing more", async () => {
      await registered();
      const token = await linkToken(db, "tam@banlac.example", "confirm_email");
      expect((await confirmEmail(db, token, meta())).ok).toBe(true);
      const before = await everything(db);
      expect(await confirmEmail(db, token, meta())).toEqual({ ok: false, reason: "used" });
      expect(await everything(db)).toEqual(before);
      // A confirmed account gets no new link.
      await resendConfirmation(db, { email: "tam@banlac.example" });
      expect(await everything(db)).toEqual(before);
    });

    it("nobody learns anything from asking for a link: an unknown address queues nothing and answers the same", async () => {
      await expect(resendConfirmation(db, { email: "nobody@example.vn" })).resolves.toBeUndefined();
      expect(await db.outboxMessage.count()).toBe(0);
    });
  });

  describe("signing in", () => {
    it("is refused before confirmation with its own reason (the right password only), and allowed after", async () => {
      await registered();
      expect(await signIn(db, { email: "tam@banlac.example", password: PASSWORD }, meta())).toEqual({ ok: false, reason: "unconfirmed" });
      expect(await signIn(db, { email: "tam@banlac.example", password: "sai mật khẩu 2026" }, meta())).toEqual({ ok: false, reason: "invalid" });
      expect(await db.session.count()).toBe(0);

      expect((await confirmEmail(db, await linkToken(db, "tam@banlac.example", "confirm_email"), meta())).ok).toBe(true);
      const result = await signIn(db, { email: "tam@banlac.example", password: PASSWORD }, meta());
      expect(result).toMatchObject({ ok: true, user: { role: "PRODUCER" } });
    });
  });

  describe("resetting a password", () => {
    const NEW_PASSWORD = "mật khẩu mới đủ dài";

    async function confirmedProducer() {
      const { userId } = await registered();
      expect((await confirmEmail(db, await linkToken(db, "tam@banlac.example", "confirm_email"), meta())).ok).toBe(true);
      return userId;
    }

    it("a reused link is refused the second time, and the password stays the one set by the first use", async () => {
      const userId = await confirmedProducer();
      expect(await db.session.count({ where: { userId } })).toBe(1);
      await requestPasswordReset(db, { email: "TAM@banlac.example" });
      const mail = await db.outboxMessage.findFirstOrThrow({ where: { kind: "reset_password" } });
      expect(mail).toMatchObject({ toAddress: "tam@banlac.example", language: "vi" });
      expect(mail.text).toMatch(/\/reset-password\?token=/);
      const token = await linkToken(db, "tam@banlac.example", "reset_password");

      const mark = await lastAuditId(db);
      expect(await resetPassword(db, { token, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }, meta())).toEqual({ ok: true });
      // Every session ended: whoever knew the old password is out.
      expect(await db.session.count({ where: { userId } })).toBe(0);
      expect((await auditRowsAfter(db, mark)).map((row) => [row.action, row.entityId, row.actorId])).toEqual([["password_reset", userId, userId]]);
      const hashAfterFirstUse = (await db.password.findUniqueOrThrow({ where: { userId } })).hash;

      expect(await resetPassword(db, { token, password: "một mật khẩu khác nữa", confirmPassword: "một mật khẩu khác nữa" }, meta())).toEqual({ ok: false, reason: "used" });
      expect((await db.password.findUniqueOrThrow({ where: { userId } })).hash).toBe(hashAfterFirstUse);
      expect((await signIn(db, { email: "tam@banlac.example", password: NEW_PASSWORD }, meta())).ok).toBe(true);
      expect(await signIn(db, { email: "tam@banlac.example", password: "một mật khẩu khác nữa" }, meta())).toEqual({ ok: false, reason: "invalid" });
    });

    it("an expired link is refused and the password is unchanged", async () => {
      const userId = await confirmedProducer();
      const hashBefore = (await db.password.findUniqueOrThrow({ where: { userId } })).hash;
      await requestPasswordReset(db, { email: "tam@banlac.example" });
      const token = await linkToken(db, "tam@banlac.example", "reset_password");
      const later = new Date(Date.now() + HOUR + 60_000);
      expect(await resetPassword(db, { token, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }, meta(), later)).toEqual({ ok: false, reason: "expired" });
      expect((await db.password.findUniqueOrThrow({ where: { userId } })).hash).toBe(hashBefore);
      expect(await db.session.count({ where: { userId } })).toBe(1);
    });

    it("an unknown or disabled address gets no mail; one account gets at most three links an hour", async () => {
      await requestPasswordReset(db, { email: "nobody@example.vn" });
      expect(await db.outboxMessage.count({ where: { kind: "reset_password" } })).toBe(0);
      const userId = await confirmedProducer();
      for (let attempt = 0; attempt < 5; attempt++) await requestPasswordReset(db, { email: "tam@banlac.example" });
      expect(await db.outboxMessage.count({ where: { kind: "reset_password" } })).toBe(3);
      await db.user.update({ where: { id: userId }, data: { disabledAt: new Date() } });
      await requestPasswordReset(db, { email: "tam@banlac.example" }, new Date(Date.now() + 2 * HOUR));
      expect(await db.outboxMessage.count({ where: { kind: "reset_password" } })).toBe(3);
    });
  });

  describe("the wizard", () => {
    it("checks each step on the server, keeps what was typed on a refusal, and going back keeps everything but the passwords", async () => {
      const first = new FormData();
      first.set("step", "organisation");
      first.set("intent", "next");
      first.set("type", "COOPERATIVE");
      first.set("legalName", "Hợp tác xã Mật ong Bản Lác");
      first.set("taxCode", "12345");
      first.set("legalRepName", "Hà Văn Tâm");
      expect(await wizardPost(db, first, context())).toMatchObject({
        done: false,
        step: "organisation",
        status: 400,
        fieldErrors: { taxCode: ["forms.taxCodeFormat"] },
        values: { legalName: "Hợp tác xã Mật ong Bản Lác", taxCode: "12345", legalRepName: "Hà Văn Tâm" },
      });

      const taxCode = nextTaxCode();
      first.set("taxCode", taxCode);
      expect(await wizardPost(db, first, context())).toMatchObject({ done: false, step: "address", status: 200 });

      // A commune of another province is refused at the address step.
      const otherProvince = await db.province.create({ data: { slug: "son-la", nameVi: "Sơn La", nameEn: "Son La", formedFromVi: "Sơn La", searchKey: "son la" } });
      const address = new FormData();
      for (const [name, value] of Object.entries({ type: "COOPERATIVE", legalName: "Hợp tác xã Mật ong Bản Lác", taxCode, legalRepName: "Hà Văn Tâm" })) address.set(name, value);
      address.set("step", "address");
      address.set("intent", "next");
      address.set("provinceId", String(otherProvince.id));
      address.set("communeId", String(communeId));
      expect(await wizardPost(db, address, context())).toMatchObject({ done: false, step: "address", fieldErrors: { communeId: ["forms.communeNotInProvince"] } });

      const last = new FormData();
      for (const [name, value] of Object.entries(registration({ taxCode }))) last.set(name, value);
      last.set("step", "account");
      last.set("intent", "back");
      const back = await wizardPost(db, last, context());
      if (back.done) throw new Error("going back cannot end the wizard");
      expect(back.step).toBe("about");
      const { password: _password, confirmPassword: _confirm, ...typed } = registration({ taxCode });
      expect(back.values).toEqual(typed);

      const goto = new FormData();
      for (const [name, value] of Object.entries(back.values)) goto.set(name, value);
      goto.set("step", "account");
      goto.set("intent", "goto:organisation");
      expect(await wizardPost(db, goto, context())).toMatchObject({ done: false, step: "organisation", values: typed });
      expect(await db.producer.count()).toBe(0);
    });
  });
});
