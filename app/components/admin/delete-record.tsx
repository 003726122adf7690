import type { SubmissionResult } from "@conform-to/react";
import { useT } from "~/i18n/translate";
import { z } from "zod";
import { CheckboxField, FormErrors, SchemaForm, SubmitButton, useSchemaForm } from "~/components/forms";

/** A hard delete must be confirmed; the server parses the same schema (submitForm). */
export const DeleteRecordSchema = z.object({
  confirm: z.boolean({ error: "forms.deleteConfirmRequired" }).refine(Boolean, "forms.deleteConfirmRequired"),
});

/** The admins' delete form on a record's page: a warning, a confirmation box and the button (intent=delete). */
export function DeleteRecordSection({ formId, title, help, lastResult }: { formId: string; title: string; help: string; lastResult?: SubmissionResult<string[]> }) {
  const t = useT();
  const [form, fields] = useSchemaForm(DeleteRecordSchema, { id: formId, lastResult });
  return (
    <section aria-labelledby="delete-heading" className="danger-zone">
      <h2 id="delete-heading">{title}</h2>
      <p>{help}</p>
      <SchemaForm form={form}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <CheckboxField meta={fields.confirm!} label={t("admin.shell.deleteConfirm")} />
        <div className="form-actions">
          <SubmitButton intent="delete" className="button button--danger">
            {t("admin.shell.delete")}
          </SubmitButton>
        </div>
      </SchemaForm>
    </section>
  );
}
