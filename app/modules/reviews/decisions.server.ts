/**
 * Staff decisions on what producers submitted: a producer's registration, a
 * product proposal, a certificate the producer entered. Each decision is taken
 * only from "waiting for staff" (the update is conditioned on it, so a stale
 * page or a second click never decides twice), and is audited, written to the
 * item's conversation and mailed to the producer in the same transaction.
 * Revisions have their own module (revisions.server.ts).
 */
import type { Database } from "../../db.server";
import { ConflictError, DomainError, parseOrThrow } from "../../lib/errors.server";
import { certificationScope, producerScope, productScope, requireStaffActor, type Actor } from "../accounts/actor.server";
import { changedFields, recordAudit, type Changes } from "../audit/trail.server";
import { writeCatalogue } from "../catalogue/changes.server";
import { refreshCatalogueEntries } from "../catalogue/entries.server";
import { refreshProductStanding } from "../certifications/standing.server";
import { PRODUCER_STATUS_ACTIONS } from "../producers/forms";
import { changeProducerStatus } from "../producers/service.server";
import { recordStaffDecision, type StaffDecision } from "../conversations/conversation.server";
import { ReviewDecisionSchema, type ReviewDecision } from "./forms";

export const STAFF_DECISION_OF: Record<ReviewDecision, StaffDecision> = {
  approve: "approved",
  reject: "rejected",
  request_changes: "changes_requested",
};

/** The item is no longer waiting: someone decided it (or the producer withdrew it) meanwhile. */
export const alreadyDecided = () => new DomainError("This item was already decided", 409, { form: ["admin.reviews.alreadyDecided"] });
/** The item is still waiting, but changed since the page was opened. */
export const changedMeanwhile = () => new DomainError("The item changed since the page was opened", 409, { form: ["admin.reviews.changedMeanwhile"] });

const notFound = (what: string) => new DomainError(`${what} not found`, 404);

/** The audit row's changes of a decision: the record's fields that changed, the decision and its message. */
export function decisionChanges(recordChanges: Changes, decision: StaffDecision, message: string | null): Changes {
  return { ...recordChanges, decision: [null, decision], ...(message ? { message: [null, message] } : {}) };
}

/**
 * A producer's registration: approved (public from now on), rejected, or
 * sent back with a message. Through the producers module, which records and
 * mails the decision with its status change.
 */
export async function decideProducer(db: Database, actor: Actor, producerId: number, rawInput: unknown) {
  requireStaffActor(actor);
  const input = parseOrThrow(ReviewDecisionSchema, rawInput);
  const current = await db.producer.findFirst({ where: { id: producerId, ...producerScope(actor) }, select: { status: true, version: true } });
  if (!current) throw notFound("Producer");
  if (current.status !== "PENDING") throw alreadyDecided();
  try {
    return await changeProducerStatus(db, actor, producerId, {
      status: PRODUCER_STATUS_ACTIONS[input.intent],
      reason: input.message ?? undefined,
      version: input.version ?? current.version,
    });
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    const now = await db.producer.findUnique({ where: { id: producerId }, select: { status: true } });
    throw now?.status === "PENDING" ? changedMeanwhile() : alreadyDecided();
  }
}

const PRODUCT_STATUS_OF: Record<ReviewDecision, "PUBLISHED" | "REJECTED" | "CHANGES_REQUESTED"> = {
  approve: "PUBLISHED",
  reject: "REJECTED",
  request_changes: "CHANGES_REQUESTED",
};

/**
 * A product proposal: approved (published: public once it has a verified
 * standing certificate and its producer is approved), rejected, or sent back.
 */
export async function decideProduct(db: Database, actor: Actor, productId: number, rawInput: unknown) {
  requireStaffActor(actor);
  const input = parseOrThrow(ReviewDecisionSchema, rawInput);
  const decision = STAFF_DECISION_OF[input.intent];
  return writeCatalogue(db, async (tx) => {
    const before = await tx.product.findFirst({
      where: { id: productId, ...productScope(actor) },
      select: { id: true, nameVi: true, status: true, statusReason: true, version: true, publishedAt: true, producerId: true, producer: { select: { provinceId: true } } },
    });
    if (!before) throw notFound("Product");
    if (before.status !== "PENDING_REVIEW") throw alreadyDecided();
    const after = {
      status: PRODUCT_STATUS_OF[input.intent],
      statusReason: input.intent === "approve" ? null : input.message,
      publishedAt: input.intent === "approve" ? (before.publishedAt ?? new Date()) : before.publishedAt,
    };
    const { count } = await tx.product.updateMany({
      where: { id: productId, status: "PENDING_REVIEW", ...(input.version ? { version: input.version } : {}) },
      data: { ...after, version: { increment: 1 } },
    });
    if (count === 0) throw changedMeanwhile();
    await refreshCatalogueEntries(tx, { productIds: [productId] });
    await recordAudit(tx, actor, {
      action: "review",
      entityType: "product",
      entityId: productId,
      entityLabel: before.nameVi,
      provinceId: before.producer.provinceId,
      changes: decisionChanges(changedFields(before, after, ["status", "statusReason"]), decision, input.message),
    });
    await recordStaffDecision(tx, actor, decision, {
      producerId: before.producerId,
      item: "product",
      itemId: productId,
      label: before.nameVi,
      body: input.message,
      productId,
    });
    return { ...before, ...after };
  });
}

const CERTIFICATION_STATUS_OF: Record<ReviewDecision, "APPROVED" | "REJECTED" | "CHANGES_REQUESTED"> = {
  approve: "APPROVED",
  reject: "REJECTED",
  request_changes: "CHANGES_REQUESTED",
};

/**
 * A certificate the producer entered: verified (it may now stand for its
 * product and show publicly), rejected (it never counts), or sent back.
 */
export async function decideCertification(db: Database, actor: Actor, certificationId: number, rawInput: unknown, today: Date) {
  requireStaffActor(actor);
  const input = parseOrThrow(ReviewDecisionSchema, rawInput);
  const decision = STAFF_DECISION_OF[input.intent];
  return writeCatalogue(db, async (tx) => {
    const before = await tx.certification.findFirst({
      where: { id: certificationId, ...certificationScope(actor) },
      select: {
        id: true,
        decisionNumber: true,
        reviewStatus: true,
        productId: true,
        product: { select: { nameVi: true, producerId: true, producer: { select: { provinceId: true } } } },
      },
    });
    if (!before) throw notFound("Certification");
    if (before.reviewStatus !== "PENDING") throw alreadyDecided();
    const after = { reviewStatus: CERTIFICATION_STATUS_OF[input.intent] };
    const { count } = await tx.certification.updateMany({
      where: { id: certificationId, reviewStatus: "PENDING", ...(input.version ? { version: input.version } : {}) },
      data: { ...after, version: { increment: 1 } },
    });
    if (count === 0) throw changedMeanwhile();
    // A verified certificate may now be the product's standing one, and list it.
    await refreshProductStanding(tx, before.productId, today);
    await refreshCatalogueEntries(tx, { productIds: [before.productId] });
    const label = `${before.decisionNumber} · ${before.product.nameVi}`;
    await recordAudit(tx, actor, {
      action: "review",
      entityType: "certification",
      entityId: certificationId,
      entityLabel: label,
      provinceId: before.product.producer.provinceId,
      changes: decisionChanges(changedFields(before, after, ["reviewStatus"]), decision, input.message),
    });
    await recordStaffDecision(tx, actor, decision, {
      producerId: before.product.producerId,
      item: "certification",
      itemId: certificationId,
      label,
      body: input.message,
      productId: before.productId,
    });
    return { ...before, ...after };
  });
}
