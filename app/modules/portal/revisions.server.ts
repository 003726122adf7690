/**
 * Changes a producer proposes to a record staff already approved (a
 * published product; its own legal name or tax code), kept as the one open
 * Revision of that record until staff decide. The live record keeps its
 * approved values meanwhile. Proposing again updates the open revision (and
 * sends one back for changes to staff again); the producer may withdraw it.
 */
import type { Database, Prisma } from "../../db.server";
import { DomainError } from "../../lib/errors.server";
import { producerScope, type Actor } from "../accounts/actor.server";
import { recordAudit, type Changes } from "../audit/trail.server";
import { conversation, recordProducerEvent } from "../conversations/conversation.server";
import { OPEN_REVISION_STATUSES, parseRevisionChanges, type RevisionChanges } from "../reviews/revision-fields";

type Transaction = Prisma.TransactionClient;

export type RevisionTarget = {
  entityType: "producer" | "product";
  producerId: number;
  /** The product, for a product's revision. */
  productId: number | null;
  /** How the record is called (audit, conversation). */
  label: string;
  provinceId: number;
};

const openWhere = (target: Pick<RevisionTarget, "entityType" | "producerId" | "productId">) =>
  ({
    entityType: target.entityType,
    producerId: target.producerId,
    productId: target.productId,
    status: { in: [...OPEN_REVISION_STATUSES] },
  }) satisfies Prisma.RevisionWhereInput;

/**
 * Holds the live row at `version` for the rest of the transaction (on
 * PostgreSQL a row lock, so two proposals for one record queue up and the
 * second finds the first's open revision); false when the row moved on.
 */
export async function holdAtVersion(tx: Transaction, table: "Product" | "Producer", id: number, version: number): Promise<boolean> {
  const count =
    table === "Product"
      ? await tx.$executeRaw`UPDATE "Product" SET "version" = "version" WHERE "id" = ${id} AND "version" = ${version}`
      : await tx.$executeRaw`UPDATE "Producer" SET "version" = "version" WHERE "id" = ${id} AND "version" = ${version}`;
  return count > 0;
}

/**
 * Writes `changes` (only the fields that differ from the live record) as the
 * record's open revision: created, or updated (and back to PENDING). No
 * changes withdraws an open revision: the producer typed the live values back.
 * The caller holds the live row (holdAtVersion, or its own versioned update).
 */
export async function proposeRevision(
  tx: Transaction,
  actor: Actor,
  target: RevisionTarget,
  live: Record<string, unknown>,
  changes: RevisionChanges,
  baseVersion: number,
): Promise<{ id: number } | null> {
  const open = await tx.revision.findFirst({ where: openWhere(target), select: { id: true, changes: true, status: true } });
  if (Object.keys(changes).length === 0) {
    if (open) await closeRevision(tx, actor, target, open);
    return null;
  }
  const before = open ? parseRevisionChanges(target.entityType, open.changes) : {};
  if (open && open.status === "PENDING" && JSON.stringify(before) === JSON.stringify(changes)) return { id: open.id };
  const json = JSON.stringify(changes);
  const revision = open
    ? await tx.revision.update({ where: { id: open.id }, data: { changes: json, baseVersion, status: "PENDING" }, select: { id: true } })
    : await tx.revision.create({
        data: { entityType: target.entityType, producerId: target.producerId, productId: target.productId, changes: json, baseVersion, createdById: actor.userId },
        select: { id: true },
      });
  const audited: Changes = {};
  for (const [field, value] of Object.entries(changes)) audited[field] = [live[field] ?? null, value];
  await recordAudit(tx, actor, { action: "submit", entityType: "revision", entityId: revision.id, entityLabel: target.label, provinceId: target.provinceId, changes: audited });
  await recordProducerEvent(tx, actor, "submitted", { producerId: target.producerId, item: "revision", itemId: revision.id, label: target.label });
  return revision;
}

async function closeRevision(
  tx: Transaction,
  actor: Actor,
  target: Pick<RevisionTarget, "producerId" | "label" | "provinceId">,
  revision: { id: number; status: string },
) {
  const revisionId = revision.id;
  await tx.revision.update({ where: { id: revisionId }, data: { status: "ARCHIVED" } });
  await recordAudit(tx, actor, {
    action: "withdraw",
    entityType: "revision",
    entityId: revisionId,
    entityLabel: target.label,
    provinceId: target.provinceId,
    changes: { status: [revision.status, "ARCHIVED"] },
  });
  await recordProducerEvent(tx, actor, "withdrawn", { producerId: target.producerId, item: "revision", itemId: revisionId, label: target.label });
}

const notFound = () => new DomainError("Revision not found", 404, { form: ["portal.errors.revisionNotFound"] });

/** The producer withdraws its open revision; the live record was never touched. */
export async function withdrawRevision(db: Database, actor: Actor, revisionId: number) {
  return db.$transaction(async (tx) => {
    const revision = await tx.revision.findFirst({
      where: { id: revisionId, status: { in: [...OPEN_REVISION_STATUSES] }, producer: { is: producerScope(actor) } },
      select: { id: true, status: true, producerId: true, product: { select: { nameVi: true } }, producer: { select: { legalName: true, provinceId: true } } },
    });
    if (!revision) throw notFound();
    await closeRevision(tx, actor, { producerId: revision.producerId, label: revision.product?.nameVi ?? revision.producer.legalName, provinceId: revision.producer.provinceId }, revision);
  });
}

/** The open revision of a record in the actor's scope, with its proposed values and its conversation; null when there is none. */
export async function openRevision(db: Database, actor: Actor, target: Pick<RevisionTarget, "entityType" | "producerId" | "productId">) {
  const revision = await db.revision.findFirst({
    where: { ...openWhere(target), producer: { is: producerScope(actor) } },
    select: { id: true, entityType: true, status: true, changes: true, baseVersion: true, createdAt: true, updatedAt: true },
  });
  if (!revision) return null;
  return {
    ...revision,
    changes: parseRevisionChanges(revision.entityType, revision.changes),
    messages: await conversation(db, target.producerId, "revision", revision.id),
  };
}

export type OpenRevision = NonNullable<Awaited<ReturnType<typeof openRevision>>>;

/** The fields of `proposed` whose value differs from `live` (text compared as stored; empty is null). */
export function differingFields(live: Record<string, unknown>, proposed: Record<string, string | number | null>, fields: readonly string[]): RevisionChanges {
  const changes: RevisionChanges = {};
  for (const field of fields) {
    if (!(field in proposed)) continue;
    const now = proposed[field] ?? null;
    if ((live[field] ?? null) !== now) changes[field] = now;
  }
  return changes;
}
