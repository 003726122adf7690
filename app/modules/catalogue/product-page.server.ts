import type { Database } from "../../db.server";
import { isSlug } from "../../lib/query-params.server";
import { certificationStatus, currentCertification } from "../certifications/rules.server";
import { certifiedProductWhere } from "./overview.server";

/** Everything a public product page shows; null when the product is not public. */
export async function getProductPage(db: Database, slug: string, today: Date) {
  if (!isSlug(slug)) return null;
  const product = await db.product.findFirst({
    where: { slug, status: "PUBLISHED", producer: { is: { status: "APPROVED" } } },
    select: {
      id: true,
      slug: true,
      nameVi: true,
      nameEn: true,
      descriptionVi: true,
      descriptionEn: true,
      packagingVi: true,
      packagingEn: true,
      unit: true,
      isDemo: true,
      productSet: { select: { id: true, nameVi: true, nameEn: true, group: { select: { code: true, nameVi: true, nameEn: true } } } },
      images: { select: { url: true, altVi: true, altEn: true, width: true, height: true }, orderBy: { position: "asc" } },
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
        select: {
          id: true,
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
  const history = product.certifications.map((cert) => ({ ...cert, status: certificationStatus(cert, today) }));
  const current = currentCertification(history, today);
  // With nothing in force, the page still shows the latest certificate and says it lapsed.
  const shown = current ?? history[0] ?? null;
  const related = await db.product.findMany({
    where: { ...certifiedProductWhere(today), productSetId: product.productSet.id, id: { not: product.id } },
    select: { slug: true, nameVi: true, nameEn: true, currentCertification: { select: { stars: true } } },
    orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
    take: 4,
  });
  return { product, history, current, shown, related };
}

export type ProductPage = NonNullable<Awaited<ReturnType<typeof getProductPage>>>;
