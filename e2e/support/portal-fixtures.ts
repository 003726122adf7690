/**
 * Fixtures of e2e/portal-ownership.spec.ts, written to the browser tests'
 * database through the domain services, as a process of its own:
 *
 *   DATABASE_URL=… MEDIA_DIR=… node node_modules/tsx/dist/cli.mjs e2e/support/portal-fixtures.ts create <tag>
 *   DATABASE_URL=… MEDIA_DIR=… node node_modules/tsx/dist/cli.mjs e2e/support/portal-fixtures.ts remove '<the JSON create printed>'
 *
 * `create` makes two producers in Hà Nội (A approved, with no product in
 * the public catalogue; B pending review), each with a producer account and a session written straight to
 * the database, a product waiting for review, a certificate it entered
 * (pending) with its scan, and an image on the product. It prints one JSON
 * line (PortalFixtures). `remove` deletes all of it again (the audit rows
 * stay: the trail is append-only).
 */
import type { Database } from "../../app/db.server";
import { runFixtureCommand } from "./fixture-cli";
import { formatDate, vietnamToday } from "../../app/lib/dates";
import { SYSTEM_ACTOR, type Actor } from "../../app/modules/accounts/actor.server";
import { createAccount } from "../../app/modules/accounts/service.server";
import { startSession } from "../../app/modules/accounts/sessions.server";
import { createCertification, deleteCertification } from "../../app/modules/certifications/service.server";
import { checkDocument } from "../../app/modules/documents/files.server";
import { recordDocument, withStoredDocuments } from "../../app/modules/documents/service.server";
import { addProductImage } from "../../app/modules/media/service.server";
import { createProducer, deleteProducer } from "../../app/modules/producers/service.server";
import { createProduct, deleteProduct } from "../../app/modules/products/service.server";

export type PortalSide = {
  producerId: number;
  producerName: string;
  productId: number;
  productName: string;
  certificationId: number;
  documentId: number;
  imageId: number;
  userId: number;
  email: string;
  /** `__session=…` for a Cookie header. */
  cookie: string;
};

export type PortalFixtures = { tag: string; a: PortalSide; b: PortalSide };

const PASSWORD = "mật khẩu kiểm thử cổng e2e";
const userAgentOf = (tag: string) => `e2e portal fixtures ${tag}`;

// A 1×1 PNG: the image pipeline accepts it (it never upscales).
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");

async function side(db: Database, tag: string, letter: "a" | "b", provinceId: number, status: "PENDING" | "APPROVED"): Promise<PortalSide> {
  const producerName = `Hợp tác xã Cổng ${letter.toUpperCase()} (kiểm thử ${tag})`;
  const producer = await createProducer(db, SYSTEM_ACTOR, {
    type: "COOPERATIVE",
    legalName: producerName,
    taxCode: `0${letter === "a" ? 2 : 3}${String(Date.now()).slice(-8)}`,
    provinceId,
  }, { status });
  const email = `portal-${letter}.${tag}@e2e.example`;
  const user = await createAccount(db, SYSTEM_ACTOR, { email, name: `Kiểm thử cổng ${letter.toUpperCase()}`, role: "PRODUCER", password: PASSWORD });
  await db.user.update({ where: { id: user.id }, data: { producerId: producer.id, emailConfirmedAt: new Date() } });
  const actor: Actor = { userId: user.id, email, role: "PRODUCER", provinceId: null, producerId: producer.id, ip: "127.0.0.1", requestId: null };

  const productName = `Mật ong cổng ${letter.toUpperCase()} (kiểm thử ${tag})`;
  const product = await createProduct(db, SYSTEM_ACTOR, { nameVi: productName, productSetId: 4, producerId: producer.id, status: "PENDING_REVIEW" });
  const image = await addProductImage(db, actor, product.id, { bytes: new Uint8Array(PNG), name: "mat-ong.png", type: "image/png" }, { altVi: "Hũ mật ong" });
  const today = vietnamToday();
  const scan = checkDocument({ bytes: new Uint8Array(Buffer.from("%PDF-1.4\n%%EOF\n")), name: `quyet-dinh-${letter}.pdf` });
  let documentId = 0;
  const certification = await withStoredDocuments([scan], ([stored]) =>
    createCertification(
      db,
      actor,
      {
        productId: product.id,
        stars: 4,
        decisionNumber: `E2E-CONG-${letter}-${tag}/QĐ-UBND`,
        signedOn: formatDate(new Date(today.getTime() - 60 * 24 * 60 * 60 * 1000)),
        issuerLevel: "PROVINCE",
        issuerName: "UBND thành phố Hà Nội",
      },
      today,
      {
        alongside: async (tx, cert) => {
          documentId = (await recordDocument(tx, actor, stored!, { producerId: producer.id, provinceId, kind: "certificate", certificationId: cert.id, label: productName })).id;
        },
      },
    ),
  );
  const cookie = (await startSession(db, user.id, { ip: "127.0.0.1", userAgent: userAgentOf(tag), requestId: null })).split(";")[0]!;
  return {
    producerId: producer.id,
    producerName,
    productId: product.id,
    productName,
    certificationId: certification.id,
    documentId,
    imageId: image.id,
    userId: user.id,
    email,
    cookie,
  };
}

async function create(db: Database, tag: string): Promise<PortalFixtures> {
  const haNoi = await db.province.findUniqueOrThrow({ where: { slug: "ha-noi" }, select: { id: true } });
  // A proposes products in the browser test, so staff have approved it; B waits for review.
  return { tag, a: await side(db, tag, "a", haNoi.id, "APPROVED"), b: await side(db, tag, "b", haNoi.id, "PENDING") };
}

async function remove(db: Database, fixtures: PortalFixtures): Promise<void> {
  const today = vietnamToday();
  await db.session.deleteMany({ where: { userAgent: userAgentOf(fixtures.tag) } });
  for (const one of [fixtures.a, fixtures.b]) {
    await db.user.deleteMany({ where: { id: one.userId } });
    // Whatever the test left: every product and certificate of the fixture producer.
    const products = await db.product.findMany({ where: { producerId: one.producerId }, select: { id: true, certifications: { select: { id: true } } } });
    for (const product of products) {
      for (const cert of product.certifications) await deleteCertification(db, SYSTEM_ACTOR, cert.id, today);
      await deleteProduct(db, SYSTEM_ACTOR, product.id);
    }
    // Documents go with the producer (their files stay in the e2e run's folder, emptied per run).
    await db.document.deleteMany({ where: { producerId: one.producerId } });
    if (await db.producer.findUnique({ where: { id: one.producerId }, select: { id: true } })) await deleteProducer(db, SYSTEM_ACTOR, one.producerId);
  }
}

runFixtureCommand<PortalFixtures>("portal-fixtures.ts", { create, remove });
