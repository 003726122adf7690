/**
 * Writing certifications: enter one (a newer decision supersedes the older
 * ones), correct one (with a version check), revoke one, delete one entered
 * by mistake. Every write takes the acting user, finds the product within the
 * actor's scope, re-points the product's standing certificate, and writes its
 * audit row and the catalogue change signal in the same transaction.
 */
import type { Database, Prisma } from "../../db.server";
import { DomainError, isUniqueViolation, parseOrThrow } from "../../lib/errors.server";
import { canManageAccounts, certificationScope, isStaff, productScope, requireStaffActor, type Actor } from "../accounts/actor.server";
import { changedFields, recordAudit, removedFields, versionConflict } from "../audit/trail.server";
import { writeCatalogue } from "../catalogue/changes.server";
import { refreshCatalogueEntries } from "../catalogue/entries.server";
import { CertificationEditSchema, CertificationInputSchema, RevocationInputSchema } from "./forms";
import { defaultValidUntil } from "./rules";
import { refreshProductStanding } from "./standing.server";

/** Verification codes: no 0/O/1/I so they survive being read aloud or retyped. */
const CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

export function newVerificationCode(length = 10): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  return Array.from(bytes, (byte) => CODE_ALPHABET[byte % CODE_ALPHABET.length]).join("");
}

/** The fields the certification form (and a certification import row) sets. */
export const CERTIFICATION_INPUT_FIELDS = [
  "productId",
  "stars",
  "score",
  "decisionNumber",
  "batch",
  "signedOn",
  "validUntil",
  "issuerLevel",
  "issuerName",
  "evaluationKind",
] as const;

const AUDITED_FIELDS = [...CERTIFICATION_INPUT_FIELDS, "revokedOn", "revocationReason", "revocationDecision"] as const;

const auditSelect = {
  ...(Object.fromEntries(AUDITED_FIELDS.map((field) => [field, true])) as Record<(typeof AUDITED_FIELDS)[number], true>),
  id: true,
  version: true,
  product: { select: { nameVi: true, producer: { select: { provinceId: true } } } },
} as const;

const notFound = () => new DomainError("Certification not found", 404);

type Transaction = Prisma.TransactionClient;

/** The product a certificate is filed under, if the actor may write to it. */
async function productForWrite(tx: Transaction, actor: Actor, productId: number) {
  const product = await tx.product.findFirst({
    where: { id: productId, ...productScope(actor) },
    select: { id: true, nameVi: true, producer: { select: { provinceId: true } } },
  });
  if (!product) throw new DomainError("Product not found", 404, { productId: ["forms.productNotFound"] });
  return product;
}

/**
 * A product's decision numbers are unique (its certificates' natural key, which
 * CSV imports match on): a second one is refused as a field error, before the
 * database's unique index would refuse it less kindly.
 */
async function refuseDuplicateDecision(tx: Transaction, productId: number, decisionNumber: string, exceptId?: number) {
  const duplicate = await tx.certification.findFirst({
    where: { productId, decisionNumber, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { id: true },
  });
  if (duplicate) throw decisionTaken();
}

const decisionTaken = () =>
  new DomainError("This product already has a certificate with this decision number", 409, { decisionNumber: ["forms.decisionNumberTaken"] });

/** Runs `write`; a unique violation on the decision number (a concurrent entry) becomes the field error. */
async function refusingDuplicateDecision<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error, "decisionNumber")) throw decisionTaken();
    throw error;
  }
}

function refuseFutureSigning(signedOn: Date, today: Date) {
  if (signedOn.getTime() > today.getTime()) throw new DomainError("Signing date is in the future", 400, { signedOn: ["forms.signedInFuture"] });
}

export async function createCertification(
  db: Database,
  actor: Actor,
  rawInput: unknown,
  today: Date,
  options: { isDemo?: boolean; alongside?: (tx: Transaction, certification: { id: number; productId: number }) => Promise<void> } = {},
) {
  const input = parseOrThrow(CertificationInputSchema, rawInput);
  refuseFutureSigning(input.signedOn, today);
  // A producer's own entry is a proposal: it counts only once staff verify it.
  const reviewStatus = isStaff(actor) ? "APPROVED" : "PENDING";
  return refusingDuplicateDecision(() => writeCatalogue(db, async (tx) => {
    const product = await productForWrite(tx, actor, input.productId);
    await refuseDuplicateDecision(tx, input.productId, input.decisionNumber);
    const certification = await tx.certification.create({
      data: {
        ...input,
        validUntil: input.validUntil ?? defaultValidUntil(input.signedOn),
        verificationCode: newVerificationCode(),
        reviewStatus,
        isDemo: options.isDemo ?? false,
      },
    });
    // What the caller writes with it (a producer's scan of the certificate), in the same transaction.
    await options.alongside?.(tx, certification);
    // The newest signed certificate stands; the one before is superseded from today's signing date.
    await refreshProductStanding(tx, input.productId, today);
    await refreshCatalogueEntries(tx, { productIds: [input.productId] });
    await recordAudit(tx, actor, {
      action: "create",
      entityType: "certification",
      entityId: certification.id,
      entityLabel: `${certification.decisionNumber} · ${product.nameVi}`,
      provinceId: product.producer.provinceId,
      changes: changedFields(null, certification, AUDITED_FIELDS),
    });
    return certification;
  }));
}

/** Corrects a certificate's details (a typo in the decision, the wrong date), from `version` of the record. */
export async function updateCertification(db: Database, actor: Actor, certificationId: number, rawInput: unknown, today: Date) {
  requireStaffActor(actor);
  const { version, ...input } = parseOrThrow(CertificationEditSchema, rawInput);
  refuseFutureSigning(input.signedOn, today);
  return refusingDuplicateDecision(() => writeCatalogue(db, async (tx) => {
    const before = await tx.certification.findFirst({ where: { id: certificationId, ...certificationScope(actor) }, select: auditSelect });
    if (!before) throw notFound();
    if (input.productId !== before.productId) throw new DomainError("A certificate stays with its product", 400, { productId: ["forms.certificateStaysWithProduct"] });
    await refuseDuplicateDecision(tx, before.productId, input.decisionNumber, certificationId);
    const fields = { ...input, validUntil: input.validUntil ?? defaultValidUntil(input.signedOn) };
    const { count } = await tx.certification.updateMany({ where: { id: certificationId, version }, data: { ...fields, version: { increment: 1 } } });
    if (count === 0) throw await versionConflict(tx, "certification", before, fields, AUDITED_FIELDS);
    await refreshProductStanding(tx, before.productId, today);
    await refreshCatalogueEntries(tx, { productIds: [before.productId] });
    await recordAudit(tx, actor, {
      action: "update",
      entityType: "certification",
      entityId: certificationId,
      entityLabel: `${fields.decisionNumber} · ${before.product.nameVi}`,
      provinceId: before.product.producer.provinceId,
      changes: changedFields(before, fields, AUDITED_FIELDS),
    });
    return { ...before, ...fields, version: version + 1 };
  }));
}

/** Revokes a certificate: a reason and a date are required; it shows as revoked at once on every server. */
export async function revokeCertification(db: Database, actor: Actor, certificationId: number, rawInput: unknown, today: Date) {
  requireStaffActor(actor);
  const input = parseOrThrow(RevocationInputSchema, rawInput);
  if (input.revokedOn.getTime() > today.getTime()) {
    throw new DomainError("Revocation date is in the future", 400, { revokedOn: ["forms.revokedInFuture"] });
  }
  return writeCatalogue(db, async (tx) => {
    const existing = await tx.certification.findFirst({ where: { id: certificationId, ...certificationScope(actor) }, select: auditSelect });
    if (!existing) throw notFound();
    if (existing.revokedOn) throw new DomainError("Already revoked", 409, { revokedOn: ["forms.alreadyRevoked"] });
    if (input.revokedOn.getTime() < existing.signedOn.getTime()) {
      throw new DomainError("Revoked before it was signed", 400, { revokedOn: ["forms.revokedBeforeSigned"] });
    }
    const after = { revokedOn: input.revokedOn, revocationReason: input.reason, revocationDecision: input.decision };
    const certification = await tx.certification.update({ where: { id: certificationId }, data: { ...after, version: { increment: 1 } } });
    await refreshProductStanding(tx, existing.productId, today);
    await refreshCatalogueEntries(tx, { productIds: [existing.productId] });
    await recordAudit(tx, actor, {
      action: "revoke",
      entityType: "certification",
      entityId: certificationId,
      entityLabel: `${existing.decisionNumber} · ${existing.product.nameVi}`,
      provinceId: existing.product.producer.provinceId,
      changes: changedFields(existing, after, AUDITED_FIELDS),
    });
    return certification;
  });
}

/** Admins only: removes a certificate entered by mistake (a real one is revoked instead). */
export async function deleteCertification(db: Database, actor: Actor, certificationId: number, today: Date) {
  if (!canManageAccounts(actor)) throw new DomainError("Only admins delete records", 403);
  return writeCatalogue(db, async (tx) => {
    const before = await tx.certification.findFirst({ where: { id: certificationId, ...certificationScope(actor) }, select: auditSelect });
    if (!before) throw notFound();
    // The product must not keep pointing at it while it goes.
    await tx.product.updateMany({ where: { standingCertificationId: certificationId }, data: { standingCertificationId: null } });
    await tx.certification.delete({ where: { id: certificationId } });
    await refreshProductStanding(tx, before.productId, today);
    await refreshCatalogueEntries(tx, { productIds: [before.productId] });
    await recordAudit(tx, actor, {
      action: "delete",
      entityType: "certification",
      entityId: certificationId,
      entityLabel: `${before.decisionNumber} · ${before.product.nameVi}`,
      provinceId: before.product.producer.provinceId,
      changes: removedFields(before, AUDITED_FIELDS),
    });
  });
}
