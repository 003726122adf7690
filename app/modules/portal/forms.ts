/**
 * The portal forms' schemas, shared by the server (the portal services parse
 * with them) and the browser (conform). They reuse the staff forms' field
 * rules through `.pick()`, so a phone number or a product name is checked the
 * same way wherever it is typed. Messages are i18n keys.
 */
import { z } from "zod";
import { optionalText, text, version } from "../../lib/fields";
import { CertificationEditSchema, CertificationInputSchema } from "../certifications/forms";
import { ProducerInputSchema } from "../producers/forms";
import { ProductInputSchema } from "../products/forms";

/** What a producer keeps current itself, live (its province is staff's to change). */
export const PROFILE_LIVE_FIELDS = [
  "phone",
  "zalo",
  "email",
  "website",
  "street",
  "communeId",
  "legalRepName",
  "legalRepTitle",
  "descriptionVi",
  "descriptionEn",
] as const;

/**
 * The profile form: the live fields and the legal identity (legal name, tax
 * code), which goes to staff review once the producer is approved.
 */
export const PortalProfileSchema = ProducerInputSchema.pick({
  phone: true,
  zalo: true,
  email: true,
  website: true,
  street: true,
  communeId: true,
  legalRepName: true,
  legalRepTitle: true,
  descriptionVi: true,
  descriptionEn: true,
  legalName: true,
  taxCode: true,
}).extend({ version });

export type PortalProfileInput = z.input<typeof PortalProfileSchema>;

/** A product proposal: what a producer may say about its product (never its producer or its status). */
export const ProposalSchema = ProductInputSchema.pick({
  nameVi: true,
  nameEn: true,
  descriptionVi: true,
  descriptionEn: true,
  productSetId: true,
  packagingVi: true,
  packagingEn: true,
  unit: true,
});

export type ProposalInput = z.input<typeof ProposalSchema>;

/** Editing a proposal (or proposing a change to a published product): from the version the form was filled from. */
export const ProposalEditSchema = ProposalSchema.extend({ version });

/** A certificate the product holds, as the producer enters it; the product comes from the page, never from the form. */
export const PortalCertificationSchema = CertificationInputSchema;
/** Entering one with its scan: the route reads the file; conform only checks that one was chosen. */
export const PortalCertificationUploadSchema = CertificationInputSchema.safeExtend({
  file: z.custom<Blob>((value) => typeof value === "object" && value !== null && "size" in value && (value as Blob).size > 0, {
    error: "forms.document_missing",
  }),
});
/** Correcting a certificate staff sent back (or one still waiting). */
export const PortalCertificationEditSchema = CertificationEditSchema;

/** The producer's answer to staff, sent with a resubmission (optional) or on its own (required). */
export const ResubmitSchema = z.object({ message: optionalText(2000) });
export const CommentSchema = z.object({ body: text(2000).pipe(z.string().min(1, "forms.required")) });

/** Withdrawing a certificate deletes it: a ticked confirmation first. */
export const WithdrawCertificationSchema = z.object({
  confirm: z.boolean({ error: "portal.errors.confirmRequired" }).refine(Boolean, "portal.errors.confirmRequired"),
});
