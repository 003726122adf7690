import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n/translate";
import type { BreadcrumbHandle } from "~/components/admin/admin-chrome";
import { FormErrors, SchemaForm, SubmitButton, TextField, useSchemaForm } from "~/components/forms";
import { db } from "~/db.server";
import { localizedPath } from "~/i18n/config";
import { requireLanguage } from "~/i18n/language.server";
import { submitForm } from "~/lib/forms.server";
import { redirectWithToast } from "~/lib/toast.server";
import { ChangePasswordSchema } from "~/modules/accounts/forms";
import { requireStaff } from "~/modules/accounts/guard.server";
import { changeOwnPassword } from "~/modules/accounts/service.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  requireLanguage(params);
  const { user } = await requireStaff(request, context);
  return { email: user.email, name: user.name };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const language = requireLanguage(params);
  const { user, meta } = await requireStaff(request, context);
  const outcome = await submitForm(await request.formData(), ChangePasswordSchema, (payload) => changeOwnPassword(db, user, payload, meta), {
    hideFields: ["currentPassword", "newPassword", "confirmPassword"],
  });
  if (!outcome.ok) return outcome.reply;
  return redirectWithToast(localizedPath(language, "/admin/account"), "password");
}

export const handle: BreadcrumbHandle = { breadcrumb: (t) => t("admin.shell.myAccount") };

export default function MyAccount() {
  const { email, name } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const [form, fields] = useSchemaForm(ChangePasswordSchema, { id: "change-password", lastResult: actionData?.result });
  return (
    <>
      <h1>{t("admin.shell.myAccount")}</h1>
      <p>
        {name} · {email}
      </p>
      <section aria-labelledby="password-heading">
        <h2 id="password-heading">{t("admin.accounts.changePassword")}</h2>
        <SchemaForm form={form}>
          <FormErrors id={form.errorId} errors={form.errors} />
          <TextField meta={fields.currentPassword!} label={t("admin.accounts.currentPassword")} type="password" autoComplete="current-password" />
          <TextField meta={fields.newPassword!} label={t("admin.accounts.newPassword")} type="password" autoComplete="new-password" hint={t("admin.accounts.passwordHint")} />
          <TextField meta={fields.confirmPassword!} label={t("admin.accounts.confirmPassword")} type="password" autoComplete="new-password" />
          <SubmitButton>{t("admin.accounts.changePassword")}</SubmitButton>
        </SchemaForm>
      </section>
      <section aria-labelledby="sessions-heading">
        <h2 id="sessions-heading">{t("admin.accounts.sessions")}</h2>
        <p>{t("admin.accounts.sessionsHelp")}</p>
        <Form method="post" action="/logout">
          <button type="submit" name="intent" value="everywhere" className="button button--secondary">
            {t("admin.accounts.signOutEverywhere")}
          </button>
        </Form>
      </section>
    </>
  );
}
