/**
 * The sign-up wizard's schemas, shared by the server (each step is checked
 * there, and the whole again on the final submit) and the browser (conform
 * checks as the user types). The organisation, address and description
 * fields come from the producer schema, so a registration obeys the same
 * rules as a producer staff type in. Messages are i18n keys.
 */
import { z } from "zod";
import { vietnamToday } from "../../lib/dates";
import { decimalInteger, isoDate, text } from "../../lib/fields";
import { newPassword, SignInSchema } from "../accounts/forms";
import { ProducerInputSchema } from "../producers/forms";

export const REGISTRATION_STEPS = ["organisation", "address", "about", "account"] as const;
export type RegistrationStep = (typeof REGISTRATION_STEPS)[number];

/** The honeypot's innocent name: people never see or fill it; form-filling bots do. */
export const HONEYPOT_FIELD = "faxNumber";

/** Step 1: who registers. A self-registration names its legal representative (staff may leave it empty). */
export const OrganisationStepSchema = ProducerInputSchema.pick({
  type: true,
  legalName: true,
  taxCode: true,
  registrationNumber: true,
  legalRepTitle: true,
}).extend({
  registrationDate: isoDate.refine((date) => date.getTime() <= vietnamToday().getTime(), "register.errors.dateInFuture").optional(),
  legalRepName: text(120).pipe(z.string().min(2, "forms.required")),
});

/** Step 2: the two-level address (province, commune, street or hamlet: no district) and contacts. */
export const AddressStepSchema = ProducerInputSchema.pick({
  provinceId: true,
  street: true,
  phone: true,
  zalo: true,
  email: true,
  website: true,
}).extend({
  communeId: decimalInteger("forms.required").pipe(z.number().positive("forms.required")),
});

/** A scan kept while the wizard goes on (see scan-drafts.server.ts); the file itself is checked on the server. */
export const SCAN_DRAFT_KEY_PATTERN = /^documents\/drafts\/[0-9a-f]{32}\.(?:pdf|jpg|png|webp)$/;

/** Step 3: the description (Vietnamese encouraged, English optional) and the optional registration scan. */
export const AboutStepSchema = ProducerInputSchema.pick({ descriptionVi: true, descriptionEn: true }).extend({
  scanKey: z.string().regex(SCAN_DRAFT_KEY_PATTERN, "register.errors.scanLost").optional(),
  scanName: z.string().max(200).optional(),
});

/** Step 4: the account. The email signs in and receives the confirmation link. */
const accountShape = {
  accountName: text(120).pipe(z.string().min(2, "forms.required")),
  accountEmail: SignInSchema.shape.email,
  password: newPassword,
  confirmPassword: z.string({ error: "forms.required" }),
};

const samePasswords = (input: { password: string; confirmPassword: string }) => input.password === input.confirmPassword;
const passwordsDiffer = { path: ["confirmPassword"], message: "forms.passwordsDiffer" };

export const AccountStepSchema = z.object(accountShape).refine(samePasswords, passwordsDiffer);

/** The final submit: every step again (earlier steps arrive as hidden fields), and the honeypot. */
export const RegistrationSchema = OrganisationStepSchema.extend(AddressStepSchema.shape)
  .extend(AboutStepSchema.shape)
  .extend(accountShape)
  .extend({ [HONEYPOT_FIELD]: z.string().optional() })
  .refine(samePasswords, passwordsDiffer);

export type RegistrationInput = z.output<typeof RegistrationSchema>;

export const STEP_SCHEMAS = {
  organisation: OrganisationStepSchema,
  address: AddressStepSchema,
  about: AboutStepSchema,
  account: AccountStepSchema,
} as const;

/** The fields each step shows; the others travel along as hidden fields. The passwords never do. */
export const STEP_FIELDS = {
  organisation: ["type", "legalName", "taxCode", "registrationNumber", "registrationDate", "legalRepName", "legalRepTitle"],
  address: ["provinceId", "communeId", "street", "phone", "zalo", "email", "website"],
  about: ["descriptionVi", "descriptionEn", "scanKey", "scanName"],
  account: ["accountName", "accountEmail", "password", "confirmPassword"],
} as const satisfies { [step in RegistrationStep]: ReadonlyArray<keyof RegistrationInput> };

export const SECRET_FIELDS = ["password", "confirmPassword"] as const;

/** The step that shows `field` (to send the user back to an error found on the final submit). */
export function stepOfField(field: string): RegistrationStep | undefined {
  return REGISTRATION_STEPS.find((step) => (STEP_FIELDS[step] as readonly string[]).includes(field));
}
