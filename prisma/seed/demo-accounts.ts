/**
 * Demo sign-ins for `npm run demo` and the browser tests: an admin, a national
 * editor, an editor scoped to Phú Thọ, and a producer account (the portal) of
 * the first approved demo producer with a published product. Only the demo and test commands ask
 * for them (`--demo-accounts`); a production database never gets them.
 */
import type { Database } from "../../app/db.server";
import { SYSTEM_ACTOR } from "../../app/modules/accounts/actor.server";
import { createAccount } from "../../app/modules/accounts/service.server";
import accounts from "./demo-accounts.json";

type DemoAccount = {
  role: "ADMIN" | "EDITOR" | "PRODUCER";
  email: string;
  name: string;
  password: string;
  province: string | null;
  producer?: "first-approved-in-hoa-binh";
};

/** The demo producer account's producer (its tax code): the first approved one (by id) with a published product. */
async function demoProducerTaxCode(db: Database): Promise<string | undefined> {
  const producer = await db.producer.findFirst({
    where: { status: "APPROVED", isDemo: true, products: { some: { status: "PUBLISHED" } } },
    orderBy: { id: "asc" },
    select: { taxCode: true },
  });
  return producer?.taxCode;
}

// The list is JSON so that `npm run demo` (plain Node) can print it too.
export const DEMO_ACCOUNTS = accounts as DemoAccount[];

/**
 * Creates the demo accounts that do not exist yet; returns all of them. The
 * producer account waits until the catalogue has its producer (the seed calls
 * this again after loading it).
 */
export async function seedDemoAccounts(db: Database) {
  for (const account of DEMO_ACCOUNTS) {
    if (await db.user.findUnique({ where: { email: account.email }, select: { id: true } })) continue;
    const producerTaxCode = account.producer ? await demoProducerTaxCode(db) : undefined;
    if (account.producer && producerTaxCode === undefined) continue;
    const province = account.province ? await db.province.findUnique({ where: { slug: account.province }, select: { id: true } }) : null;
    await createAccount(db, SYSTEM_ACTOR, {
      email: account.email,
      name: account.name,
      role: account.role,
      provinceId: province?.id,
      producerTaxCode,
      password: account.password,
    });
  }
  return DEMO_ACCOUNTS;
}
