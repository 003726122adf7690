/**
 * Fixtures of e2e/admin-authorization.spec.ts, written to the browser tests'
 * database through the domain services, as a process of its own:
 *
 *   DATABASE_URL=… MEDIA_DIR=… node node_modules/tsx/dist/cli.mjs e2e/support/admin-fixtures.ts create <tag>
 *   DATABASE_URL=… MEDIA_DIR=… node node_modules/tsx/dist/cli.mjs e2e/support/admin-fixtures.ts remove '<the JSON create printed>'
 *
 * `create` makes a PRODUCER account, two EDITOR accounts for the sign-in
 * tests (one to be throttled, one to sign in and out), a producer with a
 * product and a certificate in Hà Nội (outside the demo's Phú Thọ; pending
 * and in draft, so nothing public changes) with a revision of the product and
 * a document, the records the demo seed lacks in Phú Thọ (a revision of its
 * first product, a document of its first producer) and a mail in the outbox,
 * and a session for the producer account and each demo staff account, written
 * straight to the database. Documents' files go to MEDIA_DIR, the server's
 * media folder (else their download would answer 404). It prints one JSON
 * line (AdminFixtures). `remove` deletes all of it again, files included (the
 * audit rows stay: the trail is append-only).
 */
import type { Database } from "../../app/db.server";
import { runFixtureCommand } from "./fixture-cli";
import { formatDate, vietnamToday } from "../../app/lib/dates";
import { SYSTEM_ACTOR } from "../../app/modules/accounts/actor.server";
import { createAccount } from "../../app/modules/accounts/service.server";
import { startSession } from "../../app/modules/accounts/sessions.server";
import { createCertification, deleteCertification } from "../../app/modules/certifications/service.server";
import { checkDocument } from "../../app/modules/documents/files.server";
import { recordDocument, withStoredDocuments } from "../../app/modules/documents/service.server";
import { queueMail } from "../../app/modules/mail/outbox.server";
import { createFileStore, type MediaStore } from "../../app/modules/media/store.server";
import { createProducer, deleteProducer } from "../../app/modules/producers/service.server";
import { createProduct, deleteProduct } from "../../app/modules/products/service.server";

export type FixtureAccount = { id: number; email: string; password: string };

export type AdminFixtures = {
  tag: string;
  accounts: { producer: FixtureAccount; throttled: FixtureAccount; session: FixtureAccount };
  /** `__session=…` for a Cookie header, one per role. */
  cookies: { producer: string; admin: string; editor: string; provinceEditor: string };
  /** Records in Hà Nội, outside the province editor's Phú Thọ. */
  far: { producerId: number; productId: number; certificationId: number; revisionId: number; documentId: number };
  /** Records in Phú Thọ (on the demo's first producer and product) of kinds the demo seed has none of. */
  phuTho: { revisionId: number; documentId: number };
  /** A mail in the outbox (not of any province). */
  outboxId: number;
};

const PASSWORD = "mật khẩu kiểm thử e2e";

/** The sessions this run writes are told apart by their user agent. */
const userAgentOf = (tag: string) => `e2e fixtures ${tag}`;

/** Demo sign-ins (prisma/seed/demo-accounts.json) that get a session. */
const DEMO_EMAILS = { admin: "admin@ocop.example", editor: "editor@ocop.example", provinceEditor: "phutho.editor@ocop.example" } as const;

/** The e2e server's media folder: documents written elsewhere would not be found by it. */
function documentStore(): MediaStore {
  const folder = process.env.MEDIA_DIR;
  if (!folder) throw new Error("MEDIA_DIR must name the e2e server's media folder");
  return createFileStore(folder);
}

/** A product revision as the portal proposes one (no staff service writes them). */
async function proposeRevision(db: Database, productId: number, nameEn: string): Promise<number> {
  const product = await db.product.findUniqueOrThrow({ where: { id: productId }, select: { producerId: true, version: true } });
  const revision = await db.revision.create({
    data: { entityType: "product", producerId: product.producerId, productId, changes: JSON.stringify({ nameEn }), baseVersion: product.version, status: "PENDING" },
    select: { id: true },
  });
  return revision.id;
}

/** A producer's registration scan: a tiny PDF, stored and recorded like an upload. */
async function addDocument(db: Database, producerId: number, tag: string): Promise<number> {
  const producer = await db.producer.findUniqueOrThrow({ where: { id: producerId }, select: { legalName: true, provinceId: true } });
  const scan = checkDocument({ bytes: new Uint8Array(Buffer.from("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n")), name: `dang-ky-${tag}.pdf` });
  return withStoredDocuments(
    [scan],
    ([stored]) =>
      db.$transaction(async (tx) => {
        const row = await recordDocument(tx, SYSTEM_ACTOR, stored!, { producerId, provinceId: producer.provinceId, kind: "registration", label: producer.legalName });
        return row.id;
      }),
    documentStore(),
  );
}

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
  const far = {
    producerId: producer.id,
    productId: product.id,
    certificationId: certification.id,
    revisionId: await proposeRevision(db, product.id, `Ba Vi yoghurt (e2e ${tag})`),
    documentId: await addDocument(db, producer.id, `${tag}-ha-noi`),
  };

  // The same ids demoIds() in the spec picks: Phú Thọ's first producer and product.
  const inPhuTho = { province: { slug: "phu-tho" } };
  const phuThoProducer = await db.producer.findFirstOrThrow({ where: inPhuTho, orderBy: { id: "asc" }, select: { id: true } });
  const phuThoProduct = await db.product.findFirstOrThrow({ where: { producer: inPhuTho }, orderBy: { id: "asc" }, select: { id: true } });
  const phuTho = {
    revisionId: await proposeRevision(db, phuThoProduct.id, `A proposed English name (e2e ${tag})`),
    documentId: await addDocument(db, phuThoProducer.id, `${tag}-phu-tho`),
  };
  const outboxId = await queueMail(db, `outbox.${tag}@e2e.example`, "vi", {
    kind: "reset_password",
    name: "Kiểm thử hộp thư",
    url: `http://127.0.0.1/dat-lai-mat-khau?token=e2e-${tag}`,
    minutes: 60,
  });
  return { tag, accounts, cookies, far, phuTho, outboxId };
}

async function remove(db: Database, fixtures: AdminFixtures): Promise<void> {
  const today = vietnamToday();
  await db.session.deleteMany({ where: { userAgent: userAgentOf(fixtures.tag) } });
  const accounts = Object.values(fixtures.accounts);
  await db.signInAttempt.deleteMany({ where: { email: { in: [...accounts.map((a) => a.email), `nobody.${fixtures.tag}@e2e.example`] } } });
  // Passwords and sessions go with the user (ON DELETE CASCADE).
  await db.user.deleteMany({ where: { id: { in: accounts.map((a) => a.id) } } });
  const { far, phuTho } = fixtures;
  await db.outboxMessage.deleteMany({ where: { id: fixtures.outboxId } });
  await db.revision.deleteMany({ where: { id: { in: [far.revisionId, phuTho.revisionId] } } });
  const documentIds = [far.documentId, phuTho.documentId];
  const documents = await db.document.findMany({ where: { id: { in: documentIds } }, select: { storageKey: true } });
  await db.document.deleteMany({ where: { id: { in: documentIds } } });
  const store = documentStore();
  await Promise.all(documents.map((document) => store.remove(document.storageKey)));
  if (await db.certification.findUnique({ where: { id: far.certificationId }, select: { id: true } })) {
    await deleteCertification(db, SYSTEM_ACTOR, far.certificationId, today);
  }
  if (await db.product.findUnique({ where: { id: far.productId }, select: { id: true } })) await deleteProduct(db, SYSTEM_ACTOR, far.productId);
  if (await db.producer.findUnique({ where: { id: far.producerId }, select: { id: true } })) await deleteProducer(db, SYSTEM_ACTOR, far.producerId);
}

runFixtureCommand<AdminFixtures>("admin-fixtures.ts", { create, remove });
