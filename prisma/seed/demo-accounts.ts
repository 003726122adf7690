/**
 * Demo sign-ins for `npm run demo` and the browser tests: an admin, a national
 * editor and an editor scoped to Phú Thọ. Only the demo and test commands ask
 * for them (`--demo-accounts`); a production database never gets them.
 */
import type { Database } from "../../app/db.server";
import { SYSTEM_ACTOR } from "../../app/modules/accounts/actor.server";
import { createAccount } from "../../app/modules/accounts/service.server";
import accounts from "./demo-accounts.json";

type DemoAccount = { role: "ADMIN" | "EDITOR"; email: string; name: string; password: string; province: string | null };

// The list is JSON so that `npm run demo` (plain Node) can print it too.
export const DEMO_ACCOUNTS = accounts as DemoAccount[];

/** Creates the demo accounts that do not exist yet; returns all of them. */
export async function seedDemoAccounts(db: Database) {
  for (const account of DEMO_ACCOUNTS) {
    if (await db.user.findUnique({ where: { email: account.email }, select: { id: true } })) continue;
    const province = account.province ? await db.province.findUnique({ where: { slug: account.province }, select: { id: true } }) : null;
    await createAccount(db, SYSTEM_ACTOR, {
      email: account.email,
      name: account.name,
      role: account.role,
      provinceId: province?.id,
      password: account.password,
    });
  }
  return DEMO_ACCOUNTS;
}
