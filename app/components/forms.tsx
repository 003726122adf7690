/**
 * The one form pattern in the browser: conform with the shared zod schema
 * (instant checks, the server still decides), fields with their label, hint
 * and errors tied together for screen readers, a submit button that shows
 * when the form is being saved, and the conflict panel of a version clash.
 * Everything works without JavaScript: the form posts, the server answers
 * with the same errors and the values as typed.
 */
import {
  getFormProps,
  getInputProps,
  getSelectProps,
  getTextareaProps,
  useForm,
  type FieldMetadata,
  type FormMetadata,
  type SubmissionResult,
} from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form, useNavigation } from "@remix-run/react";
import { z } from "zod";
import type { ComponentProps, ReactNode } from "react";
import { useT } from "~/i18n/translate";
import type { $ZodType } from "zod/v4/core";
import { formatDay } from "~/i18n/format";
import { useLanguage } from "~/i18n/use-language";

export type FormReplyData = {
  result: SubmissionResult<string[]>;
  conflict?: {
    changedBy: string | null;
    changedAt: string | null;
    fields: Array<{ field: string; current: unknown; yours: unknown }>;
    version: number;
  };
};

const UNCHECKED = z.object({});

/**
 * useForm with the shared schema: checks on blur, then as the user types. A
 * button marked formNoValidate ("back", "update the list") posts what was
 * typed unchecked, as it does without JavaScript.
 */
export function useSchemaForm(
  schema: $ZodType,
  { id, lastResult, defaultValue }: { id: string; lastResult?: SubmissionResult<string[]> | null; defaultValue?: Record<string, unknown> },
) {
  // Field names come from the schema; values are what the user typed (strings).
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return useForm<Record<string, any>>({
    id,
    lastResult,
    defaultValue,
    constraint: getZodConstraint(schema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData, submitter }) => {
      const unchecked = submitter instanceof HTMLButtonElement && submitter.formNoValidate;
      return parseWithZod(formData, { schema: unchecked ? UNCHECKED : schema }) as never;
    },
  });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type SchemaFormMetadata = FormMetadata<Record<string, any>, string[]>;

/** A <Form method="post"> wired to conform (noValidate: the schema speaks, in the user's language). */
export function SchemaForm({
  form,
  children,
  ...props
}: { form: SchemaFormMetadata; children: ReactNode } & Omit<ComponentProps<typeof Form>, "id" | "onSubmit" | "noValidate">) {
  return (
    <Form method="post" {...getFormProps(form)} {...props}>
      {children}
    </Form>
  );
}

function useMessage() {
  const t = useT();
  // Errors are i18n keys ("forms.required"); anything else is shown as written.
  return (key: string) => t(key as never, { defaultValue: key }) as string;
}

export function FieldErrors({ id, errors }: { id: string; errors: string[] | undefined }) {
  const message = useMessage();
  if (!errors?.length) return null;
  return (
    <ul id={id} className="field__errors" role="list">
      {errors.map((error) => (
        <li key={error}>{message(error)}</li>
      ))}
    </ul>
  );
}

/** Form-level errors (not tied to one field), announced when they appear. */
export function FormErrors({ id, errors }: { id: string; errors: string[] | undefined }) {
  const message = useMessage();
  if (!errors?.length) return null;
  return (
    <div id={id} className="form-errors" role="alert">
      {errors.map((error) => (
        <p key={error}>{message(error)}</p>
      ))}
    </div>
  );
}

type FieldProps = { meta: FieldMetadata<unknown>; label: string; hint?: string };

function FieldFrame({ meta, label, hint, children }: FieldProps & { children: ReactNode }) {
  return (
    <div className={`field${meta.errors?.length ? " field--invalid" : ""}`}>
      <label htmlFor={meta.id}>
        {label}
        {meta.required ? <span aria-hidden="true"> *</span> : null}
      </label>
      {hint ? (
        <p id={meta.descriptionId} className="field__hint">
          {hint}
        </p>
      ) : null}
      {children}
      <FieldErrors id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

export function TextField({
  meta,
  label,
  hint,
  type = "text",
  ...input
}: FieldProps & { type?: "text" | "email" | "password" | "date" | "number" | "url" | "tel" | "search" } & Omit<ComponentProps<"input">, "type">) {
  return (
    <FieldFrame meta={meta} label={label} hint={hint}>
      <input {...getInputProps(meta, { type, ariaDescribedBy: hint ? meta.descriptionId : undefined })} {...input} />
    </FieldFrame>
  );
}

export function TextAreaField({ meta, label, hint, rows = 4 }: FieldProps & { rows?: number }) {
  return (
    <FieldFrame meta={meta} label={label} hint={hint}>
      <textarea {...getTextareaProps(meta, { ariaDescribedBy: hint ? meta.descriptionId : undefined })} rows={rows} />
    </FieldFrame>
  );
}

export function SelectField({
  meta,
  label,
  hint,
  options,
  placeholder,
}: FieldProps & { options: ReadonlyArray<{ value: string; label: string }>; placeholder?: string }) {
  return (
    <FieldFrame meta={meta} label={label} hint={hint}>
      <select {...getSelectProps(meta, { ariaDescribedBy: hint ? meta.descriptionId : undefined })}>
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

export function CheckboxField({ meta, label }: { meta: FieldMetadata<unknown>; label: string }) {
  return (
    <div className={`field field--checkbox${meta.errors?.length ? " field--invalid" : ""}`}>
      <input {...getInputProps(meta, { type: "checkbox" })} />
      <label htmlFor={meta.id}>{label}</label>
      <FieldErrors id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

/** Is this form (by its action and intent) being submitted right now? */
export function useSubmitting(intent?: string): boolean {
  const navigation = useNavigation();
  if (navigation.state !== "submitting") return false;
  return intent === undefined || navigation.formData?.get("intent") === intent;
}

/** A submit button that says it is working while the form is being saved. */
export function SubmitButton({
  children,
  pendingLabel,
  intent,
  className = "button",
  ...props
}: { children: ReactNode; pendingLabel?: string; intent?: string } & ComponentProps<"button">) {
  const t = useT();
  const submitting = useSubmitting(intent);
  return (
    <button type="submit" className={className} name={intent ? "intent" : undefined} value={intent} aria-disabled={submitting || undefined} {...props}>
      {submitting ? (pendingLabel ?? t("admin.shell.saving")) : children}
    </button>
  );
}

/**
 * The refusal of a save made from an old version: who saved last, and each
 * field where the stored record now differs from what the user typed. The
 * form keeps what was typed; staff reload, or save again over the newer
 * version knowingly (the version field then carries the new number).
 */
export function ConflictNotice({
  conflict,
  fieldLabel,
  reloadHref,
}: {
  conflict: NonNullable<FormReplyData["conflict"]>;
  fieldLabel: (field: string) => string;
  reloadHref: string;
}) {
  const t = useT();
  const language = useLanguage();
  const show = (value: unknown) => (value === null || value === undefined || value === "" ? t("admin.shell.none") : String(value));
  return (
    <section className="conflict" role="alert" aria-labelledby="conflict-title" data-testid="conflict">
      <h2 id="conflict-title">{t("admin.shell.conflictTitle")}</h2>
      {conflict.changedBy ? (
        <p>
          {t("admin.shell.conflictBy", {
            who: conflict.changedBy,
            when: conflict.changedAt ? `${formatDay(language, new Date(conflict.changedAt))} ${conflict.changedAt.slice(11, 16)} UTC` : "",
          })}
        </p>
      ) : null}
      {conflict.fields.length ? (
        <table>
          <thead>
            <tr>
              <th scope="col">{t("admin.shell.conflictField")}</th>
              <th scope="col">{t("admin.shell.conflictCurrent")}</th>
              <th scope="col">{t("admin.shell.conflictYours")}</th>
            </tr>
          </thead>
          <tbody>
            {conflict.fields.map((row) => (
              <tr key={row.field}>
                <th scope="row">{fieldLabel(row.field)}</th>
                <td>{show(row.current)}</td>
                <td>{show(row.yours)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <p>
        <a href={reloadHref}>{t("admin.shell.conflictReload")}</a>
      </p>
    </section>
  );
}
