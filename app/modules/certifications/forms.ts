/**
 * The certification forms' schemas (enter a certificate, revoke one), shared
 * by the server and the browser. Messages are i18n keys under "forms.".
 */
import { z } from "zod";
import { parseDate } from "../../lib/dates";
import { decimalInteger, isoDate, optionalText, text, version } from "../../lib/fields";
import { isCertifiedStars, isScoreConsistent, SCORE_BANDS } from "./rules";

export const ISSUER_LEVELS = ["DISTRICT", "PROVINCE", "CENTRAL"] as const;
export const EVALUATION_KINDS = ["NEW", "REEVALUATION", "UPGRADE"] as const;

/** Decision 1489/QĐ-TTg: from this day districts no longer issue certificates. */
const DISTRICTS_ABOLISHED = parseDate("2025-07-06");

const certificationFields = {
  productId: decimalInteger("forms.required").pipe(z.number().positive("forms.required")),
  stars: decimalInteger("forms.starsOutOfRange").refine(isCertifiedStars, "forms.starsOutOfRange"),
    score: z
      .union([z.literal("").transform(() => null), decimalInteger("forms.scoreRange").pipe(z.number().min(0, "forms.scoreRange").max(100, "forms.scoreRange"))])
      .nullish()
      .transform((value) => value ?? null),
    decisionNumber: text(60).pipe(z.string().min(3, "forms.required")),
    batch: optionalText(120),
    signedOn: isoDate,
    validUntil: z.union([z.literal("").transform(() => null), isoDate]).nullish(),
    issuerLevel: z.enum(ISSUER_LEVELS, "forms.required"),
    issuerName: text(200).pipe(z.string().min(3, "forms.required")),
    evaluationKind: z.enum(EVALUATION_KINDS).default("NEW"),
};

type CertificationFields = { stars: number; score: number | null; issuerLevel: string; signedOn: Date; validUntil?: Date | null };

/** The OCOP rules at entry (OCOP.md): the score within the stars' band, 5★ only central, no districts after the reform. */
function checkRules(input: CertificationFields, ctx: z.RefinementCtx) {
    if (isCertifiedStars(input.stars) && !isScoreConsistent(input.stars, input.score)) {
      const band = SCORE_BANDS[input.stars];
      ctx.addIssue({ code: "custom", path: ["score"], message: "forms.scoreOutsideBand", params: band });
    }
    if (input.stars === 5 && input.issuerLevel !== "CENTRAL") {
      ctx.addIssue({ code: "custom", path: ["issuerLevel"], message: "forms.fiveStarsAreCentral" });
    }
    if (input.issuerLevel === "DISTRICT" && input.signedOn.getTime() >= DISTRICTS_ABOLISHED.getTime()) {
      ctx.addIssue({ code: "custom", path: ["issuerLevel"], message: "forms.noDistrictsAfterReform" });
    }
    if (input.validUntil && input.validUntil.getTime() <= input.signedOn.getTime()) {
      ctx.addIssue({ code: "custom", path: ["validUntil"], message: "forms.validUntilBeforeSigned" });
    }
}

export const CertificationInputSchema = z.object(certificationFields).superRefine(checkRules);

export type CertificationInput = z.input<typeof CertificationInputSchema>;

/** Editing a certificate's details: the same fields, and the version the form was filled from. */
export const CertificationEditSchema = z.object({ ...certificationFields, version }).superRefine(checkRules);

export const RevocationInputSchema = z.object({
  revokedOn: isoDate,
  reason: text(500).pipe(z.string().min(3, "forms.required")),
  decision: optionalText(120),
});

