/**
 * What waits for a reviewer, for the dashboard: the counts of the review
 * queue (reviews/queue.server.ts, same `where` fragments) and the oldest
 * pending producers and products, in the actor's scope.
 */
import type { Database } from "../../db.server";
import type { Actor } from "../accounts/actor.server";
import { countQueue, waitingWheres } from "../reviews/queue.server";

export const REVIEW_PREVIEW_SIZE = 5;

export type ReviewQueue = {
  producers: { total: number; items: Array<{ id: number; legalName: string; createdAt: Date }> };
  products: { total: number; items: Array<{ id: number; nameVi: string; producer: string; createdAt: Date }> };
  certifications: { total: number };
  revisions: { total: number };
  /** All four together: the review queue's size. */
  total: number;
};

export async function reviewQueue(db: Database, actor: Actor, limit = REVIEW_PREVIEW_SIZE): Promise<ReviewQueue> {
  const wheres = waitingWheres(actor);
  const [counts, producers, products] = await Promise.all([
    countQueue(db, wheres),
    db.producer.findMany({ where: wheres.producer, orderBy: [{ createdAt: "asc" }, { id: "asc" }], take: limit, select: { id: true, legalName: true, createdAt: true } }),
    db.product.findMany({
      where: wheres.product,
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: limit,
      select: { id: true, nameVi: true, createdAt: true, producer: { select: { legalName: true } } },
    }),
  ]);
  return {
    producers: { total: counts.producer, items: producers },
    products: { total: counts.product, items: products.map(({ producer, ...product }) => ({ ...product, producer: producer.legalName })) },
    certifications: { total: counts.certification },
    revisions: { total: counts.revision },
    total: counts.producer + counts.product + counts.certification + counts.revision,
  };
}
