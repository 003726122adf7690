/**
 * Certificates a product already holds, entered by its producer with a scan
 * of the decision. They start PENDING (createCertification does that for a
 * producer account): not standing, not public, not verifiable until staff
 * verify them. While staff have not verified one, the producer may correct
 * it (one sent back for changes then goes back to review) or withdraw it.
 */
import type { Database } from "../../db.server";
import { DomainError, isUniqueViolation, parseOrThrow } from "../../lib/errors.server";
import { certificationScope, type Actor } from "../accounts/actor.server";
import { changedFields, recordAudit, removedFields, versionConflict } from "../audit/trail.server";
import { writeCatalogue } from "../catalogue/changes.server";
import { refreshCatalogueEntries } from "../catalogue/entries.server";
import { CERTIFICATION_INPUT_FIELDS, createCertification } from "../certifications/service.server";
import { defaultValidUntil } from "../certifications/rules";
import { refreshProductStanding } from "../certifications/standing.server";
import type { CheckedDocument } from "../documents/files.server";
import { recordDocument, withStoredDocuments } from "../documents/service.server";
import { mediaStore, type MediaStore } from "../media/store.server";
import { conversation, recordProducerEvent } from "../conversations/conversation.server";
import { PortalCertificationEditSchema } from "./forms";
import { ownProducerId } from "./scope.server";

/** A certificate staff have not verified yet: the producer may still correct or withdraw it. */
export const PRODUCER_EDITABLE_CERTIFICATE_STATUSES = ["PENDING", "CHANGES_REQUESTED"] as const;

const AUDITED_FIELDS = [...CERTIFICATION_INPUT_FIELDS, "reviewStatus"] as const;

const certificateSelect = {
  id: true,
  version: true,
  reviewStatus: true,
  ...(Object.fromEntries(CERTIFICATION_INPUT_FIELDS.map((field) => [field, true])) as Record<(typeof CERTIFICATION_INPUT_FIELDS)[number], true>),
  product: { select: { nameVi: true, producerId: true, producer: { select: { provinceId: true } } } },
} as const;

const notFound = () => new DomainError("Certification not found", 404, { form: ["portal.errors.certificationNotFound"] });
const decisionTaken = () =>
  new DomainError("This product already has a certificate with this decision number", 409, { decisionNumber: ["forms.decisionNumberTaken"] });
const labelOf = (decisionNumber: string, productName: string) => `${decisionNumber} · ${productName}`;

/**
 * Enters a certificate for one of the producer's products, with its scan
 * (checked by `checkDocument`), all in one transaction: the certificate,
 * the document, their audit rows and the "submitted" message. The scan's
 * file is removed again if anything fails.
 */
export async function proposeCertification(db: Database, actor: Actor, productId: number, rawInput: unknown, scan: CheckedDocument, today: Date) {
  const producerId = ownProducerId(actor);
  const input = { ...(typeof rawInput === "object" && rawInput !== null ? rawInput : {}), productId };
  return withStoredDocuments([scan], ([stored]) =>
    createCertification(db, actor, input, today, {
      alongside: async (tx, certification) => {
        const product = await tx.product.findFirstOrThrow({
          where: { id: certification.productId, producerId },
          select: { nameVi: true, producer: { select: { provinceId: true } } },
        });
        const full = await tx.certification.findUniqueOrThrow({ where: { id: certification.id }, select: { decisionNumber: true } });
        const label = labelOf(full.decisionNumber, product.nameVi);
        await recordDocument(tx, actor, stored!, { producerId, provinceId: product.producer.provinceId, kind: "certificate", certificationId: certification.id, label });
        await recordProducerEvent(tx, actor, "submitted", { producerId, item: "certification", itemId: certification.id, label });
      },
    }),
  );
}

async function editableCertificate(tx: Parameters<Parameters<typeof writeCatalogue>[1]>[0], actor: Actor, certificationId: number) {
  const certificate = await tx.certification.findFirst({
    where: { id: certificationId, product: { is: { producerId: ownProducerId(actor) } }, ...certificationScope(actor) },
    select: certificateSelect,
  });
  if (!certificate) throw notFound();
  if (!(PRODUCER_EDITABLE_CERTIFICATE_STATUSES as readonly string[]).includes(certificate.reviewStatus)) {
    throw new DomainError("Staff have decided on this certificate", 409, { form: ["portal.errors.certificateDecided"] });
  }
  return certificate;
}

/** Corrects a certificate not yet verified; one sent back for changes goes back to staff. */
export async function correctCertification(db: Database, actor: Actor, certificationId: number, rawInput: unknown, today: Date) {
  const { version, ...input } = parseOrThrow(PortalCertificationEditSchema, rawInput);
  if (input.signedOn.getTime() > today.getTime()) throw new DomainError("Signing date is in the future", 400, { signedOn: ["forms.signedInFuture"] });
  try {
    return await writeCatalogue(db, async (tx) => {
      const before = await editableCertificate(tx, actor, certificationId);
      if (input.productId !== before.productId) throw new DomainError("A certificate stays with its product", 400, { productId: ["forms.certificateStaysWithProduct"] });
      const duplicate = await tx.certification.findFirst({ where: { productId: before.productId, decisionNumber: input.decisionNumber, id: { not: certificationId } }, select: { id: true } });
      if (duplicate) throw decisionTaken();
      const resubmit = before.reviewStatus === "CHANGES_REQUESTED";
      const fields = { ...input, validUntil: input.validUntil ?? defaultValidUntil(input.signedOn), ...(resubmit ? { reviewStatus: "PENDING" as const } : {}) };
      const { count } = await tx.certification.updateMany({ where: { id: certificationId, version }, data: { ...fields, version: { increment: 1 } } });
      if (count === 0) throw await versionConflict(tx, "certification", before, fields, AUDITED_FIELDS);
      const label = labelOf(fields.decisionNumber, before.product.nameVi);
      await recordAudit(tx, actor, {
        action: resubmit ? "submit" : "update",
        entityType: "certification",
        entityId: certificationId,
        entityLabel: label,
        provinceId: before.product.producer.provinceId,
        changes: changedFields(before, fields, AUDITED_FIELDS),
      });
      if (resubmit) await recordProducerEvent(tx, actor, "submitted", { producerId: before.product.producerId, item: "certification", itemId: certificationId, label });
      return { resubmitted: resubmit, version: version + 1 };
    });
  } catch (error) {
    if (isUniqueViolation(error, "decisionNumber")) throw decisionTaken();
    throw error;
  }
}

/**
 * Withdraws a certificate the producer entered and staff have not verified:
 * the row and its scans go (audited); the scans' files once that committed.
 */
export async function withdrawCertification(db: Database, actor: Actor, certificationId: number, today: Date, store: MediaStore = mediaStore()) {
  const removed = await writeCatalogue(db, async (tx) => {
    const before = await editableCertificate(tx, actor, certificationId);
    const documents = await tx.document.findMany({ where: { certificationId }, select: { storageKey: true } });
    const label = labelOf(before.decisionNumber, before.product.nameVi);
    await tx.certification.delete({ where: { id: certificationId } });
    // It never stood (only verified ones do); kept in step all the same.
    await refreshProductStanding(tx, before.productId, today);
    await refreshCatalogueEntries(tx, { productIds: [before.productId] });
    await recordAudit(tx, actor, {
      action: "withdraw",
      entityType: "certification",
      entityId: certificationId,
      entityLabel: label,
      provinceId: before.product.producer.provinceId,
      changes: removedFields(before, AUDITED_FIELDS),
    });
    await recordProducerEvent(tx, actor, "withdrawn", { producerId: before.product.producerId, item: "certification", itemId: certificationId, label });
    return { productId: before.productId, documents };
  });
  await Promise.allSettled(removed.documents.map((document) => store.remove(document.storageKey)));
  return { productId: removed.productId };
}

/** A certificate of one of the producer's products, for its page: details, scans and conversation; null when not its own. */
export async function portalCertification(db: Database, actor: Actor, certificationId: number) {
  const certificate = await db.certification.findFirst({
    where: { id: certificationId, product: { is: { producerId: ownProducerId(actor) } }, ...certificationScope(actor) },
    select: {
      ...certificateSelect,
      validUntil: true,
      revokedOn: true,
      product: { select: { id: true, nameVi: true, producerId: true, producer: { select: { provinceId: true } } } },
      documents: { select: { id: true, fileName: true, bytes: true, createdAt: true }, orderBy: { id: "asc" } },
    },
  });
  if (!certificate) return null;
  return {
    ...certificate,
    editable: (PRODUCER_EDITABLE_CERTIFICATE_STATUSES as readonly string[]).includes(certificate.reviewStatus),
    messages: await conversation(db, certificate.product.producerId, "certification", certificate.id),
  };
}

export type PortalCertification = NonNullable<Awaited<ReturnType<typeof portalCertification>>>;
