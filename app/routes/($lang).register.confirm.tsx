import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
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
import { tokenIsLive } from "~/modules/accounts/tokens.server";
import { EmailOnlySchema } from "~/modules/accounts/forms";
import { confirmEmail, resendConfirmation } from "~/modules/registration/service.server";

type View = "ready" | "expired" | "used" | "invalid" | "resend" | "resent";

/**
 * The link in the confirmation mail. A GET only shows a button: mail
 * scanners fetch links, and must not use the token; the button POSTs it.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const language = requireLanguage(params);
  const token = new URL(request.url).searchParams.get("token");
  if (token === null) return { language, token: null, view: "resend" as View };
  const live = await tokenIsLive(db, token, "confirm_email");
  return { language, token, view: (live.ok ? "ready" : live.reason) as View };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const language = requireLanguage(params);
  const form = await request.formData();
  if (form.get("intent") === "resend") {
    const outcome = await submitForm(form, EmailOnlySchema, (payload) => resendConfirmation(db, payload));
    if (!outcome.ok) return outcome.reply;
    // The same answer whether or not such an account waits for confirmation.
    return { view: "resent" as View };
  }
  const confirmed = await confirmEmail(db, form.get("token"), requestMeta(request, context));
  if (confirmed.ok) return redirectWithToast(localizedPath(language, "/portal"), "emailConfirmed", { headers: { "Set-Cookie": confirmed.setCookie } });
  return data({ view: confirmed.reason as View }, { status: 400 });
}

export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  const messages = resources[data?.language ?? "vi"].translation;
  return [{ title: `${messages.register.confirm.title} · ${messages.site.name}` }, { name: "robots", content: "noindex" }];
};

export default function ConfirmEmail() {
  const { token, view: loadedView } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const view = actionData && "view" in actionData ? actionData.view : loadedView;
  const t = useT();
  const to = useLocalizedPath();
  const title =
    view === "expired"
      ? t("register.confirm.expiredTitle")
      : view === "used"
        ? t("register.confirm.usedTitle")
        : view === "invalid"
          ? t("register.confirm.invalidTitle")
          : view === "ready"
            ? t("register.confirm.title")
            : t("register.confirm.resendTitle");
  return (
    <PublicChrome hasDemoData={false}>
      <section className="sign-in" data-testid={`confirm-${view}`}>
        <h1>{title}</h1>
        {view === "ready" ? (
          <Form method="post">
            <p>{t("register.confirm.ready")}</p>
            <input type="hidden" name="token" value={token ?? ""} />
            <SubmitButton intent="confirm">{t("register.confirm.button")}</SubmitButton>
          </Form>
        ) : null}
        {view === "used" ? (
          <p>
            {t("register.confirm.used")} <Link to={to("/login")}>{t("register.signIn")}</Link>
          </p>
        ) : null}
        {view === "expired" ? <p>{t("register.confirm.expired")}</p> : null}
        {view === "invalid" ? <p>{t("register.confirm.invalid")}</p> : null}
        {view === "resent" ? (
          <p role="status" data-testid="confirm-resent">
            {t("register.confirm.resent")}
          </p>
        ) : null}
        {view === "expired" || view === "invalid" || view === "resend" ? <ResendForm /> : null}
      </section>
    </PublicChrome>
  );
}

/** Asks for a new confirmation link (answers the same whatever the address). */
function ResendForm() {
  const t = useT();
  const to = useLocalizedPath();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useSchemaForm(EmailOnlySchema, {
    id: "resend-confirmation",
    lastResult: actionData && "result" in actionData ? actionData.result : undefined,
  });
  return (
    <SchemaForm form={form} action={to("/register/confirm")}>
      <FormErrors id={form.errorId} errors={form.errors} />
      <TextField meta={fields.email!} label={t("register.confirm.resendEmail")} type="email" autoComplete="email" />
      <SubmitButton intent="resend">{t("register.confirm.resendButton")}</SubmitButton>
    </SchemaForm>
  );
}
