/**
 * A producer registers itself: the wizard's steps are checked here one by
 * one, then the final submit creates the producer (pending review), its
 * account (unconfirmed), the password, the registration scan, the audit row,
 * a confirmation token and its mail, all in one transaction. Confirming the
 * address opens a session and puts the registration in staff's queue.
 *
 * What a visitor learns (docs/decisions/016): a registered tax code is said
 * so (with the provincial office to contact, nothing about the account); an
 * email that already has an account is not: the answer is the same "check
 * your mail" page, and that address is told by mail instead. A filled
 * honeypot gets the same page and creates nothing.
 */
import type { Database, Prisma } from "../../db.server";
import { env } from "../../env.server";
import { isLanguage, type Language } from "../../i18n/config";
import { DomainError, isUniqueViolation, parseOrThrow } from "../../lib/errors.server";
import { SYSTEM_ACTOR, type Actor } from "../accounts/actor.server";
import { LINKS_PER_ACCOUNT_PER_HOUR, recentLinks } from "../accounts/password-reset.server";
import { hashPassword } from "../accounts/passwords.server";
import { startSession, type RequestMeta } from "../accounts/sessions.server";
import { issueToken, TOKEN_LIFETIME_MS, useToken, type TokenUse } from "../accounts/tokens.server";
import { changedFields, recordAudit } from "../audit/trail.server";
import { producerSearchKey } from "../catalogue/search-keys.server";
import { recordDocument, withStoredDocuments } from "../documents/service.server";
import { queueMail } from "../mail/outbox.server";
import { siteUrl } from "../mail/templates.server";
import type { MediaStore } from "../media/store.server";
import { mediaStore } from "../media/store.server";
import { communeOptions, provinceOptions } from "../producers/admin-record.server";
import { placeNames } from "../producers/service.server";
import { recordProducerEvent } from "../conversations/conversation.server";
import { uniqueSlug } from "../text/vietnamese.server";
import { EmailOnlySchema } from "../accounts/forms";
import { HONEYPOT_FIELD, RegistrationSchema, STEP_SCHEMAS, type RegistrationStep } from "./forms";
import { readScanDraft, removeScanDraft } from "./scan-drafts.server";

type Reader = Prisma.TransactionClient | Database;

const HOUR_MS = 60 * 60 * 1000;

/** The fields of a registration the audit row records. */
const REGISTERED_FIELDS = [
  "type",
  "legalName",
  "taxCode",
  "registrationNumber",
  "registrationDate",
  "legalRepName",
  "legalRepTitle",
  "phone",
  "zalo",
  "email",
  "website",
  "street",
  "communeId",
  "provinceId",
  "descriptionVi",
  "descriptionEn",
  "status",
] as const;

function taxCodeRegisteredError(): DomainError {
  return new DomainError("Tax code already registered", 409, { taxCode: ["register.errors.taxCodeRegistered"] });
}

/** Is this tax code any producer's already (whatever its status)? */
export async function isTaxCodeRegistered(db: Reader, taxCode: string): Promise<boolean> {
  return Boolean(await db.producer.findUnique({ where: { taxCode }, select: { id: true } }));
}

/** The sign-up form's places: every province (public reference data), and the communes of the chosen one. */
export async function registrationPlaces(db: Database, provinceId: number | null | undefined) {
  const provinces = await provinceOptions(db, SYSTEM_ACTOR);
  const chosen = provinces.some((province) => province.id === provinceId) ? provinceId : undefined;
  return { provinces, communes: await communeOptions(db, chosen) };
}

/**
 * One step of the wizard, checked as the final submit will check it: its
 * schema, then what only the database knows (a registered tax code, a
 * commune of the chosen province). Throws a DomainError with field errors.
 */
export async function checkRegistrationStep(db: Database, step: RegistrationStep, rawInput: unknown): Promise<void> {
  const input = parseOrThrow(STEP_SCHEMAS[step], rawInput);
  if ("taxCode" in input && (await isTaxCodeRegistered(db, input.taxCode))) throw taxCodeRegisteredError();
  if ("communeId" in input) await placeNames(db, input.provinceId, input.communeId);
}

/** Refuses a sign-up when this address already registered `limit` producers within the hour (counted in the audit trail, so across servers). */
async function refuseOverLimit(db: Database, ip: string | null, now: Date, limit: number): Promise<void> {
  if (!ip) return;
  const recent = await db.auditEvent.count({ where: { action: "register", ip, at: { gt: new Date(now.getTime() - HOUR_MS) } } });
  if (recent >= limit) throw new DomainError("Too many sign-ups from this address", 429, { form: ["register.errors.tooMany"] });
}

const languageOf = (value: string): Language => (isLanguage(value) ? value : "vi");

/** Someone signed up with an address that has an account: tell its owner (at most once an hour), create nothing. */
async function noteExistingAccount(db: Database, email: string, now: Date): Promise<void> {
  const user = await db.user.findUnique({ where: { email }, select: { name: true, language: true } });
  if (!user) return;
  const recent = await db.outboxMessage.count({
    where: { kind: "registration_exists", toAddress: email, createdAt: { gt: new Date(now.getTime() - HOUR_MS) } },
  });
  if (recent) return;
  const language = languageOf(user.language);
  await queueMail(db, email, language, { kind: "registration_exists", name: user.name, url: siteUrl(language, "/forgot-password") });
}

export type RegistrationOutcome =
  | { kind: "created"; producerId: number; userId: number }
  /** The email already had an account: its owner was told by mail. */
  | { kind: "exists" }
  /** The honeypot was filled: a bot. */
  | { kind: "ignored" };

export type RegistrationContext = {
  meta: RequestMeta;
  /** The page's language: the account's, and the confirmation mail's. */
  language: Language;
  now?: Date;
  /** Defaults to SIGN_UPS_PER_HOUR. */
  signUpsPerHour?: number;
  store?: MediaStore;
};

/**
 * The final submit. Every outcome but a refusal looks the same to the
 * visitor ("check your mail"); refusals are DomainErrors with field errors
 * (a registered tax code, a step's field, a lost scan) or a 429.
 */
export async function registerProducer(db: Database, rawInput: unknown, context: RegistrationContext): Promise<RegistrationOutcome> {
  const honeypot = (rawInput as Record<string, unknown> | null)?.[HONEYPOT_FIELD];
  if (typeof honeypot === "string" && honeypot.trim() !== "") return { kind: "ignored" };
  const now = context.now ?? new Date();
  const store = context.store ?? mediaStore();
  await refuseOverLimit(db, context.meta.ip, now, context.signUpsPerHour ?? env.SIGN_UPS_PER_HOUR);

  const input = parseOrThrow(RegistrationSchema, rawInput);
  const places = await placeNames(db, input.provinceId, input.communeId);
  if (await isTaxCodeRegistered(db, input.taxCode)) throw taxCodeRegisteredError();
  const scan = input.scanKey ? await readScanDraft({ key: input.scanKey, name: input.scanName ?? "" }, store) : null;
  if (input.scanKey && !scan) throw new DomainError("Scan draft gone", 400, { scanKey: ["register.errors.scanLost"] });
  // Hashed before the account check, so a taken address answers after the same work.
  const hash = await hashPassword(input.password);
  if (await db.user.findUnique({ where: { email: input.accountEmail }, select: { id: true } })) {
    await noteExistingAccount(db, input.accountEmail, now);
    return { kind: "exists" };
  }

  const slug = await uniqueSlug(input.legalName, async (candidate) => Boolean(await db.producer.findUnique({ where: { slug: candidate }, select: { id: true } })));
  const { language } = context;
  let created: { producerId: number; userId: number };
  try {
    created = await withStoredDocuments(
      scan ? [scan] : [],
      (stored) =>
        db.$transaction(async (tx) => {
          const producer = await tx.producer.create({
            data: {
              type: input.type,
              legalName: input.legalName,
              taxCode: input.taxCode,
              registrationNumber: input.registrationNumber,
              registrationDate: input.registrationDate ?? null,
              legalRepName: input.legalRepName,
              legalRepTitle: input.legalRepTitle,
              phone: input.phone,
              zalo: input.zalo,
              email: input.email,
              website: input.website,
              street: input.street,
              communeId: input.communeId,
              provinceId: input.provinceId,
              descriptionVi: input.descriptionVi,
              descriptionEn: input.descriptionEn,
              status: "PENDING",
              slug,
              searchKey: producerSearchKey({ legalName: input.legalName, ...places }),
            },
          });
          const user = await tx.user.create({
            data: {
              email: input.accountEmail,
              name: input.accountName,
              role: "PRODUCER",
              producerId: producer.id,
              provinceId: null,
              language,
              emailConfirmedAt: null,
              password: { create: { hash } },
            },
            select: { id: true, email: true, name: true },
          });
          const actor: Actor = {
            userId: user.id,
            email: user.email,
            role: "PRODUCER",
            provinceId: null,
            producerId: producer.id,
            ip: context.meta.ip,
            requestId: context.meta.requestId,
          };
          await recordAudit(tx, actor, {
            action: "register",
            entityType: "producer",
            entityId: producer.id,
            entityLabel: producer.legalName,
            provinceId: producer.provinceId,
            changes: changedFields(null, producer, REGISTERED_FIELDS),
          });
          for (const document of stored) {
            await recordDocument(tx, actor, document, { producerId: producer.id, provinceId: producer.provinceId, kind: "registration", label: producer.legalName });
          }
          const token = await issueToken(tx, user.id, "confirm_email", now);
          await queueMail(tx, user.email, language, {
            kind: "confirm_email",
            name: user.name,
            organisation: producer.legalName,
            url: siteUrl(language, `/register/confirm?token=${token}`),
            hours: TOKEN_LIFETIME_MS.confirm_email / HOUR_MS,
          });
          return { producerId: producer.id, userId: user.id };
        }),
      store,
    );
  } catch (error) {
    // Someone else registered the same tax code or address a moment ago.
    if (isUniqueViolation(error, "taxCode")) throw taxCodeRegisteredError();
    if (isUniqueViolation(error, "email")) {
      await noteExistingAccount(db, input.accountEmail, now);
      return { kind: "exists" };
    }
    throw error;
  }
  if (input.scanKey) await removeScanDraft(input.scanKey, store);
  return { kind: "created", ...created };
}

export type Confirmation = { ok: true; setCookie: string; language: Language } | Extract<TokenUse, { ok: false }>;

/**
 * Uses a confirmation link once: the address is confirmed, the registration
 * goes to staff's review queue, and the producer is signed in.
 */
export async function confirmEmail(db: Database, rawToken: unknown, meta: RequestMeta, now = new Date()): Promise<Confirmation> {
  return db.$transaction(async (tx) => {
    const use = await useToken(tx, rawToken, "confirm_email", now);
    if (!use.ok) return use;
    const user = await tx.user.findFirst({
      where: { id: use.userId, disabledAt: null },
      select: { id: true, email: true, role: true, language: true, emailConfirmedAt: true, producer: { select: { id: true, legalName: true, provinceId: true } } },
    });
    if (!user) return { ok: false, reason: "invalid" } as const;
    const actor: Actor = {
      userId: user.id,
      email: user.email,
      role: user.role,
      provinceId: null,
      producerId: user.producer?.id ?? null,
      ip: meta.ip,
      requestId: meta.requestId,
    };
    if (!user.emailConfirmedAt) {
      await tx.user.update({ where: { id: user.id }, data: { emailConfirmedAt: now, version: { increment: 1 } } });
      await recordAudit(tx, actor, {
        action: "confirm_email",
        entityType: "user",
        entityId: user.id,
        entityLabel: user.email,
        provinceId: user.producer?.provinceId ?? null,
        changes: { emailConfirmedAt: [null, now.toISOString()] },
      });
      if (user.producer) {
        await recordProducerEvent(tx, actor, "submitted", {
          producerId: user.producer.id,
          item: "producer",
          itemId: user.producer.id,
          label: user.producer.legalName,
        });
      }
    }
    const setCookie = await startSession(tx, user.id, meta);
    return { ok: true, setCookie, language: languageOf(user.language) } as const;
  });
}

/**
 * Sends a fresh confirmation link, if `email` belongs to a producer account
 * still waiting for confirmation (and not too many were sent this hour). The
 * caller answers the same way whatever happened.
 */
export async function resendConfirmation(db: Database, rawInput: unknown, now = new Date()): Promise<void> {
  const { email } = parseOrThrow(EmailOnlySchema, rawInput);
  const user = await db.user.findFirst({
    where: { email, role: "PRODUCER", emailConfirmedAt: null, disabledAt: null },
    select: { id: true, email: true, name: true, language: true, producer: { select: { legalName: true } } },
  });
  if (!user || (await recentLinks(db, user.id, "confirm_email", now)) >= LINKS_PER_ACCOUNT_PER_HOUR) return;
  const language = languageOf(user.language);
  await db.$transaction(async (tx) => {
    const token = await issueToken(tx, user.id, "confirm_email", now);
    await queueMail(tx, user.email, language, {
      kind: "confirm_email",
      name: user.name,
      organisation: user.producer?.legalName ?? "",
      url: siteUrl(language, `/register/confirm?token=${token}`),
      hours: TOKEN_LIFETIME_MS.confirm_email / HOUR_MS,
    });
  });
}
