import { imageSelect } from "~/modules/media/image-sources";
import type { Database } from "../../db.server";
import { isSlug } from "../../lib/query-params.server";
import { certificationHistory, certifiedProductWhere, isInForceStatus, publicProductWhere, verifiedCertificationWhere } from "./visibility.server";

/** Everything a public product page shows; null when the product is not public. */
export async function getProductPage(db: Database, slug: string, today: Date) {
  if (!isSlug(slug)) return null;
  const product = await db.product.findFirst({
    where: { slug, ...publicProductWhere },
    select: {
      id: true,
      slug: true,
      nameVi: true,
      nameEn: true,
      standingCertificationId: true,
      descriptionVi: true,
      descriptionEn: true,
      packagingVi: true,
      packagingEn: true,
      unit: true,
      isDemo: true,
      productSet: { select: { id: true, nameVi: true, nameEn: true, group: { select: { code: true, nameVi: true, nameEn: true } } } },
      images: { select: imageSelect, orderBy: { position: "asc" } },
      producer: {
        select: {
          slug: true,
          legalName: true,
          type: true,
          phone: true,
          zalo: true,
          email: true,
          website: true,
          street: true,
          formerDistrict: true,
          formerProvince: true,
          commune: { select: { nameVi: true, kind: true } },
          province: { select: { nameVi: true, nameEn: true } },
        },
      },
      certifications: {
        where: verifiedCertificationWhere,
        select: {
          id: true,
          reviewStatus: true,
          verificationCode: true,
          stars: true,
          score: true,
          evaluationKind: true,
          decisionNumber: true,
          batch: true,
          signedOn: true,
          issuerLevel: true,
          issuerName: true,
          validUntil: true,
          revokedOn: true,
          revocationReason: true,
        },
        orderBy: [{ signedOn: "desc" }, { id: "desc" }],
      },
    },
  });
  if (!product) return null;
  const history = certificationHistory(product.certifications, today).map(({ supersededBy, ...cert }) => ({
    ...cert,
    supersededBy: supersededBy
      ? { decisionNumber: supersededBy.decisionNumber, verificationCode: supersededBy.verificationCode, signedOn: supersededBy.signedOn }
      : null,
  }));
  // The same certificate the lists show: the standing one, in force or not (its status says which).
  const standing = history.find((cert) => cert.id === product.standingCertificationId) ?? history[0]!;
  const inForce = isInForceStatus(standing.status);
  const related = await db.product.findMany({
    where: { ...certifiedProductWhere(today), productSetId: product.productSet.id, id: { not: product.id } },
    select: { slug: true, nameVi: true, nameEn: true, standingCertification: { select: { stars: true } } },
    orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
    take: 4,
  });
  return { product, history, standing, inForce, related };
}

export type ProductPage = NonNullable<Awaited<ReturnType<typeof getProductPage>>>;
