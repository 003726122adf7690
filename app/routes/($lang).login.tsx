import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useT } from "~/i18n/translate";
import { FormErrors, SchemaForm, SubmitButton, TextField, useSchemaForm } from "~/components/forms";
import { PublicChrome } from "~/components/site-chrome";
import { db } from "~/db.server";
import { localizedPath, resources } from "~/i18n/config";
import { requireLanguage } from "~/i18n/language.server";
import { parseWithZod } from "@conform-to/zod/v4";
import { SignInSchema } from "~/modules/accounts/forms";
import { requestMeta, safeRedirect } from "~/modules/accounts/guard.server";
import { signIn } from "~/modules/accounts/service.server";
import { sessionUser } from "~/modules/accounts/sessions.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const language = requireLanguage(params);
  // Already signed in: straight on.
  const user = await sessionUser(db, request);
  const redirectTo = safeRedirect(new URL(request.url).searchParams.get("redirectTo"), localizedPath(language, "/admin"));
  if (user) throw redirect(redirectTo);
  return { language };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const language = requireLanguage(params);
  const submission = parseWithZod(await request.formData(), { schema: SignInSchema });
  if (submission.status !== "success") return data({ result: submission.reply({ hideFields: ["password"] }) }, { status: 400 });
  const outcome = await signIn(db, submission.payload, requestMeta(request, context));
  if (outcome.ok) {
    const fallback = localizedPath(language, outcome.user.role === "PRODUCER" ? "/" : "/admin");
    throw redirect(safeRedirect(submission.value.redirectTo, fallback), { headers: { "Set-Cookie": outcome.setCookie } });
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
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const headers = new Headers({ "Cache-Control": "no-store" });
  const retryAfter = actionHeaders.get("Retry-After");
  if (retryAfter) headers.set("Retry-After", retryAfter);
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
  useLoaderData<typeof loader>();
  const [form, fields] = useSchemaForm(SignInSchema, { id: "sign-in", lastResult: actionData?.result });
  const minutes = actionData && "minutes" in actionData ? actionData.minutes : undefined;
  return (
    <PublicChrome hasDemoData={false}>
      <section className="sign-in">
        <h1>{t("admin.signIn.title")}</h1>
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
      </section>
    </PublicChrome>
  );
}
