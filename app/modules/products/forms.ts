/**
 * The product form's schema, shared by the server (the service parses with
 * it) and the browser (conform). Messages are i18n keys under "forms.".
 */
import { z } from "zod";
import { decimalInteger, optionalText, text, version } from "../../lib/fields";

export const PUBLICATION_STATUSES = ["DRAFT", "PENDING_REVIEW", "CHANGES_REQUESTED", "PUBLISHED", "REJECTED", "ARCHIVED"] as const;

export const ProductInputSchema = z.object({
  nameVi: text(200).pipe(z.string().min(2, "forms.required")),
  nameEn: optionalText(200),
  descriptionVi: text(10000).default(""),
  descriptionEn: optionalText(10000),
  productSetId: decimalInteger("forms.unknownProductSet").pipe(z.number().min(1, "forms.unknownProductSet").max(26, "forms.unknownProductSet")),
  producerId: decimalInteger("forms.required").pipe(z.number().positive("forms.required")),
  packagingVi: optionalText(200),
  packagingEn: optionalText(200),
  unit: optionalText(40),
  status: z.enum(PUBLICATION_STATUSES).default("DRAFT"),
});

export type ProductInput = z.input<typeof ProductInputSchema>;

/** Editing: the same fields, and the version the form was filled from. */
export const ProductEditSchema = ProductInputSchema.extend({ version });
