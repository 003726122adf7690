import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useT } from "~/i18n/translate";
import { FormErrors, SchemaForm, SubmitButton, TextField, useSchemaForm } from "~/components/forms";
import { PublicChrome } from "~/components/site-chrome";
import { db } from "~/db.server";
import { localizedPath, neutralPath, resources, type Language } from "~/i18n/config";
import { requireLanguage } from "~/i18n/language.server";
import { parseWithZod } from "@conform-to/zod/v4";
import { SignInSchema } from "~/modules/accounts/forms";
import { requestMeta, safeRedirect } from "~/modules/accounts/guard.server";
import { signIn } from "~/modules/accounts/service.server";
import { sessionUser } from "~/modules/accounts/sessions.server";
import type { Role } from "~/db.server";
import { takeToast } from "~/lib/toast.server";
import { useLocalizedPath } from "~/i18n/use-language";

/** Where a signed-in user goes: `redirectTo` if it is theirs to see, else their home (producers the portal, staff the admin area). */
function destination(language: Language, role: Role, redirectTo: unknown): string {
  const home = localizedPath(language, role === "PRODUCER" ? "/portal" : "/admin");
  const target = safeRedirect(redirectTo, home);
  return role === "PRODUCER" && /^\/admin(\/|$)/.test(neutralPath(target.split("?")[0]!)) ? home : target;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const language = requireLanguage(params);
  // Already signed in: straight on.
  const user = await sessionUser(db, request);
  if (user) throw redirect(destination(language, user.role, new URL(request.url).searchParams.get("redirectTo")));
  // A toast from signing out everywhere, or from a new password.
  const { toast, headers } = await takeToast(request);
  return data({ language, toast }, { headers });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const language = requireLanguage(params);
  const submission = parseWithZod(await request.formData(), { schema: SignInSchema });
  if (submission.status !== "success") return data({ result: submission.reply({ hideFields: ["password"] }) }, { status: 400 });
  const outcome = await signIn(db, submission.payload, requestMeta(request, context));
  if (outcome.ok) throw redirect(destination(language, outcome.user.role, submission.value.redirectTo), { headers: { "Set-Cookie": outcome.setCookie } });
  if (outcome.reason === "unconfirmed") {
    return data(
      { result: submission.reply({ formErrors: ["register.signInPage.unconfirmed"], hideFields: ["password"] }), unconfirmedEmail: String(submission.value.email) },
      { status: 403 },
    );
  }
  // The same words whether or not the account exists.
  if (outcome.reason === "throttled") {
    const minutes = Math.max(1, Math.ceil(outcome.retryAfterSeconds / 60));
    return data(
      { result: submission.reply({ formErrors: ["forms.throttled"], hideFields: ["password"] }), minutes },
      { status: 429, headers: { "Retry-After": String(outcome.retryAfterSeconds) } },
    );
  }
  return data({ result: submission.reply({ formErrors: ["forms.invalidCredentials"], hideFields: ["password"] }) }, { status: 401 });
}

// The action's Retry-After (a throttled sign-in) reaches the response only through this.
export const headers: HeadersFunction = ({ actionHeaders, loaderHeaders }) => {
  const headers = new Headers({ "Cache-Control": "no-store" });
  const retryAfter = actionHeaders.get("Retry-After");
  if (retryAfter) headers.set("Retry-After", retryAfter);
  // The toast, once shown, is cleared.
  const setCookie = loaderHeaders.get("Set-Cookie");
  if (setCookie) headers.set("Set-Cookie", setCookie);
  return headers;
};

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  const messages = resources[data?.language ?? "vi"].translation;
  return [{ title: `${messages.admin.signIn.title} · ${messages.site.name}` }, { name: "robots", content: "noindex" }];
};

export default function SignIn() {
  const t = useT();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const { toast } = useLoaderData<typeof loader>();
  const to = useLocalizedPath();
  const [form, fields] = useSchemaForm(SignInSchema, { id: "sign-in", lastResult: actionData?.result });
  const minutes = actionData && "minutes" in actionData ? actionData.minutes : undefined;
  const unconfirmedEmail = actionData && "unconfirmedEmail" in actionData ? actionData.unconfirmedEmail : undefined;
  return (
    <PublicChrome hasDemoData={false}>
      <section className="sign-in">
        <h1>{t("admin.signIn.title")}</h1>
        {toast === "password" || toast === "signedOutEverywhere" ? (
          <p role="status" data-testid="sign-in-toast">
            {toast === "password" ? t("register.reset.done") : t("admin.shell.toastSignedOutEverywhere")}
          </p>
        ) : null}
        <p>{t("admin.signIn.intro")}</p>
        <SchemaForm form={form}>
          {form.errors?.length ? (
            <div id={form.errorId} className="form-errors" role="alert" data-testid="sign-in-error">
              {form.errors.map((error) => (
                <p key={error}>{t(error as never, { minutes, defaultValue: error }) as string}</p>
              ))}
            </div>
          ) : (
            <FormErrors id={form.errorId} errors={undefined} />
          )}
          <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
          <TextField meta={fields.email!} label={t("admin.signIn.email")} type="email" autoComplete="username" />
          <TextField meta={fields.password!} label={t("admin.signIn.password")} type="password" autoComplete="current-password" />
          <SubmitButton pendingLabel={t("admin.signIn.submitting")}>{t("admin.signIn.submit")}</SubmitButton>
        </SchemaForm>
        {unconfirmedEmail ? (
          <Form method="post" action={to("/register/confirm")}>
            <input type="hidden" name="email" value={String(unconfirmedEmail)} />
            <button type="submit" name="intent" value="resend" className="button button--secondary">
              {t("register.signInPage.resend")}
            </button>
          </Form>
        ) : null}
        <p>
          <Link to={to("/forgot-password")}>{t("register.signInPage.forgot")}</Link>
        </p>
        <p>
          <Link to={to("/register")}>{t("register.signInPage.register")}</Link>
        </p>
      </section>
    </PublicChrome>
  );
}
