import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData } from "@remix-run/react";
import { FormErrors, SchemaForm, SubmitButton, TextField, useSchemaForm } from "~/components/forms";
import { PublicChrome } from "~/components/site-chrome";
import { db } from "~/db.server";
import { resources } from "~/i18n/config";
import { requireLanguage } from "~/i18n/language.server";
import { useT } from "~/i18n/translate";
import { useLocalizedPath } from "~/i18n/use-language";
import { submitForm } from "~/lib/forms.server";
import { requestPasswordReset } from "~/modules/accounts/password-reset.server";
import { EmailOnlySchema } from "~/modules/accounts/forms";

export function loader({ params }: LoaderFunctionArgs) {
  return { language: requireLanguage(params) };
}

export async function action({ request }: ActionFunctionArgs) {
  const outcome = await submitForm(await request.formData(), EmailOnlySchema, (payload) => requestPasswordReset(db, payload));
  if (!outcome.ok) return outcome.reply;
  // The same answer whether or not the address has an account.
  return { sent: true };
}

export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  const messages = resources[data?.language ?? "vi"].translation;
  return [{ title: `${messages.register.forgot.title} · ${messages.site.name}` }, { name: "robots", content: "noindex" }];
};

export default function ForgotPassword() {
  const t = useT();
  const to = useLocalizedPath();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useSchemaForm(EmailOnlySchema, {
    id: "forgot-password",
    lastResult: actionData && "result" in actionData ? actionData.result : undefined,
  });
  return (
    <PublicChrome hasDemoData={false}>
      <section className="sign-in">
        <h1>{t("register.forgot.title")}</h1>
        {actionData && "sent" in actionData ? (
          <p role="status" data-testid="reset-sent">
            {t("register.forgot.sent")}
          </p>
        ) : (
          <>
            <p>{t("register.forgot.intro")}</p>
            <SchemaForm form={form}>
              <FormErrors id={form.errorId} errors={form.errors} />
              <TextField meta={fields.email!} label={t("register.forgot.email")} type="email" autoComplete="email" />
              <SubmitButton pendingLabel={t("register.working")}>{t("register.forgot.submit")}</SubmitButton>
            </SchemaForm>
          </>
        )}
        <p>
          <Link to={to("/login")}>{t("register.signIn")}</Link>
        </p>
      </section>
    </PublicChrome>
  );
}
