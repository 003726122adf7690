/**
 * The one form pattern on the server: parse the submitted form with the same
 * zod schema the browser uses (conform), hand the raw values to a domain
 * service (which parses them again: it is the authority), and turn a refusal
 * into conform's reply with field errors in the user's language and every
 * typed value kept. A version conflict also carries what changed.
 */
import { parseWithZod } from "@conform-to/zod/v4";
import type { SubmissionResult } from "@conform-to/react";
import { data } from "@remix-run/node";
import type { $ZodType } from "zod/v4/core";
import { ConflictError, DomainError, type ConflictDetails } from "./errors.server";

export type FormReply = { result: SubmissionResult<string[]>; conflict?: ConflictDetails };

type Outcome<T> = { ok: true; value: T; payload: Record<string, unknown> } | { ok: false; reply: ReturnType<typeof data<FormReply>> };

export async function submitForm<T>(
  formData: FormData,
  schema: $ZodType,
  save: (payload: Record<string, unknown>) => Promise<T>,
  { hideFields = [] }: { hideFields?: string[] } = {},
): Promise<Outcome<T>> {
  const submission = parseWithZod(formData, { schema });
  if (submission.status !== "success") {
    return { ok: false, reply: data({ result: submission.reply({ hideFields }) }, { status: 400 }) };
  }
  // An empty field is a missing one, as conform reads it for the browser-side check
  // (an optional number left empty must not reach the service as "").
  const payload = withoutEmptyFields(submission.payload as Record<string, unknown>);
  try {
    return { ok: true, value: await save(payload), payload };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const { form = [], ...fieldErrors } = error.fieldErrors;
    const formErrors = form.length || Object.keys(fieldErrors).length ? form : [error.status === 403 ? "forms.forbidden" : error.message];
    const result = submission.reply({ formErrors, fieldErrors, hideFields });
    const conflict = error instanceof ConflictError ? error.details : undefined;
    return { ok: false, reply: data({ result, conflict }, { status: error.status }) };
  }
}

function withoutEmptyFields(payload: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(payload).filter(([, value]) => value !== "" && value !== undefined));
}
