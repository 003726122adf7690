/**
 * A producer's products: propose one (it waits for staff as PENDING_REVIEW),
 * edit a proposal (a proposal sent back or rejected goes back to review when
 * saved), withdraw it to a draft, submit a draft again. An edit to a
 * published product becomes its open Revision: the public page keeps the
 * approved version until staff approve. The product always belongs to the
 * actor's own producer, never to one a form names.
 */
import type { Database, Prisma } from "../../db.server";
import { DomainError, isUniqueViolation, parseOrThrow } from "../../lib/errors.server";
import { producerScope, productScope, type Actor } from "../accounts/actor.server";
import { changedFields, recordAudit, versionConflict } from "../audit/trail.server";
import { writeCatalogue } from "../catalogue/changes.server";
import { productNameKeys, productSearchKey } from "../catalogue/search-keys.server";
import { recordProducerEvent } from "../conversations/conversation.server";
import { PRODUCT_REVISION_FIELDS } from "../reviews/revision-fields";
import { uniqueSlug } from "../text/vietnamese.server";
import { ProposalEditSchema, ProposalSchema } from "./forms";
import { differingFields, holdAtVersion, proposeRevision } from "./revisions.server";
import { ownProducerId } from "./scope.server";

type Transaction = Prisma.TransactionClient;

/** A proposal the producer may still edit itself; a published product is changed through a revision. */
export const EDITABLE_PROPOSAL_STATUSES = ["DRAFT", "PENDING_REVIEW", "CHANGES_REQUESTED", "REJECTED"] as const;
/** Saving one of these sends it back to staff. */
const RESUBMITTED_ON_SAVE = ["CHANGES_REQUESTED", "REJECTED"];
/** A proposal the producer may take back while staff have not decided. */
export const WITHDRAWABLE_PROPOSAL_STATUSES = ["PENDING_REVIEW", "CHANGES_REQUESTED"] as const;

const AUDITED_FIELDS = [...PRODUCT_REVISION_FIELDS, "status"] as const;

const producerSelect = {
  id: true,
  status: true,
  legalName: true,
  provinceId: true,
  formerDistrict: true,
  commune: { select: { nameVi: true } },
  province: { select: { nameVi: true } },
} as const;

const productSelect = {
  id: true,
  version: true,
  status: true,
  producerId: true,
  ...(Object.fromEntries(PRODUCT_REVISION_FIELDS.map((field) => [field, true])) as Record<(typeof PRODUCT_REVISION_FIELDS)[number], true>),
  producer: { select: producerSelect },
} as const;

const notFound = () => new DomainError("Product not found", 404, { form: ["forms.productNotFound"] });

async function productSetName(tx: Transaction | Database, productSetId: number) {
  const productSet = await tx.productSet.findUnique({ where: { id: productSetId }, select: { nameVi: true } });
  if (!productSet) throw new DomainError("Unknown product set", 400, { productSetId: ["forms.unknownProductSet"] });
  return productSet.nameVi;
}

function searchColumns(input: { nameVi: string; nameEn: string | null }, productSetNameVi: string, producer: Prisma.ProducerGetPayload<{ select: typeof producerSelect }>) {
  return {
    searchKey: productSearchKey({
      nameVi: input.nameVi,
      nameEn: input.nameEn,
      producerName: producer.legalName,
      productSetNameVi,
      communeName: producer.commune?.nameVi,
      provinceName: producer.province.nameVi,
      formerDistrict: producer.formerDistrict,
    }),
    ...productNameKeys(input.nameVi),
  };
}

function refuseUnapproved(producer: { status: string }) {
  if (producer.status !== "APPROVED") throw new DomainError("Only an approved producer proposes products", 403, { form: ["portal.errors.notApproved"] });
}

/** Proposes a product for the actor's own producer (any producerId in the input is ignored). */
export async function proposeProduct(db: Database, actor: Actor, rawInput: unknown) {
  const input = parseOrThrow(ProposalSchema, rawInput);
  const producer = await db.producer.findFirst({ where: { AND: [{ id: ownProducerId(actor) }, producerScope(actor)] }, select: producerSelect });
  if (!producer) throw new DomainError("Producer not found", 404);
  refuseUnapproved(producer);
  const setName = await productSetName(db, input.productSetId);
  for (let attempt = 0; ; attempt++) {
    const slug = await uniqueSlug(input.nameVi, async (candidate) => Boolean(await db.product.findUnique({ where: { slug: candidate }, select: { id: true } })));
    try {
      return await writeCatalogue(db, async (tx) => {
        const product = await tx.product.create({
          data: { ...input, producerId: producer.id, status: "PENDING_REVIEW", slug, ...searchColumns(input, setName, producer) },
        });
        await recordAudit(tx, actor, {
          action: "create",
          entityType: "product",
          entityId: product.id,
          entityLabel: product.nameVi,
          provinceId: producer.provinceId,
          changes: changedFields(null, product, [...AUDITED_FIELDS, "producerId"]),
        });
        await recordProducerEvent(tx, actor, "submitted", { producerId: producer.id, item: "product", itemId: product.id, label: product.nameVi });
        return product;
      });
    } catch (error) {
      // Another writer took the slug between the check and the insert: pick the next one.
      if (attempt < 3 && isUniqueViolation(error, "slug")) continue;
      throw error;
    }
  }
}

async function ownProduct(tx: Transaction, actor: Actor, productId: number) {
  const product = await tx.product.findFirst({ where: { id: productId, producerId: ownProducerId(actor), ...productScope(actor) }, select: productSelect });
  if (!product) throw notFound();
  return product;
}

export type ProposalSave = { kind: "saved" | "resubmitted" | "revision"; revisionId?: number };

/**
 * Saves the product form. A proposal (draft, pending, sent back, rejected) is
 * changed directly, and one sent back or rejected goes back to review; a
 * published product gets (or updates) its open revision instead.
 */
export async function saveProposal(db: Database, actor: Actor, productId: number, rawInput: unknown): Promise<ProposalSave> {
  const { version, ...input } = parseOrThrow(ProposalEditSchema, rawInput);
  return writeCatalogue(db, async (tx) => {
    const before = await ownProduct(tx, actor, productId);
    const setName = await productSetName(tx, input.productSetId);
    if (before.status === "PUBLISHED") {
      if (!(await holdAtVersion(tx, "Product", productId, version))) throw await versionConflict(tx, "product", before, input, AUDITED_FIELDS);
      const revision = await proposeRevision(
        tx,
        actor,
        { entityType: "product", producerId: before.producerId, productId, label: before.nameVi, provinceId: before.producer.provinceId },
        before,
        differingFields(before, input, PRODUCT_REVISION_FIELDS),
        version,
      );
      return { kind: "revision", revisionId: revision?.id };
    }
    if (!(EDITABLE_PROPOSAL_STATUSES as readonly string[]).includes(before.status)) {
      throw new DomainError("This product cannot be edited", 409, { form: ["portal.errors.notEditable"] });
    }
    const resubmit = RESUBMITTED_ON_SAVE.includes(before.status);
    if (resubmit) refuseUnapproved(before.producer);
    const fields = { ...input, ...(resubmit ? { status: "PENDING_REVIEW" as const, statusReason: null } : {}) };
    const { count } = await tx.product.updateMany({
      where: { id: productId, version },
      data: { ...fields, ...searchColumns(input, setName, before.producer), version: { increment: 1 } },
    });
    if (count === 0) throw await versionConflict(tx, "product", before, input, AUDITED_FIELDS);
    await recordAudit(tx, actor, {
      action: resubmit ? "submit" : "update",
      entityType: "product",
      entityId: productId,
      entityLabel: input.nameVi,
      provinceId: before.producer.provinceId,
      changes: changedFields(before, fields, AUDITED_FIELDS),
    });
    if (resubmit) await recordProducerEvent(tx, actor, "submitted", { producerId: before.producerId, item: "product", itemId: productId, label: input.nameVi });
    return { kind: resubmit ? "resubmitted" : "saved" };
  });
}

/** Takes a proposal back from review: it becomes a draft the producer can submit again. */
export async function withdrawProposal(db: Database, actor: Actor, productId: number) {
  return changeProposalStatus(db, actor, productId, WITHDRAWABLE_PROPOSAL_STATUSES, "DRAFT");
}

/** Sends a draft (a withdrawn proposal) to staff again. */
export async function submitDraft(db: Database, actor: Actor, productId: number) {
  return changeProposalStatus(db, actor, productId, ["DRAFT"], "PENDING_REVIEW");
}

async function changeProposalStatus(db: Database, actor: Actor, productId: number, from: readonly string[], to: "DRAFT" | "PENDING_REVIEW") {
  return writeCatalogue(db, async (tx) => {
    const before = await ownProduct(tx, actor, productId);
    if (to === "PENDING_REVIEW") refuseUnapproved(before.producer);
    const { count } = await tx.product.updateMany({
      where: { id: productId, status: { in: [...from] as Array<"DRAFT" | "PENDING_REVIEW" | "CHANGES_REQUESTED"> } },
      data: { status: to, version: { increment: 1 } },
    });
    if (count === 0) throw new DomainError("Not in a state to do this", 409, { form: [to === "DRAFT" ? "portal.errors.notWithdrawable" : "portal.errors.notSubmittable"] });
    await recordAudit(tx, actor, {
      action: to === "DRAFT" ? "withdraw" : "submit",
      entityType: "product",
      entityId: productId,
      entityLabel: before.nameVi,
      provinceId: before.producer.provinceId,
      changes: { status: [before.status, to] },
    });
    await recordProducerEvent(tx, actor, to === "DRAFT" ? "withdrawn" : "submitted", {
      producerId: before.producerId,
      item: "product",
      itemId: productId,
      label: before.nameVi,
    });
  });
}
