import type { Database } from "../../db.server";
import { certificationScope, producerScope, productScope, type Actor } from "../accounts/actor.server";

/** Counts of what the actor looks after (the dashboard's first line; the full dashboard is the next issue). */
export async function adminOverview(db: Database, actor: Actor) {
  const [producers, products, certifications] = await Promise.all([
    db.producer.count({ where: producerScope(actor) }),
    db.product.count({ where: productScope(actor) }),
    db.certification.count({ where: certificationScope(actor) }),
  ]);
  return { producers, products, certifications };
}
