/**
 * Revisions: a producer's proposed change to a record staff already approved
 * (a published product's texts and set; its own legal name or tax code). The
 * live record keeps its values until staff approve; approving applies the
 * proposed fields, rewrites the search keys and catalogue rows, and audits
 * both the record's update and the decision, in one transaction.
 */
import type { z } from "zod";
import type { Database, Prisma } from "../../db.server";
import { DomainError, isUniqueViolation, parseOrThrow } from "../../lib/errors.server";
import { requireStaffActor, type Actor } from "../accounts/actor.server";
import { changedFields, recordAudit } from "../audit/trail.server";
import { writeCatalogue } from "../catalogue/changes.server";
import { refreshCatalogueEntries } from "../catalogue/entries.server";
import { producerSearchKey } from "../catalogue/search-keys.server";
import { ProducerInputSchema } from "../producers/forms";
import { ProductInputSchema } from "../products/forms";
import { refreshProductSearchKeys } from "../products/service.server";
import { compareRevision } from "./comparison";
import { recordStaffDecision } from "../conversations/conversation.server";
import { alreadyDecided, decisionChanges, STAFF_DECISION_OF } from "./decisions.server";
import { ReviewDecisionSchema, type ReviewDecision } from "./forms";
import { revisionScope } from "./queue.server";
import { parseRevisionChanges, PRODUCER_REVISION_FIELDS, PRODUCT_REVISION_FIELDS, type RevisionChanges, type RevisionValue } from "./revision-fields";

const notFound = () => new DomainError("Revision not found", 404);

const productFields = Object.fromEntries(PRODUCT_REVISION_FIELDS.map((field) => [field, true])) as Record<(typeof PRODUCT_REVISION_FIELDS)[number], true>;
const producerFields = Object.fromEntries(PRODUCER_REVISION_FIELDS.map((field) => [field, true])) as Record<(typeof PRODUCER_REVISION_FIELDS)[number], true>;

const reviewSelect = {
  id: true,
  entityType: true,
  producerId: true,
  productId: true,
  changes: true,
  baseVersion: true,
  status: true,
  createdAt: true,
  decidedAt: true,
  producer: { select: { ...producerFields, id: true, version: true, status: true, province: { select: { nameVi: true, nameEn: true } } } },
  product: { select: { ...productFields, id: true, version: true, status: true, slug: true } },
} as const;

/** The fields of `fields` named in the audit trail's changes of the record since `since`, with who changed them last. */
async function liveChangesSince(db: Database, entityType: "producer" | "product", entityId: number, since: Date) {
  const events = await db.auditEvent.findMany({
    where: { entityType, entityId, at: { gte: since } },
    orderBy: { id: "asc" },
    select: { at: true, actorEmail: true, changes: true },
  });
  const changed = new Map<string, { at: Date; actorEmail: string | null }>();
  for (const event of events) {
    let fields: string[] = [];
    try {
      fields = event.changes ? Object.keys(JSON.parse(event.changes) as object) : [];
    } catch {
      fields = [];
    }
    for (const field of fields) changed.set(field, { at: event.at, actorEmail: event.actorEmail });
  }
  return [...changed].map(([field, last]) => ({ field, ...last }));
}

/**
 * A revision within the actor's scope, beside its live record: the
 * comparison table, and (when the live record moved on since the proposal)
 * which of its fields changed since. null when missing or out of scope.
 */
export async function revisionForReview(db: Database, actor: Actor, revisionId: number) {
  const revision = await db.revision.findFirst({ where: { id: revisionId, ...revisionScope(actor) }, select: reviewSelect });
  if (!revision) return null;
  const isProducer = revision.entityType === "producer";
  if (!isProducer && !revision.product) return null;
  const changes = parseRevisionChanges(revision.entityType, revision.changes);
  const fields = isProducer ? PRODUCER_REVISION_FIELDS : PRODUCT_REVISION_FIELDS;
  const liveRecord = (isProducer ? revision.producer : revision.product!) as unknown as Record<string, RevisionValue> & { id: number; version: number };
  const live = Object.fromEntries(fields.map((field) => [field, liveRecord[field] ?? null]));
  const changedSince = liveRecord.version > revision.baseVersion ? await liveChangesSince(db, isProducer ? "producer" : "product", liveRecord.id, revision.createdAt) : [];
  const rows = compareRevision(fields, live, changes, changedSince.map((change) => change.field));
  const setIds = isProducer ? [] : [...new Set(rows.filter((row) => row.field === "productSetId").flatMap((row) => [row.live, row.proposed]).map(Number).filter(Number.isInteger))];
  const productSets = setIds.length
    ? await db.productSet.findMany({ where: { id: { in: setIds } }, select: { id: true, nameVi: true, nameEn: true } })
    : [];
  const { changes: _json, ...rest } = revision;
  return {
    ...rest,
    label: revision.product?.nameVi ?? revision.producer.legalName,
    rows,
    /** The live record's version now and when proposed: different means it changed since. */
    liveVersion: liveRecord.version,
    changedSince,
    productSets,
  };
}

export type RevisionForReview = NonNullable<Awaited<ReturnType<typeof revisionForReview>>>;

/** The proposed values, checked against the same rules as the record's own form. */
function checkedValues(entityType: string, changes: RevisionChanges): Record<string, unknown> {
  const fields = Object.keys(changes);
  const schema = entityType === "producer" ? ProducerInputSchema : ProductInputSchema;
  // Only the fields the revision holds; an empty value is a missing one, as a form reads it.
  const picked = (schema as z.ZodObject).pick(Object.fromEntries(fields.map((field) => [field, true])) as Record<string, true>);
  const input = Object.fromEntries(Object.entries(changes).map(([field, value]) => [field, value === null || value === "" ? undefined : value]));
  const result = picked.safeParse(input);
  if (!result.success) throw new DomainError("The proposed values are not valid", 400, { form: ["admin.reviews.revisionInvalid"] });
  return result.data as Record<string, unknown>;
}

const taxCodeTaken = () => new DomainError("Tax code already registered", 409, { form: ["forms.taxCodeTaken"] });

type Transaction = Prisma.TransactionClient;

async function applyToProduct(tx: Transaction, actor: Actor, productId: number, values: Record<string, unknown>) {
  const before = await tx.product.findUniqueOrThrow({ where: { id: productId }, select: { ...productFields, id: true, producer: { select: { provinceId: true } } } });
  if (values.productSetId !== undefined && !(await tx.productSet.findUnique({ where: { id: Number(values.productSetId) }, select: { id: true } }))) {
    throw new DomainError("Unknown product set", 400, { form: ["forms.unknownProductSet"] });
  }
  await tx.product.update({ where: { id: productId }, data: { ...values, version: { increment: 1 } } });
  // The search key and name keys cover the names and the product set.
  await refreshProductSearchKeys(tx as Database, { id: productId });
  await refreshCatalogueEntries(tx, { productIds: [productId] });
  const label = String(values.nameVi ?? before.nameVi);
  await recordAudit(tx, actor, {
    action: "update",
    entityType: "product",
    entityId: productId,
    entityLabel: label,
    provinceId: before.producer.provinceId,
    changes: changedFields(before, values, PRODUCT_REVISION_FIELDS),
  });
  return label;
}

async function applyToProducer(tx: Transaction, actor: Actor, producerId: number, values: Record<string, unknown>) {
  const before = await tx.producer.findUniqueOrThrow({
    where: { id: producerId },
    select: {
      ...producerFields,
      id: true,
      provinceId: true,
      formerDistrict: true,
      formerProvince: true,
      commune: { select: { nameVi: true } },
      province: { select: { nameVi: true } },
    },
  });
  if (typeof values.taxCode === "string" && (await tx.producer.findFirst({ where: { taxCode: values.taxCode, id: { not: producerId } }, select: { id: true } }))) {
    throw taxCodeTaken();
  }
  const legalName = String(values.legalName ?? before.legalName);
  await tx.producer.update({
    where: { id: producerId },
    data: {
      ...values,
      searchKey: producerSearchKey({
        legalName,
        communeName: before.commune?.nameVi,
        provinceName: before.province.nameVi,
        formerDistrict: before.formerDistrict,
        formerProvince: before.formerProvince,
      }),
      version: { increment: 1 },
    },
  });
  // Product search keys include the producer's name.
  await refreshProductSearchKeys(tx as Database, { producerId });
  await refreshCatalogueEntries(tx, { producerId });
  await recordAudit(tx, actor, {
    action: "update",
    entityType: "producer",
    entityId: producerId,
    entityLabel: legalName,
    provinceId: before.provinceId,
    changes: changedFields(before, values, PRODUCER_REVISION_FIELDS),
  });
  return legalName;
}

const REVISION_STATUS_OF: Record<ReviewDecision, "APPROVED" | "REJECTED" | "CHANGES_REQUESTED"> = {
  approve: "APPROVED",
  reject: "REJECTED",
  request_changes: "CHANGES_REQUESTED",
};

/**
 * Approves (applies the proposed fields to the live record), rejects, or
 * sends back a revision waiting for staff. The proposal names its fields, so
 * approving one whose record changed since is allowed (the page warns).
 */
export async function decideRevision(db: Database, actor: Actor, revisionId: number, rawInput: unknown) {
  requireStaffActor(actor);
  const input = parseOrThrow(ReviewDecisionSchema, rawInput);
  const decision = STAFF_DECISION_OF[input.intent];
  try {
    return await writeCatalogue(db, async (tx) => {
      const revision = await tx.revision.findFirst({
        where: { id: revisionId, ...revisionScope(actor) },
        select: {
          id: true,
          entityType: true,
          producerId: true,
          productId: true,
          changes: true,
          status: true,
          producer: { select: { legalName: true, provinceId: true } },
          product: { select: { nameVi: true } },
        },
      });
      if (!revision || (revision.entityType !== "producer" && revision.productId === null)) throw notFound();
      if (revision.status !== "PENDING") throw alreadyDecided();
      const status = REVISION_STATUS_OF[input.intent];
      // Claimed first: a second decision finds it no longer pending.
      const { count } = await tx.revision.updateMany({
        where: { id: revisionId, status: "PENDING" },
        data: { status, decidedById: actor.userId, decidedAt: new Date() },
      });
      if (count === 0) throw alreadyDecided();
      let label = revision.product?.nameVi ?? revision.producer.legalName;
      if (input.intent === "approve") {
        const values = checkedValues(revision.entityType, parseRevisionChanges(revision.entityType, revision.changes));
        if (Object.keys(values).length) {
          label =
            revision.entityType === "producer"
              ? await applyToProducer(tx, actor, revision.producerId, values)
              : await applyToProduct(tx, actor, revision.productId!, values);
        }
      }
      await recordAudit(tx, actor, {
        action: "review",
        entityType: "revision",
        entityId: revisionId,
        entityLabel: label,
        provinceId: revision.producer.provinceId,
        changes: decisionChanges({ status: [revision.status, status] }, decision, input.message),
      });
      await recordStaffDecision(tx, actor, decision, {
        producerId: revision.producerId,
        item: "revision",
        itemId: revisionId,
        label,
        body: input.message,
        productId: revision.productId ?? undefined,
      });
      return { id: revisionId, status };
    });
  } catch (error) {
    if (isUniqueViolation(error, "taxCode")) throw taxCodeTaken();
    throw error;
  }
}
