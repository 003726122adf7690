/**
 * The sign-in and account forms' schemas, shared by the server (which
 * decides) and the browser (which checks as the user types, through conform).
 * Messages are i18n keys under "forms.".
 */
import { z } from "zod";
import { decimalInteger } from "../../lib/fields";

export const PASSWORD_MIN_LENGTH = 10;

const email = z
  .string({ error: "forms.required" })
  .trim()
  .toLowerCase()
  .max(200, "forms.tooLong")
  .pipe(z.email("forms.emailFormat"));

export const SignInSchema = z.object({
  email,
  password: z.string({ error: "forms.required" }).min(1, "forms.required").max(200, "forms.tooLong"),
  redirectTo: z.string().max(500).optional(),
});

const newPassword = z
  .string({ error: "forms.required" })
  .min(PASSWORD_MIN_LENGTH, "forms.passwordTooShort")
  .max(200, "forms.tooLong");

export const ChangePasswordSchema = z
  .object({
    currentPassword: z.string({ error: "forms.required" }).min(1, "forms.required"),
    newPassword,
    confirmPassword: z.string({ error: "forms.required" }),
  })
  .refine((input) => input.newPassword === input.confirmPassword, { path: ["confirmPassword"], message: "forms.passwordsDiffer" });

export const ROLES = ["ADMIN", "EDITOR", "PRODUCER"] as const;

export const AccountSchema = z.object({
  email,
  name: z.string({ error: "forms.required" }).trim().min(2, "forms.required").max(120, "forms.tooLong"),
  role: z.enum(ROLES, "forms.required"),
  // Empty: every province (an admin, or a national editor).
  provinceId: z.preprocess((value) => (value === "" ? undefined : value), decimalInteger().pipe(z.number().positive()).optional()),
  password: newPassword.optional(),
  // A producer account's producer (the portal), named by its tax code; ignored for staff.
  producerTaxCode: z.preprocess(
    (value) => (typeof value === "string" ? value.replace(/\s+/g, "") || undefined : value),
    z.string().max(20, "forms.taxCodeFormat").regex(/^\d{10}(-\d{3})?$/, "forms.taxCodeFormat").optional(),
  ),
});

export { newPassword };

/** Asking for a new confirmation link, or a password reset link: an address only. */
export const EmailOnlySchema = SignInSchema.pick({ email: true });

/** A new password, with the reset link's token. */
export const ResetPasswordSchema = z
  .object({
    token: z.string({ error: "forms.required" }).max(100),
    password: newPassword,
    confirmPassword: z.string({ error: "forms.required" }),
  })
  .refine((input) => input.password === input.confirmPassword, { path: ["confirmPassword"], message: "forms.passwordsDiffer" });
