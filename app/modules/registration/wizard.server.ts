/**
 * The sign-up wizard's moves, without JavaScript: every post carries what
 * was typed so far (the current step's fields, and the earlier and later
 * steps' as hidden fields), says which step it came from and what the user
 * pressed. The answer is the step to show with every value to keep, and the
 * refusals to show there; or the end (the "check your mail" page). The
 * passwords are never carried: they exist only on the last step's post.
 */
import {
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";
import type { Database } from "../../db.server";
import { DomainError, invariantResponse } from "../../lib/errors.server";
import { MAX_DOCUMENT_BODY_BYTES } from "../../lib/request-guard.server";
import { DocumentRefused } from "../documents/files.server";
import { HONEYPOT_FIELD, REGISTRATION_STEPS, SECRET_FIELDS, STEP_FIELDS, stepOfField, type RegistrationStep } from "./forms";
import { keepScanDraft } from "./scan-drafts.server";
import { checkRegistrationStep, registerProducer, type RegistrationContext, type RegistrationOutcome } from "./service.server";

/** Every field the wizard carries from step to step (not the passwords). */
const CARRIED_FIELDS: ReadonlySet<string> = new Set(
  REGISTRATION_STEPS.flatMap((step) => STEP_FIELDS[step] as readonly string[]).filter((field) => !(SECRET_FIELDS as readonly string[]).includes(field)),
);

export type WizardValues = Record<string, string>;

export type WizardAnswer =
  | { done: false; step: RegistrationStep; values: WizardValues; fieldErrors: Record<string, string[]>; formErrors: string[]; status: number }
  | { done: true; outcome: RegistrationOutcome };

/** The wizard's form: multipart on the step with the scan, plain elsewhere. A body that is not a form is a 400. */
export async function readWizardForm(request: Request): Promise<FormData> {
  const multipart = (request.headers.get("Content-Type") ?? "").toLowerCase().startsWith("multipart/form-data");
  try {
    if (!multipart) return await request.formData();
    return await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_DOCUMENT_BODY_BYTES }));
  } catch (error) {
    // Only a body without a declared length gets this far with a part this large.
    invariantResponse(!(error instanceof MaxPartSizeExceededError), "File too large", 413);
    invariantResponse(false, "Malformed form body", 400);
  }
}

/** The carried values of a post: known fields only, non-empty text only. */
export function carriedValues(form: FormData): WizardValues {
  const values: WizardValues = {};
  for (const [name, value] of form.entries()) {
    if (CARRIED_FIELDS.has(name) && typeof value === "string" && value.trim() !== "") values[name] = value;
  }
  return values;
}

export function stepOf(value: FormDataEntryValue | null): RegistrationStep {
  return (REGISTRATION_STEPS as readonly unknown[]).includes(value) ? (value as RegistrationStep) : "organisation";
}

const offset = (step: RegistrationStep, by: number): RegistrationStep =>
  REGISTRATION_STEPS[Math.min(REGISTRATION_STEPS.length - 1, Math.max(0, REGISTRATION_STEPS.indexOf(step) + by))]!;

/** The page of `step`, keeping `values`. */
const show = (step: RegistrationStep, values: WizardValues, status = 200, fieldErrors: Record<string, string[]> = {}, formErrors: string[] = []): WizardAnswer => ({
  done: false,
  step,
  values,
  fieldErrors,
  formErrors,
  status,
});

/**
 * One post of the wizard. `intent` is "next", "back", "communes" (reload the
 * communes of the chosen province, without JavaScript), "goto:<step>" (an
 * earlier step, from the summary) or "submit" (the last step).
 */
export async function wizardPost(db: Database, form: FormData, context: RegistrationContext): Promise<WizardAnswer> {
  const step = stepOf(form.get("step"));
  const intent = String(form.get("intent") ?? "next");
  const values = carriedValues(form);

  if (step === "about") {
    // The scan is kept as soon as its step is posted, whatever was pressed (see scan-drafts.server.ts).
    if (form.get("removeScan") === "on") {
      delete values.scanKey;
      delete values.scanName;
    }
    const file = form.get("scan");
    if (typeof file === "object" && file !== null && file.size > 0) {
      try {
        const draft = await keepScanDraft({ bytes: new Uint8Array(await file.arrayBuffer()), name: file.name }, context.store);
        values.scanKey = draft.key;
        values.scanName = draft.name;
      } catch (error) {
        if (!(error instanceof DocumentRefused)) throw error;
        return show("about", values, 400, { scanKey: [`forms.document_${error.reason}`] });
      }
    }
  }

  if (intent === "back") return show(offset(step, -1), values);
  if (intent === "communes") return show("address", values);
  if (intent.startsWith("goto:")) {
    const target = stepOf(intent.slice("goto:".length));
    return show(REGISTRATION_STEPS.indexOf(target) < REGISTRATION_STEPS.indexOf(step) ? target : step, values);
  }
  if (intent !== "submit" || step !== "account") {
    try {
      await checkRegistrationStep(db, step, values);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const { form: formErrors = [], ...fieldErrors } = error.fieldErrors;
      return show(step, values, error.status, fieldErrors, formErrors);
    }
    return show(offset(step, 1), values);
  }

  const submitted = {
    ...values,
    ...Object.fromEntries(SECRET_FIELDS.map((field) => [field, String(form.get(field) ?? "")])),
    [HONEYPOT_FIELD]: String(form.get(HONEYPOT_FIELD) ?? ""),
  };
  try {
    return { done: true, outcome: await registerProducer(db, submitted, context) };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const { form: formErrors = [], ...fieldErrors } = error.fieldErrors;
    // The first step with a refused field is shown (an earlier step's hidden value, a registered tax code).
    const first = REGISTRATION_STEPS.find((candidate) => Object.keys(fieldErrors).some((field) => stepOfField(field) === candidate)) ?? "account";
    return show(first, values, error.status, fieldErrors, formErrors);
  }
}
