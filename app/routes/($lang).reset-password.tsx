import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormErrors, SchemaForm, SubmitButton, TextField, useSchemaForm } from "~/components/forms";
import { PublicChrome } from "~/components/site-chrome";
import { db } from "~/db.server";
import { localizedPath, resources } from "~/i18n/config";
import { requireLanguage } from "~/i18n/language.server";
import { useT } from "~/i18n/translate";
import { useLocalizedPath } from "~/i18n/use-language";
import { submitForm } from "~/lib/forms.server";
import { redirectWithToast } from "~/lib/toast.server";
import { requestMeta } from "~/modules/accounts/guard.server";
import { resetPassword } from "~/modules/accounts/password-reset.server";
import { ResetPasswordSchema } from "~/modules/accounts/forms";
import { tokenIsLive } from "~/modules/accounts/tokens.server";

type Refusal = "invalid" | "expired" | "used";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const language = requireLanguage(params);
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const live = await tokenIsLive(db, token, "reset_password");
  return { language, token, refused: live.ok ? null : (live.reason as Refusal) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const language = requireLanguage(params);
  const outcome = await submitForm(
    await request.formData(),
    ResetPasswordSchema,
    (payload) => resetPassword(db, payload, requestMeta(request, context)),
    { hideFields: ["password", "confirmPassword"] },
  );
  if (!outcome.ok) return outcome.reply;
  if (!outcome.value.ok) return data({ refused: outcome.value.reason as Refusal }, { status: 400 });
  return redirectWithToast(localizedPath(language, "/login"), "password");
}

export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  const messages = resources[data?.language ?? "vi"].translation;
  return [{ title: `${messages.register.reset.title} · ${messages.site.name}` }, { name: "robots", content: "noindex" }];
};

export default function ResetPassword() {
  const { token, refused: refusedOnLoad } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const refused: Refusal | null = actionData && "refused" in actionData ? (actionData.refused as Refusal) : refusedOnLoad;
  const t = useT();
  const to = useLocalizedPath();
  const [form, fields] = useSchemaForm(ResetPasswordSchema, {
    id: "reset-password",
    lastResult: actionData && "result" in actionData ? actionData.result : undefined,
    defaultValue: { token },
  });
  return (
    <PublicChrome hasDemoData={false}>
      <section className="sign-in">
        <h1>{t("register.reset.title")}</h1>
        {refused ? (
          <div role="alert" data-testid={`reset-${refused}`}>
            <p>{t(`register.reset.${refused}`)}</p>
            <p>
              <Link to={to("/forgot-password")}>{t("register.reset.askAgain")}</Link>
            </p>
          </div>
        ) : (
          <SchemaForm form={form}>
            <FormErrors id={form.errorId} errors={form.errors} />
            <input type="hidden" name="token" value={token} />
            <TextField meta={fields.password!} label={t("register.reset.password")} hint={t("register.hints.password")} type="password" autoComplete="new-password" />
            <TextField meta={fields.confirmPassword!} label={t("register.reset.confirmPassword")} type="password" autoComplete="new-password" />
            <SubmitButton pendingLabel={t("register.working")}>{t("register.reset.submit")}</SubmitButton>
          </SchemaForm>
        )}
      </section>
    </PublicChrome>
  );
}
