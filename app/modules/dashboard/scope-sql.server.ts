import { Prisma } from "../../generated/sqlite/client";
import type { Actor } from "../accounts/actor.server";
import { producerScopeSql } from "../producers/admin-list.server";

/** The actor's scope on the product row `p` (the admin lists' rule, actor.server.ts), or nothing for national staff. */
export function productInScopeSql(actor: Actor): Prisma.Sql[] {
  const scope = producerScopeSql(actor, "pr");
  return scope.length ? [Prisma.sql`p."producerId" IN (SELECT pr."id" FROM "Producer" pr WHERE ${Prisma.join(scope, " AND ")})`] : [];
}
