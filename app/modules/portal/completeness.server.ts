/**
 * What a producer's product still lacks for a good listing, shown in the
 * portal with a link to fix each: pictures, the English name and
 * description, and a certificate that counts (verified and in force, or
 * waiting for staff). The staff dashboard measures its own, wider set of
 * checks over a whole province in SQL (dashboard/completeness.server.ts);
 * this is the producer's one rule, per product.
 */
import { certificationStatus, isInForceStatus, isVerifiedCertification } from "../catalogue/visibility.server";

export const LISTING_CHECKS = ["images", "nameEn", "descriptionEn", "certification"] as const;
export type ListingCheck = (typeof LISTING_CHECKS)[number];

/** What the rule reads of a product (select it with `listingSelect`). */
export type ListingFacts = {
  nameEn: string | null;
  descriptionEn: string | null;
  _count: { images: number };
  certifications: Array<{ reviewStatus: string; signedOn: Date; validUntil: Date; revokedOn: Date | null }>;
};

export const listingSelect = {
  nameEn: true,
  descriptionEn: true,
  _count: { select: { images: true } },
  certifications: { select: { id: true, reviewStatus: true, signedOn: true, validUntil: true, revokedOn: true } },
} as const;

const filled = (value: string | null) => Boolean(value && value.trim());

/** A certificate that makes the listing: verified and in force today, or entered and waiting for staff. */
function countsForListing(cert: ListingFacts["certifications"][number], today: Date): boolean {
  if (cert.reviewStatus === "PENDING") return true;
  return isVerifiedCertification(cert) && isInForceStatus(certificationStatus(cert, today));
}

/** The checks `product` fails, in LISTING_CHECKS order (empty: nothing missing). */
export function missingForListing(product: ListingFacts, today: Date): ListingCheck[] {
  const passes: Record<ListingCheck, boolean> = {
    images: product._count.images > 0,
    nameEn: filled(product.nameEn),
    descriptionEn: filled(product.descriptionEn),
    certification: product.certifications.some((cert) => countsForListing(cert, today)),
  };
  return LISTING_CHECKS.filter((check) => !passes[check]);
}
