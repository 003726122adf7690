/**
 * The review queue: everything waiting for staff in the actor's scope
 * (producers, product proposals, certificates entered by producers, revisions
 * of approved records), the longest waiting first, and what staff sent back
 * to the producer (changes requested). The `where` fragments here are the one
 * definition of "waiting for review"; the dashboard counts with them too.
 */
import type { Database, Prisma } from "../../db.server";
import { certificationScope, producerScope, productScope, type Actor } from "../accounts/actor.server";
import type { ReviewItem } from "../conversations/conversation.server";

/**
 * A producer ready for review: pending, and every producer account that
 * registered it has confirmed its email (one that staff created, with no
 * account, is ready at once).
 */
export const readyProducerWhere = {
  status: "PENDING",
  users: { none: { role: "PRODUCER", emailConfirmedAt: null } },
} as const satisfies Prisma.ProducerWhereInput;

export const pendingProductWhere = { status: "PENDING_REVIEW" } as const satisfies Prisma.ProductWhereInput;
export const pendingCertificationWhere = { reviewStatus: "PENDING" } as const satisfies Prisma.CertificationWhereInput;
export const pendingRevisionWhere = { status: "PENDING" } as const satisfies Prisma.RevisionWhereInput;

/** Back with the producer: staff asked for changes, the producer has not resubmitted yet. */
export const withProducerWhere = {
  producer: { status: "CHANGES_REQUESTED" },
  product: { status: "CHANGES_REQUESTED" },
  certification: { reviewStatus: "CHANGES_REQUESTED" },
  revision: { status: "CHANGES_REQUESTED" },
} as const satisfies {
  producer: Prisma.ProducerWhereInput;
  product: Prisma.ProductWhereInput;
  certification: Prisma.CertificationWhereInput;
  revision: Prisma.RevisionWhereInput;
};

export type QueueWheres = {
  producer: Prisma.ProducerWhereInput;
  product: Prisma.ProductWhereInput;
  certification: Prisma.CertificationWhereInput;
  revision: Prisma.RevisionWhereInput;
};

/** Revisions the actor may see: those of producers in its scope. */
export function revisionScope(actor: Actor): Prisma.RevisionWhereInput {
  const producer = producerScope(actor);
  return Object.keys(producer).length ? { producer: { is: producer } } : {};
}

/** What waits for staff, within the actor's scope, per kind. */
export function waitingWheres(actor: Actor): QueueWheres {
  return {
    producer: { ...producerScope(actor), ...readyProducerWhere },
    product: { ...productScope(actor), ...pendingProductWhere },
    certification: { ...certificationScope(actor), ...pendingCertificationWhere },
    revision: { ...revisionScope(actor), ...pendingRevisionWhere },
  };
}

/** What staff sent back to the producer, within the actor's scope, per kind. */
export function withProducerWheres(actor: Actor): QueueWheres {
  return {
    producer: { ...producerScope(actor), ...withProducerWhere.producer },
    product: { ...productScope(actor), ...withProducerWhere.product },
    certification: { ...certificationScope(actor), ...withProducerWhere.certification },
    revision: { ...revisionScope(actor), ...withProducerWhere.revision },
  };
}

export type QueueCounts = Record<ReviewItem, number>;

export async function countQueue(db: Database, wheres: QueueWheres): Promise<QueueCounts> {
  const [producer, product, certification, revision] = await Promise.all([
    db.producer.count({ where: wheres.producer }),
    db.product.count({ where: wheres.product }),
    db.certification.count({ where: wheres.certification }),
    db.revision.count({ where: wheres.revision }),
  ]);
  return { producer, product, certification, revision };
}

/** Where staff review an item. */
export function reviewPath(kind: ReviewItem, id: number): string {
  return `/admin/reviews/${kind === "revision" ? "revisions" : `${kind}s`}/${id}`;
}

export type QueueItem = {
  kind: ReviewItem;
  id: number;
  /** The record's name ("Hợp tác xã …", a product's name, a decision number and product). */
  label: string;
  /** For a revision: what it changes. */
  revisionOf: "producer" | "product" | null;
  producer: { id: number; legalName: string };
  province: { nameVi: string; nameEn: string };
  /** When it was (re)submitted, or sent back: the conversation's latest such event, else when the record was made. */
  since: Date;
  path: string;
};

/** How many items of each kind a page lists at most (the counts are exact). */
export const QUEUE_LIMIT = 200;

const producerPart = { select: { id: true, legalName: true, province: { select: { nameVi: true, nameEn: true } } } } as const;

type Row = Omit<QueueItem, "since" | "path"> & { createdAt: Date; updatedAt: Date };

async function rowsOf(db: Database, wheres: QueueWheres, limit: number): Promise<Row[]> {
  const order = [{ createdAt: "asc" as const }, { id: "asc" as const }];
  const [producers, products, certifications, revisions] = await Promise.all([
    db.producer.findMany({
      where: wheres.producer,
      orderBy: order,
      take: limit,
      select: { id: true, legalName: true, createdAt: true, updatedAt: true, province: { select: { nameVi: true, nameEn: true } } },
    }),
    db.product.findMany({ where: wheres.product, orderBy: order, take: limit, select: { id: true, nameVi: true, createdAt: true, updatedAt: true, producer: producerPart } }),
    db.certification.findMany({
      where: wheres.certification,
      orderBy: order,
      take: limit,
      select: { id: true, decisionNumber: true, createdAt: true, updatedAt: true, product: { select: { nameVi: true, producer: producerPart } } },
    }),
    db.revision.findMany({
      where: wheres.revision,
      orderBy: order,
      take: limit,
      select: { id: true, entityType: true, createdAt: true, updatedAt: true, product: { select: { nameVi: true } }, producer: producerPart },
    }),
  ]);
  const owner = (producer: { id: number; legalName: string; province: { nameVi: string; nameEn: string } }) => ({
    producer: { id: producer.id, legalName: producer.legalName },
    province: producer.province,
  });
  return [
    ...producers.map(({ province, ...row }) => ({
      kind: "producer" as const,
      id: row.id,
      label: row.legalName,
      revisionOf: null,
      producer: { id: row.id, legalName: row.legalName },
      province,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    })),
    ...products.map((row) => ({ kind: "product" as const, id: row.id, label: row.nameVi, revisionOf: null, ...owner(row.producer), createdAt: row.createdAt, updatedAt: row.updatedAt })),
    ...certifications.map((row) => ({
      kind: "certification" as const,
      id: row.id,
      label: `${row.decisionNumber} · ${row.product.nameVi}`,
      revisionOf: null,
      ...owner(row.product.producer),
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    })),
    ...revisions.map((row) => ({
      kind: "revision" as const,
      id: row.id,
      label: row.product?.nameVi ?? row.producer.legalName,
      revisionOf: row.entityType === "producer" ? ("producer" as const) : ("product" as const),
      ...owner(row.producer),
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    })),
  ];
}

/** The latest `event` in each listed item's conversation. */
async function latestEvents(db: Database, rows: Row[], event: string): Promise<Map<string, Date>> {
  const latest = new Map<string, Date>();
  const kinds = [...new Set(rows.map((row) => row.kind))];
  const groups = await Promise.all(
    kinds.map((kind) =>
      db.reviewMessage.groupBy({
        by: ["entityId"],
        where: { entityType: kind, event, entityId: { in: rows.filter((row) => row.kind === kind).map((row) => row.id) } },
        _max: { createdAt: true },
      }).then((found) => found.map((group) => ({ kind, ...group }))),
    ),
  );
  for (const group of groups.flat()) if (group._max.createdAt) latest.set(`${group.kind}:${group.entityId}`, group._max.createdAt);
  return latest;
}

async function itemsOf(db: Database, wheres: QueueWheres, event: string, fallback: "createdAt" | "updatedAt", limit: number): Promise<QueueItem[]> {
  const rows = await rowsOf(db, wheres, limit);
  const latest = await latestEvents(db, rows, event);
  return rows
    .map(({ createdAt, updatedAt, ...row }) => ({
      ...row,
      since: latest.get(`${row.kind}:${row.id}`) ?? (fallback === "createdAt" ? createdAt : updatedAt),
      path: reviewPath(row.kind, row.id),
    }))
    .sort((a, b) => a.since.getTime() - b.since.getTime() || a.kind.localeCompare(b.kind) || a.id - b.id);
}

export type ReviewQueuePage = {
  counts: QueueCounts;
  waiting: QueueItem[];
  withProducerCounts: QueueCounts;
  withProducer: QueueItem[];
};

/** The queue page: waiting items (longest waiting first) and those back with the producer. */
export async function reviewQueuePage(db: Database, actor: Actor, limit = QUEUE_LIMIT): Promise<ReviewQueuePage> {
  const waitingWhere = waitingWheres(actor);
  const withProducer = withProducerWheres(actor);
  const [counts, waiting, withProducerCounts, sentBack] = await Promise.all([
    countQueue(db, waitingWhere),
    itemsOf(db, waitingWhere, "submitted", "createdAt", limit),
    countQueue(db, withProducer),
    itemsOf(db, withProducer, "changes_requested", "updatedAt", limit),
  ]);
  return { counts, waiting, withProducerCounts, withProducer: sentBack };
}
