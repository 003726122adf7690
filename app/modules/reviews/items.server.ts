/**
 * What a review page shows beside its decision: the item within the actor's
 * scope (anything else is not found), its documents, its conversation and,
 * per kind, what helps decide: a producer's registration and accounts, a
 * product's images, certificates and completeness, a certificate's scan and
 * the OCOP rules it should follow.
 */
import type { Database } from "../../db.server";
import { certificationScope, producerScope, productScope, type Actor } from "../accounts/actor.server";
import { isVerifiedCertification } from "../catalogue/visibility.server";
import { defaultValidUntil, expectedIssuerLevel, isCertifiedStars, isScoreConsistent } from "../certifications/rules";
import { producerDocuments } from "../documents/service.server";
import { imageSelect } from "../media/image-sources";
import { conversation } from "../conversations/conversation.server";
import { readyProducerWhere } from "./queue.server";

const documentSelect = { id: true, kind: true, fileName: true, contentType: true, bytes: true, createdAt: true } as const;

export async function producerForReview(db: Database, actor: Actor, producerId: number) {
  const producer = await db.producer.findFirst({
    where: { id: producerId, ...producerScope(actor) },
    select: {
      id: true,
      slug: true,
      version: true,
      status: true,
      statusReason: true,
      type: true,
      legalName: true,
      taxCode: true,
      registrationNumber: true,
      registrationDate: true,
      registrationOffice: true,
      legalRepName: true,
      legalRepTitle: true,
      phone: true,
      zalo: true,
      email: true,
      website: true,
      street: true,
      descriptionVi: true,
      descriptionEn: true,
      createdAt: true,
      commune: { select: { nameVi: true } },
      province: { select: { nameVi: true, nameEn: true } },
      // Staff may see the accounts' addresses (the public never does).
      users: { where: { role: "PRODUCER" }, select: { id: true, email: true, name: true, language: true, emailConfirmedAt: true, disabledAt: true }, orderBy: { id: "asc" } },
    },
  });
  if (!producer) return null;
  const [documents, messages, ready] = await Promise.all([
    producerDocuments(db, actor, producerId),
    conversation(db, producerId, "producer", producerId),
    db.producer.count({ where: { id: producerId, ...readyProducerWhere } }),
  ]);
  return { ...producer, documents, messages, waiting: producer.status === "PENDING", accountsConfirmed: ready > 0 || producer.status !== "PENDING" };
}

export type ProducerForReview = NonNullable<Awaited<ReturnType<typeof producerForReview>>>;

export async function productForReview(db: Database, actor: Actor, productId: number) {
  const product = await db.product.findFirst({
    where: { id: productId, ...productScope(actor) },
    select: {
      id: true,
      slug: true,
      version: true,
      status: true,
      statusReason: true,
      nameVi: true,
      nameEn: true,
      descriptionVi: true,
      descriptionEn: true,
      packagingVi: true,
      packagingEn: true,
      unit: true,
      createdAt: true,
      standingCertificationId: true,
      productSet: { select: { id: true, nameVi: true, nameEn: true } },
      producer: { select: { id: true, legalName: true, status: true, province: { select: { nameVi: true, nameEn: true } } } },
      images: { select: { ...imageSelect, id: true }, orderBy: [{ position: "asc" }, { id: "asc" }] },
      certifications: {
        select: { id: true, decisionNumber: true, stars: true, signedOn: true, validUntil: true, reviewStatus: true },
        orderBy: [{ signedOn: "desc" }, { id: "desc" }],
      },
    },
  });
  if (!product) return null;
  const messages = await conversation(db, product.producer.id, "product", productId);
  const certificate: "verified" | "pending" | "missing" = product.certifications.some(isVerifiedCertification)
    ? "verified"
    : product.certifications.some((cert) => cert.reviewStatus === "PENDING")
      ? "pending"
      : "missing";
  return {
    ...product,
    messages,
    waiting: product.status === "PENDING_REVIEW",
    /** What the listing will have: pictures, English text, a certificate (verified, or waiting for verification). */
    completeness: {
      images: product.images.length > 0,
      english: Boolean(product.nameEn?.trim() && product.descriptionEn?.trim()),
      certificate,
    },
  };
}

export type ProductForReview = NonNullable<Awaited<ReturnType<typeof productForReview>>>;

export async function certificationForReview(db: Database, actor: Actor, certificationId: number, today: Date) {
  const cert = await db.certification.findFirst({
    where: { id: certificationId, ...certificationScope(actor) },
    select: {
      id: true,
      version: true,
      reviewStatus: true,
      stars: true,
      score: true,
      evaluationKind: true,
      decisionNumber: true,
      batch: true,
      signedOn: true,
      validUntil: true,
      issuerLevel: true,
      issuerName: true,
      revokedOn: true,
      createdAt: true,
      product: { select: { id: true, nameVi: true, status: true, producer: { select: { id: true, legalName: true, status: true, province: { select: { nameVi: true, nameEn: true } } } } } },
      documents: { select: documentSelect, orderBy: [{ createdAt: "desc" }, { id: "desc" }] },
    },
  });
  if (!cert) return null;
  const messages = await conversation(db, cert.product.producer.id, "certification", certificationId);
  const stars = isCertifiedStars(cert.stars) ? cert.stars : null;
  const expectedLevel = stars ? expectedIssuerLevel(stars, cert.signedOn) : null;
  const usualValidUntil = defaultValidUntil(cert.signedOn);
  return {
    ...cert,
    messages,
    waiting: cert.reviewStatus === "PENDING",
    /** The OCOP rules (certifications/rules.ts) this entry should agree with. */
    rules: {
      starsCertified: stars !== null,
      scoreConsistent: stars ? isScoreConsistent(stars, cert.score) : false,
      expectedLevel,
      levelMatches: expectedLevel === cert.issuerLevel,
      usualValidUntil,
      validUntilUsual: usualValidUntil.getTime() === cert.validUntil.getTime(),
      signedByToday: cert.signedOn.getTime() <= today.getTime(),
    },
  };
}

export type CertificationForReview = NonNullable<Awaited<ReturnType<typeof certificationForReview>>>;
