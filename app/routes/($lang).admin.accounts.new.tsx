import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n/translate";
import type { BreadcrumbHandle } from "~/components/admin/admin-chrome";
import { AccountFields } from "~/components/admin/account-fields";
import { FormErrors, SchemaForm, SubmitButton, TextField, useSchemaForm } from "~/components/forms";
import { db } from "~/db.server";
import { localizedPath, resources } from "~/i18n/config";
import { requireLanguage } from "~/i18n/language.server";
import { useLocalizedPath } from "~/i18n/use-language";
import { submitForm } from "~/lib/forms.server";
import { redirectWithToast } from "~/lib/toast.server";
import { provinceOptions } from "~/modules/accounts/admin-list.server";
import { AccountSchema, newPassword } from "~/modules/accounts/forms";
import { requireAdmin } from "~/modules/accounts/guard.server";
import { createAccount } from "~/modules/accounts/service.server";

/** Creating an account needs its first password (the shared schema leaves it optional for edits). */
const NewAccountSchema = AccountSchema.extend({ password: newPassword });

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const language = requireLanguage(params);
  await requireAdmin(request, context);
  return { language, provinces: await provinceOptions(db) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const language = requireLanguage(params);
  const { actor } = await requireAdmin(request, context);
  // The password is never sent back, even when the form is refused.
  const outcome = await submitForm(await request.formData(), NewAccountSchema, (payload) => createAccount(db, actor, payload), { hideFields: ["password"] });
  if (!outcome.ok) return outcome.reply;
  return redirectWithToast(localizedPath(language, `/admin/accounts/${outcome.value.id}`), "created");
}

export const handle: BreadcrumbHandle = { breadcrumb: (t) => t("admin.accounts.newTitle") };

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  const messages = resources[data?.language ?? "vi"].translation.admin;
  return [{ title: `${messages.accounts.newTitle} · ${messages.shell.title}` }, { name: "robots", content: "noindex" }];
};

export default function NewAccount() {
  const { provinces } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const to = useLocalizedPath();
  const [form, fields] = useSchemaForm(NewAccountSchema, { id: "account-new", lastResult: actionData?.result, defaultValue: { role: "EDITOR" } });
  return (
    <>
      <h1>{t("admin.accounts.newTitle")}</h1>
      <SchemaForm form={form} autoComplete="off">
        <FormErrors id={form.errorId} errors={form.errors} />
        <AccountFields fields={fields} provinces={provinces} />
        <TextField meta={fields.password!} label={t("admin.accounts.firstPassword")} type="password" autoComplete="new-password" hint={t("admin.accounts.firstPasswordHint")} />
        <div className="form-actions">
          <SubmitButton>{t("admin.accounts.newAccount")}</SubmitButton>
          <Link to={to("/admin/accounts")}>{t("admin.shell.cancel")}</Link>
        </div>
      </SchemaForm>
    </>
  );
}
