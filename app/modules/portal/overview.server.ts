/**
 * What the portal shows a producer about its own records: its review
 * status and staff's messages, its products with their status, certificates
 * and what each still lacks, open revisions; one product's page; and the
 * producer's answers to staff. Everything is read within the actor's scope.
 */
import type { Database } from "../../db.server";
import { DomainError, parseOrThrow } from "../../lib/errors.server";
import { certificationScope, producerScope, productScope, type Actor } from "../accounts/actor.server";
import { certificationHistory, isPublicProduct } from "../catalogue/visibility.server";
import { conversation, recordProducerEvent, type ReviewItem } from "../conversations/conversation.server";
import { OPEN_REVISION_STATUSES } from "../reviews/revision-fields";
import { listingSelect, missingForListing } from "./completeness.server";
import { CommentSchema } from "./forms";
import { EDITABLE_PROPOSAL_STATUSES, WITHDRAWABLE_PROPOSAL_STATUSES } from "./proposals.server";
import { PRODUCER_EDITABLE_CERTIFICATE_STATUSES } from "./certifications.server";
import { openRevision } from "./revisions.server";
import { ownProducerId } from "./scope.server";

const certificateListSelect = {
  id: true,
  decisionNumber: true,
  stars: true,
  reviewStatus: true,
  signedOn: true,
  validUntil: true,
  revokedOn: true,
} as const;

/** The newest message from staff about each item of the producer, keyed "item:id". */
async function latestStaffMessages(db: Database, producerId: number) {
  const messages = await db.reviewMessage.findMany({
    where: { producerId, fromStaff: true },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { entityType: true, entityId: true, event: true, body: true, createdAt: true },
    take: 500,
  });
  const latest = new Map<string, { event: string; body: string | null; createdAt: Date }>();
  for (const message of messages) {
    const key = `${message.entityType}:${message.entityId}`;
    if (!latest.has(key)) latest.set(key, { event: message.event, body: message.body, createdAt: message.createdAt });
  }
  return latest;
}

/** The producer's products (all but archived ones), newest change first, each with its certificates, what it lacks and staff's last word. */
export async function portalProducts(db: Database, actor: Actor, today: Date) {
  const producerId = ownProducerId(actor);
  const [products, latest] = await Promise.all([
    db.product.findMany({
      where: { producerId, status: { not: "ARCHIVED" }, ...productScope(actor) },
      orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
      select: {
        id: true,
        nameVi: true,
        status: true,
        statusReason: true,
        ...listingSelect,
        certifications: { select: certificateListSelect, orderBy: [{ signedOn: "desc" }, { id: "desc" }] },
      },
    }),
    latestStaffMessages(db, producerId),
  ]);
  return products.map((product) => ({
    id: product.id,
    nameVi: product.nameVi,
    status: product.status,
    statusReason: product.statusReason,
    missing: missingForListing(product, today),
    staffMessage: latest.get(`product:${product.id}`) ?? null,
    certifications: certificationHistory(product.certifications, today).map((cert) => ({
      id: cert.id,
      decisionNumber: cert.decisionNumber,
      stars: cert.stars,
      reviewStatus: cert.reviewStatus,
      status: cert.status,
      staffMessage: latest.get(`certification:${cert.id}`) ?? null,
    })),
  }));
}

export type PortalProductRow = Awaited<ReturnType<typeof portalProducts>>[number];

/** The overview: the producer's review status with staff's messages, its products, its open revisions. */
export async function portalOverview(db: Database, actor: Actor, today: Date) {
  const producerId = ownProducerId(actor);
  const producer = await db.producer.findFirst({
    where: { AND: [{ id: producerId }, producerScope(actor)] },
    select: { id: true, legalName: true, status: true, statusReason: true },
  });
  if (!producer) throw new DomainError("Producer not found", 404);
  const [products, messages, revisions] = await Promise.all([
    portalProducts(db, actor, today),
    conversation(db, producerId, "producer", producerId),
    db.revision.findMany({
      where: { producerId, status: { in: [...OPEN_REVISION_STATUSES] }, producer: { is: producerScope(actor) } },
      orderBy: { createdAt: "asc" },
      select: { id: true, entityType: true, status: true, productId: true, createdAt: true, product: { select: { nameVi: true } } },
    }),
  ]);
  return { producer, products, messages, revisions };
}

/** One of the producer's products as its portal page shows it; null when it is not the producer's. */
export async function portalProduct(db: Database, actor: Actor, productId: number, today: Date) {
  const producerId = ownProducerId(actor);
  const product = await db.product.findFirst({
    where: { id: productId, producerId, ...productScope(actor) },
    select: {
      id: true,
      slug: true,
      version: true,
      status: true,
      statusReason: true,
      nameVi: true,
      descriptionVi: true,
      productSetId: true,
      packagingVi: true,
      packagingEn: true,
      unit: true,
      standingCertificationId: true,
      producer: { select: { status: true } },
      ...listingSelect,
      certifications: { select: certificateListSelect, orderBy: [{ signedOn: "desc" }, { id: "desc" }] },
    },
  });
  if (!product) return null;
  const [messages, revision, latest] = await Promise.all([
    conversation(db, producerId, "product", productId),
    openRevision(db, actor, { entityType: "product", producerId, productId }),
    latestStaffMessages(db, producerId),
  ]);
  const status = product.status as string;
  return {
    ...product,
    isPublic: isPublicProduct(product),
    missing: missingForListing(product, today),
    editable: (EDITABLE_PROPOSAL_STATUSES as readonly string[]).includes(status) || status === "PUBLISHED",
    withdrawable: (WITHDRAWABLE_PROPOSAL_STATUSES as readonly string[]).includes(status),
    submittable: status === "DRAFT",
    certifications: certificationHistory(product.certifications, today).map((cert) => ({
      ...cert,
      supersededBy: null,
      editable: (PRODUCER_EDITABLE_CERTIFICATE_STATUSES as readonly string[]).includes(cert.reviewStatus),
      staffMessage: latest.get(`certification:${cert.id}`) ?? null,
    })),
    messages,
    revision,
  };
}

export type PortalProduct = NonNullable<Awaited<ReturnType<typeof portalProduct>>>;

/** Is `productId` one of the actor's own products? (Routes check before reading a form: another's is 404 whatever was posted.) */
export async function ownsProduct(db: Database, actor: Actor, productId: number): Promise<boolean> {
  return Boolean(await db.product.findFirst({ where: { id: productId, producerId: ownProducerId(actor), ...productScope(actor) }, select: { id: true } }));
}

/** Is `certificationId` a certificate of one of the actor's own products? */
export async function ownsCertification(db: Database, actor: Actor, certificationId: number): Promise<boolean> {
  return Boolean(
    await db.certification.findFirst({ where: { id: certificationId, product: { is: { producerId: ownProducerId(actor) } }, ...certificationScope(actor) }, select: { id: true } }),
  );
}

/** Is `itemId` one of the producer's own items of kind `item`? (Producer, product, certification or revision.) */
async function ownItemLabel(db: Database, actor: Actor, producerId: number, item: ReviewItem, itemId: number): Promise<string | null> {
  switch (item) {
    case "producer":
      // AND, not a spread: the scope's own `id` must not replace the one asked for.
      return (await db.producer.findFirst({ where: { AND: [{ id: itemId }, producerScope(actor)] }, select: { legalName: true } }))?.legalName ?? null;
    case "product":
      return (await db.product.findFirst({ where: { id: itemId, producerId, ...productScope(actor) }, select: { nameVi: true } }))?.nameVi ?? null;
    case "certification":
      return (
        await db.certification.findFirst({ where: { id: itemId, product: { is: { producerId } }, ...certificationScope(actor) }, select: { decisionNumber: true } })
      )?.decisionNumber ?? null;
    case "revision": {
      const revision = await db.revision.findFirst({
        where: { id: itemId, producerId, producer: { is: producerScope(actor) } },
        select: { product: { select: { nameVi: true } }, producer: { select: { legalName: true } } },
      });
      return revision ? (revision.product?.nameVi ?? revision.producer.legalName) : null;
    }
  }
}

/** The producer answers staff about one of its items (a message in that item's conversation). */
export async function answerStaff(db: Database, actor: Actor, item: ReviewItem, itemId: number, rawInput: unknown) {
  const { body } = parseOrThrow(CommentSchema, rawInput);
  const producerId = ownProducerId(actor);
  const label = await ownItemLabel(db, actor, producerId, item, itemId);
  if (label === null) throw new DomainError("Not found", 404, { form: ["portal.errors.itemNotFound"] });
  await recordProducerEvent(db, actor, "comment", { producerId, item, itemId, label, body });
}
