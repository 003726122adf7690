/**
 * What the admin product pages read besides the list: one product within the
 * actor's scope (a record outside it is simply not found), its standing
 * certificate's status, and the product sets for the form's select.
 */
import type { Database } from "../../db.server";
import { productScope, type Actor } from "../accounts/actor.server";
import { certificationStatus, isPublicProduct } from "../catalogue/visibility.server";

const editSelect = {
  id: true,
  slug: true,
  version: true,
  status: true,
  updatedAt: true,
  nameVi: true,
  nameEn: true,
  descriptionVi: true,
  descriptionEn: true,
  productSetId: true,
  producerId: true,
  packagingVi: true,
  packagingEn: true,
  unit: true,
  standingCertificationId: true,
  producer: { select: { id: true, legalName: true, status: true } },
  standingCertification: { select: { stars: true, decisionNumber: true, signedOn: true, validUntil: true, revokedOn: true } },
  _count: { select: { certifications: true } },
} as const;

/**
 * The product as its edit page shows it (with whether the public sees it),
 * or null when it does not exist or is outside the actor's scope.
 */
export async function productForEdit(db: Database, actor: Actor, id: number, today: Date) {
  const product = await db.product.findFirst({ where: { id, ...productScope(actor) }, select: editSelect });
  if (!product) return null;
  const cert = product.standingCertification;
  // A standing certificate is never superseded: its dates decide its status.
  return {
    ...product,
    isPublic: isPublicProduct(product),
    standingCertification: cert ? { ...cert, status: certificationStatus(cert, today) } : null,
  };
}

export type ProductForEdit = NonNullable<Awaited<ReturnType<typeof productForEdit>>>;

/** The 26 product sets under their 6 groups, in official order. */
export function productSetOptions(db: Database) {
  return db.productGroup.findMany({
    select: { id: true, code: true, nameVi: true, nameEn: true, sets: { select: { id: true, nameVi: true, nameEn: true }, orderBy: { id: "asc" } } },
    orderBy: { id: "asc" },
  });
}

export type ProductGroupOption = Awaited<ReturnType<typeof productSetOptions>>[number];
