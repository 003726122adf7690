/**
 * Fixtures of e2e/admin-reviews.spec.ts, written to the browser tests'
 * database as the portal would leave them, as a process of its own:
 *
 *   DATABASE_URL=… node node_modules/tsx/dist/cli.mjs e2e/support/review-fixtures.ts create <tag>
 *   DATABASE_URL=… node node_modules/tsx/dist/cli.mjs e2e/support/review-fixtures.ts remove '<the JSON create printed>'
 *
 * `create` makes, in Hà Nội (outside the demo's Phú Thọ): an approved
 * producer with a confirmed producer account; a published, certified product
 * with a pending revision; a product proposal waiting for review with a
 * certificate waiting for verification; and a session for the demo admin. It
 * prints one JSON line (ReviewFixtures). `remove` deletes all of it again (the
 * audit rows stay: the trail is append-only).
 */
import type { Database } from "../../app/db.server";
import { runFixtureCommand } from "./fixture-cli";
import { addDays, formatDate, vietnamToday } from "../../app/lib/dates";
import { SYSTEM_ACTOR } from "../../app/modules/accounts/actor.server";
import { startSession } from "../../app/modules/accounts/sessions.server";
import { createCertification, deleteCertification, newVerificationCode } from "../../app/modules/certifications/service.server";
import { defaultValidUntil } from "../../app/modules/certifications/rules";
import { createProducer, deleteProducer } from "../../app/modules/producers/service.server";
import { createProduct, deleteProduct } from "../../app/modules/products/service.server";

export type ReviewFixtures = {
  tag: string;
  /** `__session=…` of the demo admin. */
  adminCookie: string;
  accountEmail: string;
  accountId: number;
  producerId: number;
  live: { productId: number; nameVi: string; revisionId: number };
  proposal: { productId: number; slug: string; nameVi: string; certificationId: number; decisionNumber: string };
};

const userAgentOf = (tag: string) => `e2e review fixtures ${tag}`;

async function create(db: Database, tag: string): Promise<ReviewFixtures> {
  const today = vietnamToday();
  const haNoi = await db.province.findUniqueOrThrow({ where: { slug: "ha-noi" }, select: { id: true } });
  const producer = await createProducer(
    db,
    SYSTEM_ACTOR,
    { type: "COOPERATIVE", legalName: `Hợp tác xã Mật ong Sóc Sơn (duyệt ${tag})`, taxCode: `01${String(Date.now()).slice(-8)}`, provinceId: haNoi.id },
    { status: "APPROVED" },
  );
  const accountEmail = `review.${tag}@e2e.example`;
  const account = await db.user.create({
    data: { email: accountEmail, name: `Chủ thể kiểm thử ${tag}`, role: "PRODUCER", producerId: producer.id, language: "vi", emailConfirmedAt: new Date() },
  });

  const liveName = `Mật ong hoa nhãn Sóc Sơn (duyệt ${tag})`;
  const live = await createProduct(db, SYSTEM_ACTOR, { nameVi: liveName, productSetId: 4, producerId: producer.id, packagingVi: "Chai 500 ml", status: "PUBLISHED" });
  await createCertification(
    db,
    SYSTEM_ACTOR,
    { productId: live.id, stars: 4, decisionNumber: `E2E-R1-${tag}/QĐ-UBND`, signedOn: formatDate(addDays(today, -60)), issuerLevel: "PROVINCE", issuerName: "UBND thành phố Hà Nội" },
    today,
  );
  const revision = await db.revision.create({
    data: {
      entityType: "product",
      producerId: producer.id,
      productId: live.id,
      changes: JSON.stringify({ nameEn: "Soc Son longan honey", packagingVi: "Chai 1 lít" }),
      baseVersion: live.version,
      createdById: account.id,
    },
  });
  await db.reviewMessage.create({ data: { producerId: producer.id, entityType: "revision", entityId: revision.id, authorId: account.id, fromStaff: false, event: "submitted" } });

  const proposalName = `Mật ong bạc hà (duyệt ${tag})`;
  const proposal = await createProduct(db, SYSTEM_ACTOR, { nameVi: proposalName, productSetId: 4, producerId: producer.id, status: "PENDING_REVIEW" });
  const decisionNumber = `E2E-R2-${tag}/QĐ-UBND`;
  const signedOn = addDays(today, -30);
  // A certificate the producer entered: it counts only once staff verify it.
  const certification = await db.certification.create({
    data: {
      productId: proposal.id,
      verificationCode: newVerificationCode(),
      stars: 4,
      score: 80,
      decisionNumber,
      signedOn,
      validUntil: defaultValidUntil(signedOn),
      issuerLevel: "PROVINCE",
      issuerName: "UBND thành phố Hà Nội",
      reviewStatus: "PENDING",
    },
  });
  await db.reviewMessage.create({ data: { producerId: producer.id, entityType: "product", entityId: proposal.id, authorId: account.id, fromStaff: false, event: "submitted" } });

  const admin = await db.user.findUniqueOrThrow({ where: { email: "admin@ocop.example" }, select: { id: true } });
  const adminCookie = (await startSession(db, admin.id, { ip: "127.0.0.1", userAgent: userAgentOf(tag), requestId: null })).split(";")[0]!;
  return {
    tag,
    adminCookie,
    accountEmail,
    accountId: account.id,
    producerId: producer.id,
    live: { productId: live.id, nameVi: liveName, revisionId: revision.id },
    proposal: { productId: proposal.id, slug: proposal.slug, nameVi: proposalName, certificationId: certification.id, decisionNumber },
  };
}

async function remove(db: Database, fixtures: ReviewFixtures): Promise<void> {
  const today = vietnamToday();
  await db.session.deleteMany({ where: { userAgent: userAgentOf(fixtures.tag) } });
  await db.outboxMessage.deleteMany({ where: { toAddress: fixtures.accountEmail } });
  await db.user.deleteMany({ where: { id: fixtures.accountId } });
  for (const productId of [fixtures.live.productId, fixtures.proposal.productId]) {
    const certificates = await db.certification.findMany({ where: { productId }, select: { id: true } });
    for (const certificate of certificates) await deleteCertification(db, SYSTEM_ACTOR, certificate.id, today);
    if (await db.product.findUnique({ where: { id: productId }, select: { id: true } })) await deleteProduct(db, SYSTEM_ACTOR, productId);
  }
  // Its revisions, conversation and documents go with it (ON DELETE CASCADE).
  if (await db.producer.findUnique({ where: { id: fixtures.producerId }, select: { id: true } })) await deleteProducer(db, SYSTEM_ACTOR, fixtures.producerId);
}

runFixtureCommand<ReviewFixtures>("review-fixtures.ts", { create, remove });
