import { z } from "zod";
import type { Database } from "../../db.server";
import { certificationHistory, productListing, verifiedCertificationWhere } from "../catalogue/visibility.server";

/** Codes are printed in capitals without 0/O/1/I; accept what people retype (lower case, spaces, hyphens). */
const VerificationCodeSchema = z
  .string()
  .transform((raw) => raw.trim().toUpperCase().replace(/[\s-]/g, ""))
  .pipe(z.string().regex(/^[0-9A-Z]{6,16}$/));

export function normalizeVerificationCode(raw: string): string | null {
  const result = VerificationCodeSchema.safeParse(raw);
  return result.success ? result.data : null;
}

const decisionSelect = { id: true, verificationCode: true, decisionNumber: true, signedOn: true, validUntil: true, revokedOn: true, stars: true, reviewStatus: true } as const;

/**
 * What the QR code's page shows: one certificate and its status today; the
 * decision that replaced it, if any, and the product's standing certificate;
 * and whether the product is in the public catalogue (a suspended producer's
 * products are not: the page says so instead of linking to a 404).
 */
export async function verifyCertificate(db: Database, rawCode: string, today: Date) {
  const code = normalizeVerificationCode(rawCode);
  if (!code) return null;
  // A certificate a producer entered and staff have not verified does not verify.
  const cert = await db.certification.findFirst({
    where: { verificationCode: code, ...verifiedCertificationWhere },
    select: {
      id: true,
      verificationCode: true,
      stars: true,
      decisionNumber: true,
      signedOn: true,
      validUntil: true,
      revokedOn: true,
      revocationReason: true,
      issuerLevel: true,
      issuerName: true,
      product: {
        select: {
          slug: true,
          nameVi: true,
          nameEn: true,
          status: true,
          standingCertificationId: true,
          certifications: { where: verifiedCertificationWhere, select: decisionSelect },
          producer: { select: { legalName: true, slug: true, status: true, province: { select: { nameVi: true, nameEn: true } } } },
        },
      },
    },
  });
  if (!cert) return null;
  const { certifications, ...product } = cert.product;
  const history = certificationHistory(certifications, today);
  const entry = history.find((item) => item.id === cert.id)!;
  const standing = history.find((item) => item.id === product.standingCertificationId) ?? null;
  return {
    ...cert,
    product: { slug: product.slug, nameVi: product.nameVi, nameEn: product.nameEn, producer: { legalName: product.producer.legalName } },
    status: entry.status,
    supersededBy: entry.supersededBy,
    standing: standing && standing.id !== cert.id ? { verificationCode: standing.verificationCode, decisionNumber: standing.decisionNumber, status: standing.status } : null,
    listing: productListing(product),
  };
}

export type Verification = NonNullable<Awaited<ReturnType<typeof verifyCertificate>>>;
