import { z } from "zod";
import type { Database } from "../../db.server";
import { certificationStatus, currentCertification } from "./rules.server";

/** Codes are printed in capitals without 0/O/1/I; accept what people retype (lower case, spaces, hyphens). */
const VerificationCodeSchema = z
  .string()
  .transform((raw) => raw.trim().toUpperCase().replace(/[\s-]/g, ""))
  .pipe(z.string().regex(/^[0-9A-Z]{6,16}$/));

export function normalizeVerificationCode(raw: string): string | null {
  const result = VerificationCodeSchema.safeParse(raw);
  return result.success ? result.data : null;
}

/** What the QR code's page shows: one certificate, its status today, and whether a newer one exists. */
export async function verifyCertificate(db: Database, rawCode: string, today: Date) {
  const code = normalizeVerificationCode(rawCode);
  if (!code) return null;
  const cert = await db.certification.findUnique({
    where: { verificationCode: code },
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
          certifications: { select: { id: true, signedOn: true, validUntil: true, revokedOn: true } },
          producer: { select: { legalName: true, slug: true, province: { select: { nameVi: true, nameEn: true } } } },
        },
      },
    },
  });
  if (!cert) return null;
  const { certifications, ...product } = cert.product;
  const current = currentCertification(certifications, today);
  return {
    ...cert,
    product,
    status: certificationStatus(cert, today),
    hasNewer: Boolean(current && current.id !== cert.id),
    productIsPublic: product.status === "PUBLISHED",
  };
}
