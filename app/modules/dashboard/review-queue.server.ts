/** What waits for a reviewer: pending producers and products in the actor's scope, oldest first. */
import type { Database } from "../../db.server";
import { producerScope, productScope, type Actor } from "../accounts/actor.server";

export const REVIEW_PREVIEW_SIZE = 5;

export type ReviewQueue = {
  producers: { total: number; items: Array<{ id: number; legalName: string; createdAt: Date }> };
  products: { total: number; items: Array<{ id: number; nameVi: string; producer: string; createdAt: Date }> };
};

export async function reviewQueue(db: Database, actor: Actor, limit = REVIEW_PREVIEW_SIZE): Promise<ReviewQueue> {
  const producerWhere = { ...producerScope(actor), status: "PENDING" } as const;
  const productWhere = { ...productScope(actor), status: "PENDING_REVIEW" } as const;
  const [producerTotal, producers, productTotal, products] = await Promise.all([
    db.producer.count({ where: producerWhere }),
    db.producer.findMany({ where: producerWhere, orderBy: [{ createdAt: "asc" }, { id: "asc" }], take: limit, select: { id: true, legalName: true, createdAt: true } }),
    db.product.count({ where: productWhere }),
    db.product.findMany({
      where: productWhere,
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: limit,
      select: { id: true, nameVi: true, createdAt: true, producer: { select: { legalName: true } } },
    }),
  ]);
  return {
    producers: { total: producerTotal, items: producers },
    products: { total: productTotal, items: products.map(({ producer, ...product }) => ({ ...product, producer: producer.legalName })) },
  };
}
