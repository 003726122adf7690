/**
 * The producer form's schema, shared by the server (the service parses with
 * it) and the browser (conform checks as the user types). Messages are i18n
 * keys under "forms.".
 */
import { z } from "zod";
import { decimalInteger, optionalText, text, version } from "../../lib/fields";

export const PRODUCER_TYPES = ["COOPERATIVE", "COOPERATIVE_GROUP", "ENTERPRISE", "HOUSEHOLD_BUSINESS"] as const;

/** Enterprise/tax code: 10 digits, or 13 as NNNNNNNNNN-NNN for a branch. */
export const TAX_CODE_PATTERN = /^\d{10}(-\d{3})?$/;

export const ProducerInputSchema = z
  .object({
    type: z.enum(PRODUCER_TYPES, "forms.required"),
    legalName: text(200).pipe(z.string().min(3, "forms.required")),
    taxCode: z
      .string({ error: "forms.required" })
      .transform((value) => value.replace(/\s+/g, ""))
      .pipe(z.string().regex(TAX_CODE_PATTERN, "forms.taxCodeFormat")),
    registrationNumber: optionalText(60),
    legalRepName: optionalText(120),
    legalRepTitle: optionalText(120),
    phone: optionalText(30).refine((value) => !value || /^\+?[\d\s.()-]{8,20}$/.test(value), "forms.phoneFormat"),
    zalo: optionalText(30).refine((value) => !value || /^\+?[\d\s.()-]{8,20}$/.test(value), "forms.phoneFormat"),
    email: optionalText(200).refine((value) => !value || z.email().safeParse(value).success, "forms.emailFormat"),
    website: optionalText(300).refine(
      (value) => !value || z.url({ protocol: /^https?$/ }).safeParse(value).success,
      "forms.urlFormat",
    ),
    street: optionalText(200),
    communeId: decimalInteger().pipe(z.number().positive()).optional(),
    provinceId: decimalInteger("forms.required").pipe(z.number().positive("forms.required")),
    formerDistrict: optionalText(120),
    formerProvince: optionalText(120),
    descriptionVi: text(5000).default(""),
    descriptionEn: optionalText(5000),
  });

export type ProducerInput = z.input<typeof ProducerInputSchema>;

/** Editing: the same fields, and the version the form was filled from. */
export const ProducerEditSchema = ProducerInputSchema.extend({ version });

export const PRODUCER_STATUSES = ["PENDING", "APPROVED", "CHANGES_REQUESTED", "REJECTED", "SUSPENDED", "ARCHIVED"] as const;

/**
 * Approve, reject, suspend, archive or restore. Rejecting and suspending say
 * why (the producer is told); the version, when sent, refuses a change made
 * from a stale page.
 */
export const ProducerStatusSchema = z
  .object({
    status: z.enum(PRODUCER_STATUSES, "forms.required"),
    reason: optionalText(500),
    version: version.optional(),
  })
  // Rejecting, asking for changes and suspending say why: the producer is told.
  .refine((input) => ["APPROVED", "PENDING", "ARCHIVED"].includes(input.status) || Boolean(input.reason), {
    path: ["reason"],
    message: "forms.reasonRequired",
  });

/** Statuses staff may give a producer they create: left for review, or approved at once. */
export const PRODUCER_CREATE_STATUSES = ["PENDING", "APPROVED"] as const;

/** Creating: the producer's fields and the status it starts in. */
export const ProducerCreateSchema = ProducerInputSchema.extend({
  status: z.enum(PRODUCER_CREATE_STATUSES).default("PENDING"),
});

/** The edit page's status buttons and the status each sets (restoring from the archive returns to review). */
export const PRODUCER_STATUS_ACTIONS = {
  approve: "APPROVED",
  request_changes: "CHANGES_REQUESTED",
  reject: "REJECTED",
  suspend: "SUSPENDED",
  archive: "ARCHIVED",
  restore: "PENDING",
} as const satisfies Record<string, (typeof PRODUCER_STATUSES)[number]>;

export type ProducerStatusAction = keyof typeof PRODUCER_STATUS_ACTIONS;
