/**
 * Accounts through the services, on every provider: creating one (the hash
 * lives apart from the user, and never reaches the audit trail), signing in
 * and out, throttling by account and by address, the session cookie, and
 * what admins do to accounts. Sessions are read back the way the server
 * reads them: from a Request carrying the cookie.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../app/db.server";
import { SYSTEM_ACTOR, type Actor } from "../../app/modules/accounts/actor.server";
import {
  changeOwnPassword,
  createAccount,
  setAccountDisabled,
  signIn,
  signOut,
  updateAccount,
  type SignInResult,
} from "../../app/modules/accounts/service.server";
import { sessionUser, type RequestMeta, type SessionUser } from "../../app/modules/accounts/sessions.server";
import { MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_ADDRESS, THROTTLE_WINDOW_MS } from "../../app/modules/accounts/throttle.server";
import { adminActor, auditRowsAfter, editorActor, lastAuditId, refusal, rowCounts } from "../helpers/actors";
import { freshDatabase, testProviders, type TestDatabase } from "../helpers/databases";
import { loadMinimalReference, makeProducer } from "../helpers/fixtures";

const meta = (ip: string, requestId = "req-accounts"): RequestMeta => ({ ip, userAgent: "vitest", requestId });

/** A request to the site carrying the cookie a Set-Cookie header set. */
function requestWith(setCookie: string, path = "/admin"): Request {
  return new Request(`http://127.0.0.1${path}`, { headers: { Cookie: setCookie.split(";")[0]! } });
}

function cookieOf(result: SignInResult): string {
  if (!result.ok) throw new Error(`sign-in refused: ${JSON.stringify(result)}`);
  return result.setCookie;
}

describe.each(testProviders())("accounts on %s", (provider) => {
  let handle: TestDatabase;
  let db: Database;
  let phuTho: number;

  beforeEach(async () => {
    handle = await freshDatabase(provider);
    db = handle.db;
    phuTho = (await loadMinimalReference(db)).province.id;
  });

  afterEach(async () => handle.dispose());

  const account = (email: string, overrides: Record<string, unknown> = {}) =>
    createAccount(db, SYSTEM_ACTOR, { email, name: "Nguyễn Thị Lan", role: "EDITOR", password: "mật khẩu đủ dài 2026", ...overrides });

  async function signedIn(email: string, password = "mật khẩu đủ dài 2026", ip = "203.0.113.10"): Promise<{ cookie: string; user: SessionUser }> {
    const cookie = cookieOf(await signIn(db, { email, password }, meta(ip)));
    const user = await sessionUser(db, requestWith(cookie));
    if (!user) throw new Error("no session user after signing in");
    return { cookie, user };
  }

  describe("createAccount", () => {
    it("stores an argon2id hash in Password, nothing secret in User or the audit trail", async () => {
      const admin = adminActor();
      const mark = await lastAuditId(db);
      const created = await createAccount(db, admin, {
        email: "  Lan.Nguyen@Ocop.Example ",
        name: "Nguyễn Thị Lan",
        role: "EDITOR",
        provinceId: String(phuTho),
        password: "một mật khẩu dài",
      });
      expect(created).toMatchObject({ email: "lan.nguyen@ocop.example", role: "EDITOR", provinceId: phuTho });

      const stored = await db.password.findUniqueOrThrow({ where: { userId: created.id } });
      expect(stored.hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
      expect(stored.hash).not.toContain("một mật khẩu dài");
      const user = await db.user.findUniqueOrThrow({ where: { id: created.id } });
      expect(JSON.stringify(user)).not.toMatch(/argon2|mật khẩu/);

      const rows = await auditRowsAfter(db, mark);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ actorId: admin.userId, actorEmail: admin.email, action: "create", entityType: "user", entityId: created.id });
      expect(rows[0]!.changes).toEqual({
        email: [null, "lan.nguyen@ocop.example"],
        name: [null, "Nguyễn Thị Lan"],
        role: [null, "EDITOR"],
        provinceId: [null, phuTho],
      });
      const raw = await db.auditEvent.findUniqueOrThrow({ where: { id: rows[0]!.id } });
      expect(JSON.stringify(raw)).not.toMatch(/argon2|mật khẩu|password/i);
    });

    it("refuses an email already used (409 forms.emailTaken), whatever its case, and writes nothing", async () => {
      await account("lan@ocop.example");
      const counts = await rowCounts(db);
      const error = await refusal(() => account("LAN@ocop.example", { name: "Người khác" }));
      expect(error.status).toBe(409);
      expect(error.fieldErrors).toEqual({ email: ["forms.emailTaken"] });
      expect(await rowCounts(db)).toEqual(counts);
    });

    it("needs a first password of at least 10 characters", async () => {
      const counts = await rowCounts(db);
      expect((await refusal(() => account("a@ocop.example", { password: undefined }))).fieldErrors).toEqual({ password: ["forms.required"] });
      expect((await refusal(() => account("a@ocop.example", { password: "ngắn" }))).fieldErrors).toEqual({ password: ["forms.passwordTooShort"] });
      expect(await rowCounts(db)).toEqual(counts);
    });

    it("links a producer account to the producer its tax code names, audited; an unknown tax code writes nothing", async () => {
      const [mine, other] = [await makeProducer(db, phuTho), await makeProducer(db, phuTho, { legalName: "Hợp tác xã Chè Shan Tuyết" })];
      const created = await account("htx@ocop.example", { role: "PRODUCER", producerTaxCode: ` ${mine.taxCode} ` });
      expect(await db.user.findUniqueOrThrow({ where: { id: created.id }, select: { producerId: true, emailConfirmedAt: true } })).toEqual({
        producerId: mine.id,
        emailConfirmedAt: expect.any(Date),
      });
      // A staff account never belongs to a producer, whatever the form says.
      const editor = await account("bientap@ocop.example", { role: "EDITOR", producerTaxCode: mine.taxCode });
      expect((await db.user.findUniqueOrThrow({ where: { id: editor.id } })).producerId).toBeNull();

      const counts = await rowCounts(db);
      const unknown = await refusal(() => account("khac@ocop.example", { role: "PRODUCER", producerTaxCode: "0999999999" }));
      expect(unknown.fieldErrors).toEqual({ producerTaxCode: ["forms.producerTaxCodeUnknown"] });
      expect((await refusal(() => account("khac@ocop.example", { role: "PRODUCER", producerTaxCode: "12ab" }))).fieldErrors).toEqual({
        producerTaxCode: ["forms.taxCodeFormat"],
      });
      expect(await rowCounts(db)).toEqual(counts);

      // Moving the account to another producer is audited as a role change and ends its sessions.
      const admin = adminActor();
      const before = await lastAuditId(db);
      await updateAccount(db, admin, created.id, 1, { email: "htx@ocop.example", name: "Nguyễn Thị Lan", role: "PRODUCER", producerTaxCode: other.taxCode });
      expect((await db.user.findUniqueOrThrow({ where: { id: created.id } })).producerId).toBe(other.id);
      expect(await auditRowsAfter(db, before)).toEqual([
        expect.objectContaining({ action: "role_change", entityId: created.id, changes: { producerId: [mine.id, other.id] } }),
      ]);
    });
  });

  describe("signIn", () => {
    it("with the right password: a session, a cookie that carries it, and a sign_in row", async () => {
      const created = await account("lan@ocop.example");
      const mark = await lastAuditId(db);
      const result = await signIn(db, { email: "Lan@ocop.example", password: "mật khẩu đủ dài 2026" }, meta("203.0.113.10", "req-sign-in"));
      expect(result).toMatchObject({ ok: true, user: { id: created.id, role: "EDITOR" } });
      const cookie = cookieOf(result);
      expect(cookie).toMatch(/^__session=[^;]+;/);
      expect(cookie).toMatch(/; HttpOnly/i);
      expect(cookie).toMatch(/; SameSite=Lax/i);
      expect(cookie).toMatch(/; Path=\//);

      const sessions = await db.session.findMany({ where: { userId: created.id } });
      expect(sessions).toHaveLength(1);
      expect(sessions[0]).toMatchObject({ ip: "203.0.113.10", userAgent: "vitest" });
      expect(sessions[0]!.expiresAt.getTime()).toBeGreaterThan(Date.now());
      // The cookie holds the session id and nothing else of the user.
      expect(cookie).not.toContain("lan@ocop.example");

      const rows = await auditRowsAfter(db, mark);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ action: "sign_in", entityType: "user", entityId: created.id, actorId: created.id, actorEmail: "lan@ocop.example", ip: "203.0.113.10", requestId: "req-sign-in" });
      expect(await db.signInAttempt.findMany({ select: { email: true, ip: true, succeeded: true } })).toEqual([
        { email: "lan@ocop.example", ip: "203.0.113.10", succeeded: true },
      ]);
    });

    it("a wrong password and an unknown email give the same answer, no session, and a sign_in_failed row each", async () => {
      const created = await account("lan@ocop.example");
      const mark = await lastAuditId(db);
      const wrong = await signIn(db, { email: "lan@ocop.example", password: "mật khẩu sai 2026" }, meta("203.0.113.11"));
      const unknown = await signIn(db, { email: "khong.co@ocop.example", password: "mật khẩu đủ dài 2026" }, meta("203.0.113.11"));
      expect(wrong).toEqual({ ok: false, reason: "invalid" });
      expect(unknown).toEqual(wrong);
      expect(await db.session.count()).toBe(0);

      const rows = await auditRowsAfter(db, mark);
      expect(rows.map((row) => [row.action, row.entityId, row.actorEmail])).toEqual([
        ["sign_in_failed", created.id, "lan@ocop.example"],
        ["sign_in_failed", null, "khong.co@ocop.example"],
      ]);
      expect(JSON.stringify(rows)).not.toContain("mật khẩu");
    });

    it("a disabled account cannot sign in, even with the right password", async () => {
      const created = await account("lan@ocop.example");
      await setAccountDisabled(db, adminActor(), created.id, true);
      expect(await signIn(db, { email: "lan@ocop.example", password: "mật khẩu đủ dài 2026" }, meta("203.0.113.12"))).toEqual({ ok: false, reason: "invalid" });
      expect(await db.session.count()).toBe(0);
      await setAccountDisabled(db, adminActor(), created.id, false);
      expect((await signIn(db, { email: "lan@ocop.example", password: "mật khẩu đủ dài 2026" }, meta("203.0.113.12"))).ok).toBe(true);
    });

    it(`after ${MAX_FAILURES_PER_ACCOUNT} failures the account is throttled, even with the right password; others are not`, async () => {
      await account("lan@ocop.example");
      await account("minh@ocop.example");
      for (let attempt = 1; attempt <= MAX_FAILURES_PER_ACCOUNT; attempt++) {
        expect(await signIn(db, { email: "lan@ocop.example", password: `đoán sai lần ${attempt}` }, meta("203.0.113.20"))).toEqual({ ok: false, reason: "invalid" });
      }
      const sessionsBefore = await db.session.count();
      for (const ip of ["203.0.113.20", "198.51.100.99"]) {
        const throttled = await signIn(db, { email: "lan@ocop.example", password: "mật khẩu đủ dài 2026" }, meta(ip));
        expect(throttled.ok).toBe(false);
        if (throttled.ok || throttled.reason !== "throttled") throw new Error(`expected throttled, got ${JSON.stringify(throttled)}`);
        expect(throttled.retryAfterSeconds).toBeGreaterThan(0);
        expect(throttled.retryAfterSeconds).toBeLessThanOrEqual(THROTTLE_WINDOW_MS / 1000);
      }
      expect(await db.session.count()).toBe(sessionsBefore);
      // Another account, from another address, signs in.
      expect((await signIn(db, { email: "minh@ocop.example", password: "mật khẩu đủ dài 2026" }, meta("198.51.100.30"))).ok).toBe(true);
    });

    it(`${MAX_FAILURES_PER_ADDRESS} failures from one address throttle that address, for every account`, async () => {
      await account("lan@ocop.example");
      // One failure each for many accounts: no account reaches its own limit.
      for (let attempt = 1; attempt <= MAX_FAILURES_PER_ADDRESS; attempt++) {
        const result = await signIn(db, { email: `nguoi${attempt}@ocop.example`, password: "không biết" }, meta("192.0.2.50"));
        expect(result).toEqual({ ok: false, reason: "invalid" });
      }
      const throttled = await signIn(db, { email: "lan@ocop.example", password: "mật khẩu đủ dài 2026" }, meta("192.0.2.50"));
      expect(throttled).toMatchObject({ ok: false, reason: "throttled" });
      expect(throttled.ok === false && throttled.reason === "throttled" && throttled.retryAfterSeconds > 0).toBe(true);
      // The same account from another address is not throttled.
      expect((await signIn(db, { email: "lan@ocop.example", password: "mật khẩu đủ dài 2026" }, meta("192.0.2.51"))).ok).toBe(true);
    });
  });

  describe("sessions", () => {
    it("sessionUser reads the cookie; a forged or missing cookie is nobody", async () => {
      const created = await account("lan@ocop.example", { provinceId: phuTho });
      const { cookie, user } = await signedIn("lan@ocop.example");
      expect(user).toMatchObject({ id: created.id, email: "lan@ocop.example", role: "EDITOR", provinceId: phuTho });
      const session = await db.session.findFirstOrThrow({ where: { userId: created.id } });
      expect(user.sessionId).toBe(session.id);

      expect(await sessionUser(db, new Request("http://127.0.0.1/admin"))).toBeNull();
      const value = cookie.split(";")[0]!.slice("__session=".length);
      const forged = value.slice(0, -2) + (value.endsWith("AA") ? "BB" : "AA");
      expect(await sessionUser(db, requestWith(`__session=${forged}`))).toBeNull();
      // An expired session is nobody too.
      await db.session.update({ where: { id: session.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
      expect(await sessionUser(db, requestWith(cookie))).toBeNull();
    });

    it("signOut ends this session only; signOut everywhere ends them all", async () => {
      const created = await account("lan@ocop.example");
      const first = await signedIn("lan@ocop.example");
      const second = await signedIn("lan@ocop.example");
      const third = await signedIn("lan@ocop.example");
      expect(await db.session.count({ where: { userId: created.id } })).toBe(3);

      let mark = await lastAuditId(db);
      const cleared = await signOut(db, requestWith(first.cookie), first.user, meta("203.0.113.10"));
      expect(cleared).toMatch(/^__session=;/);
      expect(cleared).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/i);
      expect(await sessionUser(db, requestWith(first.cookie))).toBeNull();
      expect(await sessionUser(db, requestWith(second.cookie))).not.toBeNull();
      expect(await db.session.count({ where: { userId: created.id } })).toBe(2);
      expect((await auditRowsAfter(db, mark)).map((row) => [row.action, row.entityId])).toEqual([["sign_out", created.id]]);

      mark = await lastAuditId(db);
      await signOut(db, requestWith(second.cookie), second.user, meta("203.0.113.10"), { everywhere: true });
      expect(await sessionUser(db, requestWith(second.cookie))).toBeNull();
      expect(await sessionUser(db, requestWith(third.cookie))).toBeNull();
      expect(await db.session.count({ where: { userId: created.id } })).toBe(0);
      expect((await auditRowsAfter(db, mark)).map((row) => [row.action, row.entityId])).toEqual([["sign_out_everywhere", created.id]]);
    });

    it("signing out everywhere leaves other users signed in", async () => {
      await account("lan@ocop.example");
      await account("minh@ocop.example");
      const lan = await signedIn("lan@ocop.example");
      const minh = await signedIn("minh@ocop.example");
      await signOut(db, requestWith(lan.cookie), lan.user, meta("203.0.113.10"), { everywhere: true });
      expect(await sessionUser(db, requestWith(minh.cookie))).toMatchObject({ email: "minh@ocop.example" });
    });
  });

  describe("changeOwnPassword", () => {
    it("refuses a wrong current password and changes nothing", async () => {
      await account("lan@ocop.example");
      const { user } = await signedIn("lan@ocop.example");
      await signedIn("lan@ocop.example");
      const hash = (await db.password.findUniqueOrThrow({ where: { userId: user.id } })).hash;
      const mark = await lastAuditId(db);
      const error = await refusal(() =>
        changeOwnPassword(db, user, { currentPassword: "không phải mật khẩu", newPassword: "mật khẩu mới 2027", confirmPassword: "mật khẩu mới 2027" }, meta("203.0.113.10")),
      );
      expect(error.status).toBe(400);
      expect(error.fieldErrors).toEqual({ currentPassword: ["forms.currentPasswordWrong"] });
      expect((await db.password.findUniqueOrThrow({ where: { userId: user.id } })).hash).toBe(hash);
      expect(await db.session.count({ where: { userId: user.id } })).toBe(2);
      expect(await auditRowsAfter(db, mark)).toEqual([]);
    });

    it("ends the other sessions and keeps this one; the new password works, the old one no longer", async () => {
      await account("lan@ocop.example");
      const here = await signedIn("lan@ocop.example");
      const elsewhere = await signedIn("lan@ocop.example", undefined, "198.51.100.40");
      const mark = await lastAuditId(db);
      await changeOwnPassword(
        db,
        here.user,
        { currentPassword: "mật khẩu đủ dài 2026", newPassword: "mật khẩu mới 2027", confirmPassword: "mật khẩu mới 2027" },
        meta("203.0.113.10"),
      );
      expect(await sessionUser(db, requestWith(here.cookie))).toMatchObject({ id: here.user.id, sessionId: here.user.sessionId });
      expect(await sessionUser(db, requestWith(elsewhere.cookie))).toBeNull();
      const rows = await auditRowsAfter(db, mark);
      expect(rows.map((row) => [row.action, row.entityId, row.actorId])).toEqual([["password_change", here.user.id, here.user.id]]);
      expect(JSON.stringify(rows)).not.toContain("mật khẩu");

      expect(await signIn(db, { email: "lan@ocop.example", password: "mật khẩu đủ dài 2026" }, meta("203.0.113.10"))).toEqual({ ok: false, reason: "invalid" });
      expect((await signIn(db, { email: "lan@ocop.example", password: "mật khẩu mới 2027" }, meta("203.0.113.10"))).ok).toBe(true);
    });
  });

  describe("what admins do to accounts", () => {
    it("a role change is audited as role_change and ends that user's sessions; a name change is an update that keeps them", async () => {
      const created = await account("lan@ocop.example", { provinceId: phuTho });
      const { cookie } = await signedIn("lan@ocop.example");
      const admin = adminActor();

      let mark = await lastAuditId(db);
      await updateAccount(db, admin, created.id, 1, { email: "lan@ocop.example", name: "Nguyễn Thị Lan (Phú Thọ)", role: "EDITOR", provinceId: phuTho });
      let rows = await auditRowsAfter(db, mark);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ action: "update", entityType: "user", entityId: created.id, actorEmail: admin.email });
      expect(rows[0]!.changes).toEqual({ name: ["Nguyễn Thị Lan", "Nguyễn Thị Lan (Phú Thọ)"] });
      expect(await sessionUser(db, requestWith(cookie))).not.toBeNull();

      mark = await lastAuditId(db);
      await updateAccount(db, admin, created.id, 2, { email: "lan@ocop.example", name: "Nguyễn Thị Lan (Phú Thọ)", role: "ADMIN" });
      rows = await auditRowsAfter(db, mark);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ action: "role_change", entityType: "user", entityId: created.id, actorId: admin.userId });
      expect(rows[0]!.changes).toEqual({ role: ["EDITOR", "ADMIN"], provinceId: [phuTho, null] });
      expect(await sessionUser(db, requestWith(cookie))).toBeNull();
      expect(await db.session.count({ where: { userId: created.id } })).toBe(0);
      expect(await db.user.findUniqueOrThrow({ where: { id: created.id } })).toMatchObject({ role: "ADMIN", provinceId: null, version: 3 });

      // A province alone is a change of what the editor may reach: also role_change.
      const other = await account("minh@ocop.example");
      const minh = await signedIn("minh@ocop.example");
      mark = await lastAuditId(db);
      await updateAccount(db, admin, other.id, 1, { email: "minh@ocop.example", name: "Nguyễn Thị Lan", role: "EDITOR", provinceId: phuTho });
      expect((await auditRowsAfter(db, mark)).map((row) => row.action)).toEqual(["role_change"]);
      expect(await sessionUser(db, requestWith(minh.cookie))).toBeNull();
    });

    it("an edit from an old version is refused (409) and changes nothing", async () => {
      const created = await account("lan@ocop.example");
      await updateAccount(db, adminActor(), created.id, 1, { email: "lan@ocop.example", name: "Lan", role: "EDITOR" });
      const counts = await rowCounts(db);
      const error = await refusal(() => updateAccount(db, adminActor(), created.id, 1, { email: "lan@ocop.example", name: "Lan", role: "ADMIN" }));
      expect(error.status).toBe(409);
      expect(await rowCounts(db)).toEqual(counts);
      expect((await db.user.findUniqueOrThrow({ where: { id: created.id } })).role).toBe("EDITOR");
    });

    it("disabling an account ends its sessions; an admin cannot disable themselves", async () => {
      const created = await account("lan@ocop.example");
      const first = await signedIn("lan@ocop.example");
      const second = await signedIn("lan@ocop.example");
      const admin = adminActor();
      const mark = await lastAuditId(db);
      await setAccountDisabled(db, admin, created.id, true);
      expect(await sessionUser(db, requestWith(first.cookie))).toBeNull();
      expect(await sessionUser(db, requestWith(second.cookie))).toBeNull();
      expect(await db.session.count({ where: { userId: created.id } })).toBe(0);
      const rows = await auditRowsAfter(db, mark);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ action: "disable", entityType: "user", entityId: created.id, actorEmail: admin.email });
      expect(rows[0]!.changes?.disabledAt?.[0]).toBeNull();
      expect(typeof rows[0]!.changes?.disabledAt?.[1]).toBe("string");

      const self = await account("chief@ocop.example", { role: "ADMIN" });
      const selfActor: Actor = { ...adminActor(), userId: self.id, email: self.email };
      const counts = await rowCounts(db);
      const refused = await refusal(() => setAccountDisabled(db, selfActor, self.id, true));
      expect(refused.status).toBe(400);
      expect(refused.fieldErrors).toEqual({ form: ["forms.cannotDisableSelf"] });
      expect((await db.user.findUniqueOrThrow({ where: { id: self.id } })).disabledAt).toBeNull();
      expect(await rowCounts(db)).toEqual(counts);
    });

    it("only admins manage accounts (403 for editors and producers)", async () => {
      const created = await account("lan@ocop.example");
      const { cookie } = await signedIn("lan@ocop.example");
      const counts = await rowCounts(db);
      for (const actor of [editorActor(), editorActor(phuTho), { ...editorActor(), role: "PRODUCER" as const }]) {
        const refused = [
          await refusal(() => createAccount(db, actor, { email: "moi@ocop.example", name: "Người mới", role: "ADMIN", password: "mật khẩu đủ dài 2026" })),
          await refusal(() => updateAccount(db, actor, created.id, 1, { email: "lan@ocop.example", name: "Lan", role: "ADMIN" })),
          await refusal(() => setAccountDisabled(db, actor, created.id, true)),
        ];
        expect(refused.map((error) => error.status), actor.role).toEqual([403, 403, 403]);
      }
      expect(await rowCounts(db)).toEqual(counts);
      expect(await db.user.findUniqueOrThrow({ where: { id: created.id } })).toMatchObject({ role: "EDITOR", disabledAt: null, version: 1 });
      expect(await sessionUser(db, requestWith(cookie))).not.toBeNull();
    });
  });
});
