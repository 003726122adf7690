/**
 * Fixtures of e2e/admin-authorization.spec.ts, written to the browser tests'
 * database through the domain services, as a process of its own:
 *
 *   DATABASE_URL=… node node_modules/tsx/dist/cli.mjs e2e/support/admin-fixtures.ts create <tag>
 *   DATABASE_URL=… node node_modules/tsx/dist/cli.mjs e2e/support/admin-fixtures.ts remove '<the JSON create printed>'
 *
 * `create` makes a PRODUCER account, two EDITOR accounts for the sign-in
 * tests (one to be throttled, one to sign in and out), a producer with a
 * product and a certificate in Hà Nội (outside the demo's Phú Thọ; pending
 * and in draft, so nothing public changes), and a session for the producer
 * account and each demo staff account, written straight to the database.
 * It prints one JSON line (AdminFixtures). `remove` deletes all of it again
 * (the audit rows stay: the trail is append-only).
 */
import { createDatabase, type Database } from "../../app/db.server";
import { formatDate, vietnamToday } from "../../app/lib/dates";
import { SYSTEM_ACTOR } from "../../app/modules/accounts/actor.server";
import { createAccount } from "../../app/modules/accounts/service.server";
import { startSession } from "../../app/modules/accounts/sessions.server";
import { createCertification, deleteCertification } from "../../app/modules/certifications/service.server";
import { createProducer, deleteProducer } from "../../app/modules/producers/service.server";
import { createProduct, deleteProduct } from "../../app/modules/products/service.server";

export type FixtureAccount = { id: number; email: string; password: string };

export type AdminFixtures = {
  tag: string;
  accounts: { producer: FixtureAccount; throttled: FixtureAccount; session: FixtureAccount };
  /** `__session=…` for a Cookie header, one per role. */
  cookies: { producer: string; admin: string; editor: string; provinceEditor: string };
  /** Records in Hà Nội, outside the province editor's Phú Thọ. */
  far: { producerId: number; productId: number; certificationId: number };
};

const PASSWORD = "mật khẩu kiểm thử e2e";

/** The sessions this run writes are told apart by their user agent. */
const userAgentOf = (tag: string) => `e2e fixtures ${tag}`;

/** Demo sign-ins (prisma/seed/demo-accounts.json) that get a session. */
const DEMO_EMAILS = { admin: "admin@ocop.example", editor: "editor@ocop.example", provinceEditor: "phutho.editor@ocop.example" } as const;

async function create(db: Database, tag: string): Promise<AdminFixtures> {
  const meta = { ip: "127.0.0.1", userAgent: userAgentOf(tag), requestId: null };
  const account = async (kind: string, role: "PRODUCER" | "EDITOR"): Promise<FixtureAccount> => {
    const email = `${kind}.${tag}@e2e.example`;
    const user = await createAccount(db, SYSTEM_ACTOR, { email, name: `Kiểm thử ${kind}`, role, password: PASSWORD });
    return { id: user.id, email, password: PASSWORD };
  };
  const accounts = {
    producer: await account("producer", "PRODUCER"),
    throttled: await account("throttled", "EDITOR"),
    session: await account("session", "EDITOR"),
  };

  const cookieFor = async (userId: number) => (await startSession(db, userId, meta)).split(";")[0]!;
  const demoId = async (email: string) => (await db.user.findUniqueOrThrow({ where: { email }, select: { id: true } })).id;
  const cookies = {
    producer: await cookieFor(accounts.producer.id),
    admin: await cookieFor(await demoId(DEMO_EMAILS.admin)),
    editor: await cookieFor(await demoId(DEMO_EMAILS.editor)),
    provinceEditor: await cookieFor(await demoId(DEMO_EMAILS.provinceEditor)),
  };

  const haNoi = await db.province.findUniqueOrThrow({ where: { slug: "ha-noi" }, select: { id: true } });
  const taxCode = `01${String(Date.now()).slice(-8)}`;
  const producer = await createProducer(db, SYSTEM_ACTOR, {
    type: "COOPERATIVE",
    legalName: `Hợp tác xã Sữa Ba Vì (kiểm thử ${tag})`,
    taxCode,
    provinceId: haNoi.id,
  });
  const product = await createProduct(db, SYSTEM_ACTOR, { nameVi: `Sữa chua Ba Vì (kiểm thử ${tag})`, productSetId: 1, producerId: producer.id, status: "DRAFT" });
  const today = vietnamToday();
  const certification = await createCertification(
    db,
    SYSTEM_ACTOR,
    {
      productId: product.id,
      stars: 4,
      decisionNumber: `E2E-${tag}/QĐ-UBND`,
      signedOn: formatDate(new Date(today.getTime() - 30 * 24 * 60 * 60 * 1000)),
      issuerLevel: "PROVINCE",
      issuerName: "UBND thành phố Hà Nội",
    },
    today,
  );
  return { tag, accounts, cookies, far: { producerId: producer.id, productId: product.id, certificationId: certification.id } };
}

async function remove(db: Database, fixtures: AdminFixtures): Promise<void> {
  const today = vietnamToday();
  await db.session.deleteMany({ where: { userAgent: userAgentOf(fixtures.tag) } });
  const accounts = Object.values(fixtures.accounts);
  await db.signInAttempt.deleteMany({ where: { email: { in: [...accounts.map((a) => a.email), `nobody.${fixtures.tag}@e2e.example`] } } });
  // Passwords and sessions go with the user (ON DELETE CASCADE).
  await db.user.deleteMany({ where: { id: { in: accounts.map((a) => a.id) } } });
  const { far } = fixtures;
  if (await db.certification.findUnique({ where: { id: far.certificationId }, select: { id: true } })) {
    await deleteCertification(db, SYSTEM_ACTOR, far.certificationId, today);
  }
  if (await db.product.findUnique({ where: { id: far.productId }, select: { id: true } })) await deleteProduct(db, SYSTEM_ACTOR, far.productId);
  if (await db.producer.findUnique({ where: { id: far.producerId }, select: { id: true } })) await deleteProducer(db, SYSTEM_ACTOR, far.producerId);
}

async function main(): Promise<number> {
  const [command, argument] = process.argv.slice(2);
  const url = process.env.DATABASE_URL;
  if (!url || !argument || (command !== "create" && command !== "remove")) {
    console.error("Usage: DATABASE_URL=… admin-fixtures.ts create <tag> | remove '<json>'");
    return 2;
  }
  const db = createDatabase(url);
  try {
    // The server writes to the same file.
    await db.$queryRawUnsafe("PRAGMA busy_timeout = 5000");
    if (command === "create") console.log(JSON.stringify(await create(db, argument)));
    else await remove(db, JSON.parse(argument) as AdminFixtures);
    return 0;
  } finally {
    await db.$disconnect();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  },
);
