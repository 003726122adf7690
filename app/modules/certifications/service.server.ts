import { z } from "zod";
import { decimalInteger } from "../../lib/query-params.server";
import type { Database } from "../../db.server";
import { IssuerLevel, EvaluationKind } from "../../db.server";
import { refreshCatalogueEntries } from "../catalogue/entries.server";
import { writeCatalogue } from "../catalogue/changes.server";
import { DomainError, parseOrThrow } from "../../lib/errors.server";
import { normalizeText } from "../text/vietnamese.server";
import { refreshProductStanding } from "./standing.server";
import { parseDate } from "../../lib/dates";
import { defaultValidUntil, isCertifiedStars, isScoreConsistent, SCORE_BANDS } from "./rules.server";

/** Decision 1489/QĐ-TTg: from this day districts no longer issue certificates. */
const DISTRICTS_ABOLISHED = parseDate("2025-07-06");

const isoDate = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "errors.dateFormat")
  .refine((value) => {
    try {
      parseDate(value);
      return true;
    } catch {
      return false;
    }
  }, "errors.dateFormat")
  .transform(parseDate);

const optionalText = z
  .string()
  .transform(normalizeText)
  .optional()
  .transform((value) => value || null);

export const CertificationInputSchema = z
  .object({
    productId: decimalInteger().pipe(z.number().positive()),
    stars: decimalInteger("errors.starsOutOfRange").refine(isCertifiedStars, "errors.starsOutOfRange"),
    score: z
      .union([z.literal("").transform(() => null), decimalInteger("errors.scoreRange").pipe(z.number().min(0, "errors.scoreRange").max(100, "errors.scoreRange"))])
      .nullish()
      .transform((value) => value ?? null),
    decisionNumber: z.string().transform(normalizeText).pipe(z.string().min(3, "errors.required").max(60)),
    batch: optionalText,
    signedOn: isoDate,
    validUntil: z.union([z.literal("").transform(() => null), isoDate]).nullish(),
    issuerLevel: z.enum(IssuerLevel),
    issuerName: z.string().transform(normalizeText).pipe(z.string().min(3, "errors.required").max(200)),
    evaluationKind: z.enum(EvaluationKind).default("NEW"),
  })
  .superRefine((input, ctx) => {
    if (isCertifiedStars(input.stars) && !isScoreConsistent(input.stars, input.score)) {
      const band = SCORE_BANDS[input.stars];
      ctx.addIssue({ code: "custom", path: ["score"], message: "errors.scoreOutsideBand", params: band });
    }
    if (input.stars === 5 && input.issuerLevel !== "CENTRAL") {
      ctx.addIssue({ code: "custom", path: ["issuerLevel"], message: "errors.fiveStarsAreCentral" });
    }
    if (input.issuerLevel === "DISTRICT" && input.signedOn.getTime() >= DISTRICTS_ABOLISHED.getTime()) {
      ctx.addIssue({ code: "custom", path: ["issuerLevel"], message: "errors.noDistrictsAfterReform" });
    }
    if (input.validUntil && input.validUntil.getTime() <= input.signedOn.getTime()) {
      ctx.addIssue({ code: "custom", path: ["validUntil"], message: "errors.validUntilBeforeSigned" });
    }
  });

export type CertificationInput = z.input<typeof CertificationInputSchema>;

/** Verification codes: no 0/O/1/I so they survive being read aloud or retyped. */
const CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

export function newVerificationCode(length = 10): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  return Array.from(bytes, (byte) => CODE_ALPHABET[byte % CODE_ALPHABET.length]).join("");
}

export async function createCertification(db: Database, rawInput: unknown, today: Date, isDemo = false) {
  const input = parseOrThrow(CertificationInputSchema, rawInput);
  if (input.signedOn.getTime() > today.getTime()) {
    throw new DomainError("Signing date is in the future", 400, { signedOn: ["errors.signedInFuture"] });
  }
  return writeCatalogue(db, async (tx) => {
    const product = await tx.product.findUnique({ where: { id: input.productId }, select: { id: true } });
    if (!product) throw new DomainError("Product not found", 404, { productId: ["errors.productNotFound"] });
    const certification = await tx.certification.create({
      data: {
        productId: input.productId,
        stars: input.stars,
        score: input.score,
        decisionNumber: input.decisionNumber,
        batch: input.batch,
        signedOn: input.signedOn,
        validUntil: input.validUntil ?? defaultValidUntil(input.signedOn),
        issuerLevel: input.issuerLevel,
        issuerName: input.issuerName,
        evaluationKind: input.evaluationKind,
        verificationCode: newVerificationCode(),
        isDemo,
      },
    });
    await refreshProductStanding(tx, input.productId, today);
    await refreshCatalogueEntries(tx, { productIds: [input.productId] });
    return certification;
  });
}

export const RevocationInputSchema = z.object({
  revokedOn: isoDate,
  reason: z.string().transform(normalizeText).pipe(z.string().min(3, "errors.required").max(500)),
  decision: optionalText,
});

export async function revokeCertification(db: Database, certificationId: number, rawInput: unknown, today: Date) {
  const input = parseOrThrow(RevocationInputSchema, rawInput);
  if (input.revokedOn.getTime() > today.getTime()) {
    throw new DomainError("Revocation date is in the future", 400, { revokedOn: ["errors.revokedInFuture"] });
  }
  return writeCatalogue(db, async (tx) => {
    const existing = await tx.certification.findUnique({ where: { id: certificationId } });
    if (!existing) throw new DomainError("Certification not found", 404);
    if (existing.revokedOn) throw new DomainError("Already revoked", 409, { revokedOn: ["errors.alreadyRevoked"] });
    if (input.revokedOn.getTime() < existing.signedOn.getTime()) {
      throw new DomainError("Revoked before it was signed", 400, { revokedOn: ["errors.revokedBeforeSigned"] });
    }
    const certification = await tx.certification.update({
      where: { id: certificationId },
      data: { revokedOn: input.revokedOn, revocationReason: input.reason, revocationDecision: input.decision },
    });
    await refreshProductStanding(tx, existing.productId, today);
    await refreshCatalogueEntries(tx, { productIds: [existing.productId] });
    return certification;
  });
}
