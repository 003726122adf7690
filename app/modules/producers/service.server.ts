/**
 * Writing producers: create, edit (with a version check), change review
 * status, archive and restore, delete. Every write takes the acting user,
 * finds the record within the actor's scope, and writes its audit row and the
 * catalogue change signal in the same transaction.
 */
import type { Database, Prisma } from "../../db.server";
import { DomainError, isUniqueViolation, parseOrThrow } from "../../lib/errors.server";
import { canManageAccounts, mayUseProvince, producerScope, requireStaffActor, type Actor } from "../accounts/actor.server";
import { changedFields, recordAudit, removedFields, versionConflict, type AuditAction } from "../audit/trail.server";
import { writeCatalogue } from "../catalogue/changes.server";
import { refreshCatalogueEntries } from "../catalogue/entries.server";
import { producerSearchKey } from "../catalogue/search-keys.server";
import { refreshProductSearchKeys } from "../products/service.server";
import { recordStaffDecision, type StaffDecision } from "../conversations/conversation.server";
import { uniqueSlug } from "../text/vietnamese.server";
import { ProducerEditSchema, ProducerInputSchema, ProducerStatusSchema } from "./forms";

// The status form's schema lives in ./forms (the browser checks it too); kept importable from here.
export { ProducerStatusSchema };

/** The fields the producer form (and a producer import row) sets. */
export const PRODUCER_INPUT_FIELDS = [
  "type",
  "legalName",
  "taxCode",
  "registrationNumber",
  "legalRepName",
  "legalRepTitle",
  "phone",
  "zalo",
  "email",
  "website",
  "street",
  "communeId",
  "provinceId",
  "formerDistrict",
  "formerProvince",
  "descriptionVi",
  "descriptionEn",
] as const;

/** The fields the audit trail compares (what staff can change). */
const AUDITED_FIELDS = [...PRODUCER_INPUT_FIELDS, "status", "statusReason"] as const;

const auditSelect = Object.fromEntries([...AUDITED_FIELDS, "id", "version"].map((field) => [field, true])) as Record<
  (typeof AUDITED_FIELDS)[number] | "id" | "version",
  true
>;

/** The province's and commune's names (for the search key); an unknown province or a commune outside it is refused. */
export async function placeNames(db: Prisma.TransactionClient | Database, provinceId: number, communeId: number | undefined) {
  const province = await db.province.findUnique({ where: { id: provinceId }, select: { nameVi: true } });
  if (!province) throw new DomainError("Unknown province", 400, { provinceId: ["forms.unknownProvince"] });
  if (communeId === undefined) return { provinceName: province.nameVi, communeName: null };
  const commune = await db.commune.findFirst({ where: { id: communeId, provinceId }, select: { nameVi: true } });
  if (!commune) throw new DomainError("Commune not in province", 400, { communeId: ["forms.communeNotInProvince"] });
  return { provinceName: province.nameVi, communeName: commune.nameVi };
}

function taxCodeTaken(): DomainError {
  return new DomainError("Tax code already registered", 409, { taxCode: ["forms.taxCodeTaken"] });
}

function requireProvince(actor: Actor, provinceId: number) {
  if (!mayUseProvince(actor, provinceId)) {
    throw new DomainError("Outside the editor's province", 403, { provinceId: ["forms.outsideYourProvince"] });
  }
}

const notFound = () => new DomainError("Producer not found", 404);

export async function createProducer(
  db: Database,
  actor: Actor,
  rawInput: unknown,
  options: { status?: "PENDING" | "APPROVED"; isDemo?: boolean } = {},
) {
  requireStaffActor(actor);
  const input = parseOrThrow(ProducerInputSchema, rawInput);
  requireProvince(actor, input.provinceId);
  const places = await placeNames(db, input.provinceId, input.communeId);
  if (await db.producer.findUnique({ where: { taxCode: input.taxCode }, select: { id: true } })) throw taxCodeTaken();
  const slug = await uniqueSlug(input.legalName, async (candidate) =>
    Boolean(await db.producer.findUnique({ where: { slug: candidate }, select: { id: true } })),
  );
  try {
    return await writeCatalogue(db, async (tx) => {
      const producer = await tx.producer.create({
        data: {
          ...input,
          slug,
          status: options.status ?? "PENDING",
          isDemo: options.isDemo ?? false,
          searchKey: producerSearchKey({ ...input, ...places }),
        },
      });
      await recordAudit(tx, actor, {
        action: "create",
        entityType: "producer",
        entityId: producer.id,
        entityLabel: producer.legalName,
        provinceId: producer.provinceId,
        changes: changedFields(null, producer, AUDITED_FIELDS),
      });
      return producer;
    });
  } catch (error) {
    if (isUniqueViolation(error, "taxCode")) throw taxCodeTaken();
    throw error;
  }
}

/** Saves an edit made from `version` of the record; an older version is refused with what changed. */
export async function updateProducer(db: Database, actor: Actor, producerId: number, rawInput: unknown) {
  requireStaffActor(actor);
  const { version, ...input } = parseOrThrow(ProducerEditSchema, rawInput);
  requireProvince(actor, input.provinceId);
  try {
    return await writeCatalogue(db, async (tx) => {
      const before = await tx.producer.findFirst({ where: { id: producerId, ...producerScope(actor) }, select: auditSelect });
      if (!before) throw notFound();
      const places = await placeNames(tx, input.provinceId, input.communeId);
      const fields = { ...input, communeId: input.communeId ?? null };
      const { count } = await tx.producer.updateMany({
        where: { id: producerId, version },
        data: { ...fields, searchKey: producerSearchKey({ ...input, ...places }), version: { increment: 1 } },
      });
      if (count === 0) throw await versionConflict(tx, "producer", before, fields, AUDITED_FIELDS);
      // Product search keys include the producer's name and places.
      await refreshProductSearchKeys(tx as Database, { producerId });
      await refreshCatalogueEntries(tx, { producerId });
      await recordAudit(tx, actor, {
        action: "update",
        entityType: "producer",
        entityId: producerId,
        entityLabel: input.legalName,
        provinceId: input.provinceId,
        changes: changedFields(before, fields, AUDITED_FIELDS),
      });
      return tx.producer.findUniqueOrThrow({ where: { id: producerId } });
    });
  } catch (error) {
    if (isUniqueViolation(error, "taxCode")) throw taxCodeTaken();
    throw error;
  }
}

/** The statuses that are a review decision the producer is told about (in the portal and by mail). */
const DECISION_OF_STATUS: Partial<Record<string, StaffDecision>> = {
  APPROVED: "approved",
  REJECTED: "rejected",
  CHANGES_REQUESTED: "changes_requested",
  SUSPENDED: "suspended",
};

/**
 * Approves, asks for changes, rejects, suspends, archives or restores a
 * producer. Only an approved producer and its products are public, so its
 * catalogue rows follow in the same transaction. Restoring from the archive
 * returns it to review. A decision reaches the producer with its message.
 */
export async function changeProducerStatus(db: Database, actor: Actor, producerId: number, rawInput: unknown) {
  requireStaffActor(actor);
  const input = parseOrThrow(ProducerStatusSchema, rawInput);
  return writeCatalogue(db, async (tx) => {
    const before = await tx.producer.findFirst({ where: { id: producerId, ...producerScope(actor) }, select: auditSelect });
    if (!before) throw notFound();
    const after = { status: input.status, statusReason: input.reason };
    const { count } = await tx.producer.updateMany({
      where: { id: producerId, ...(input.version ? { version: input.version } : {}) },
      data: { ...after, version: { increment: 1 } },
    });
    if (count === 0) throw await versionConflict(tx, "producer", before, after, AUDITED_FIELDS);
    await refreshCatalogueEntries(tx, { producerId });
    const action: AuditAction = input.status === "ARCHIVED" ? "archive" : before.status === "ARCHIVED" ? "restore" : "status";
    await recordAudit(tx, actor, {
      action,
      entityType: "producer",
      entityId: producerId,
      entityLabel: before.legalName,
      provinceId: before.provinceId,
      changes: changedFields(before, after, ["status", "statusReason"]),
    });
    const decision = before.status === input.status ? undefined : DECISION_OF_STATUS[input.status];
    if (decision) {
      await recordStaffDecision(tx, actor, decision, {
        producerId,
        item: "producer",
        itemId: producerId,
        label: before.legalName,
        body: input.reason ?? null,
      });
    }
    return { ...before, ...after };
  });
}

/** Admins only, and only a producer nothing depends on (no products, no accounts). */
export async function deleteProducer(db: Database, actor: Actor, producerId: number) {
  if (!canManageAccounts(actor)) throw new DomainError("Only admins delete records", 403);
  return writeCatalogue(db, async (tx) => {
    const before = await tx.producer.findFirst({
      where: { id: producerId, ...producerScope(actor) },
      select: { ...auditSelect, _count: { select: { products: true, users: true } } },
    });
    if (!before) throw notFound();
    if (before._count.products || before._count.users) {
      throw new DomainError("Records depend on this producer", 409, { form: ["forms.hasDependents"] });
    }
    await tx.producer.delete({ where: { id: producerId } });
    const { _count: _ignored, ...row } = before;
    await recordAudit(tx, actor, {
      action: "delete",
      entityType: "producer",
      entityId: producerId,
      entityLabel: before.legalName,
      provinceId: before.provinceId,
      changes: removedFields(row, AUDITED_FIELDS),
    });
  });
}
