import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n/translate";
import { z } from "zod";
import { AccountFields } from "~/components/admin/account-fields";
import type { BreadcrumbHandle } from "~/components/admin/admin-chrome";
import { VietnamTime } from "~/components/admin/audit-table";
import { RecordHistory } from "~/components/admin/record-history";
import { ConflictNotice, FormErrors, SchemaForm, SubmitButton, useSchemaForm } from "~/components/forms";
import { db } from "~/db.server";
import { localizedPath, resources } from "~/i18n/config";
import { formatDay } from "~/i18n/format";
import { requireLanguage } from "~/i18n/language.server";
import { useLanguage, useLocalizedPath } from "~/i18n/use-language";
import { invariantResponse } from "~/lib/errors.server";
import { version } from "~/lib/fields";
import { submitForm } from "~/lib/forms.server";
import { redirectWithToast } from "~/lib/toast.server";
import { accountForEdit, parseAccountId, provinceOptions } from "~/modules/accounts/admin-list.server";
import { AccountSchema } from "~/modules/accounts/forms";
import { requireAdmin } from "~/modules/accounts/guard.server";
import { setAccountDisabled, updateAccount } from "~/modules/accounts/service.server";
import { recordHistory } from "~/modules/audit/history.server";

const AccountEditSchema = AccountSchema.omit({ password: true }).extend({ version });
const AccessSchema = z.object({ intent: z.enum(["disable", "enable"]) });
const IntentSchema = z.enum(["save", "disable", "enable"]);

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const language = requireLanguage(params);
  const { actor, user } = await requireAdmin(request, context);
  const id = parseAccountId(params.id);
  const account = id === undefined ? null : await accountForEdit(db, id);
  invariantResponse(account, "Account not found", 404);
  const [provinces, history] = await Promise.all([provinceOptions(db), recordHistory(db, actor, "user", account.id)]);
  return { language, account, provinces, history, isSelf: account.id === user.id };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const language = requireLanguage(params);
  const { actor } = await requireAdmin(request, context);
  const id = parseAccountId(params.id);
  invariantResponse(id !== undefined, "Account not found", 404);
  const formData = await request.formData();
  const intent = IntentSchema.safeParse(formData.get("intent"));
  invariantResponse(intent.success, "Unknown action", 400);
  const outcome =
    intent.data === "save"
      ? await submitForm(formData, AccountEditSchema, (payload) => updateAccount(db, actor, id, version.parse(payload.version), payload))
      : await submitForm(formData, AccessSchema, () => setAccountDisabled(db, actor, id, intent.data === "disable"));
  // An account that is gone is a 404 page, not a form error.
  invariantResponse(outcome.ok || outcome.reply.init?.status !== 404, "Account not found", 404);
  if (!outcome.ok) return outcome.reply;
  return redirectWithToast(localizedPath(language, `/admin/accounts/${id}`), intent.data === "save" ? "saved" : "status");
}

export const handle: BreadcrumbHandle = {
  breadcrumb: (t, data) => (data as { account?: { email: string } } | undefined)?.account?.email ?? t("admin.shell.accounts"),
};

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  const messages = resources[data?.language ?? "vi"].translation.admin;
  const title = data ? messages.accounts.editTitle.replace("{{email}}", () => data.account.email) : messages.shell.accounts;
  return [{ title: `${title} · ${messages.shell.title}` }, { name: "robots", content: "noindex" }];
};

export default function EditAccount() {
  const { account, provinces, history, isSelf } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const language = useLanguage();
  const to = useLocalizedPath();
  const sentBy = actionData?.result.initialValue?.intent;
  const conflict = sentBy === "save" ? actionData?.conflict : undefined;
  // After a conflict, saving again carries the newer version: the admin overwrites knowingly.
  const currentVersion = conflict?.version ?? account.version;
  const [form, fields] = useSchemaForm(AccountEditSchema, {
    id: `account-${account.id}`,
    lastResult: sentBy === "save" ? actionData?.result : undefined,
    defaultValue: {
      email: account.email,
      name: account.name,
      role: account.role,
      provinceId: account.provinceId === null ? "" : String(account.provinceId),
      producerTaxCode: account.producer?.taxCode ?? "",
    },
  });
  const [accessForm] = useSchemaForm(AccessSchema, {
    id: `account-${account.id}-access`,
    lastResult: sentBy === "disable" || sentBy === "enable" ? actionData?.result : undefined,
  });
  const fieldLabel = (field: string) => t(`admin.accounts.field_${field}` as never, { defaultValue: field }) as string;
  const here = to(`/admin/accounts/${account.id}`);
  return (
    <>
      <h1>{t("admin.accounts.editTitle", { email: account.email })}</h1>
      <p className="admin-record-meta">
        {t(`admin.shell.role_${account.role}`)} · {account.disabledAt ? <strong>{t("admin.accounts.disabled")}</strong> : t("admin.accounts.active")} ·{" "}
        {t("admin.accounts.lastSignIn")}: {account.lastSignIn ? <VietnamTime at={account.lastSignIn.toISOString()} /> : t("admin.accounts.never")} ·{" "}
        {t("admin.shell.version", { version: account.version })}
      </p>

      <section aria-labelledby="details-heading">
        <h2 id="details-heading">{t("admin.accounts.details")}</h2>
        <p className="field__hint">{t("admin.accounts.roleChangeNote")}</p>
        <SchemaForm form={form} autoComplete="off">
          <FormErrors id={form.errorId} errors={form.errors} />
          {/* The form error says "see the changes below". */}
          {conflict ? <ConflictNotice conflict={conflict} fieldLabel={fieldLabel} reloadHref={here} /> : null}
          <input type="hidden" name="version" value={currentVersion} />
          <AccountFields fields={fields} provinces={provinces} producerName={account.producer?.legalName ?? null} />
          <div className="form-actions">
            <SubmitButton intent="save">{conflict ? t("admin.shell.conflictOverwrite") : t("admin.shell.save")}</SubmitButton>
          </div>
        </SchemaForm>
      </section>

      <section aria-labelledby="access-heading" className="danger-zone">
        <h2 id="access-heading">{t("admin.accounts.access")}</h2>
        {account.disabledAt ? <p>{t("admin.accounts.disabledSince", { date: formatDay(language, account.disabledAt) })}</p> : null}
        <p>{t("admin.accounts.disableHelp")}</p>
        {isSelf && !account.disabledAt ? (
          <p>{t("admin.accounts.cannotDisableSelf")}</p>
        ) : (
          <SchemaForm form={accessForm}>
            <FormErrors id={accessForm.errorId} errors={accessForm.errors} />
            {account.disabledAt ? (
              <SubmitButton intent="enable">{t("admin.accounts.enable")}</SubmitButton>
            ) : (
              <SubmitButton intent="disable" className="button button--danger">
                {t("admin.accounts.disable")}
              </SubmitButton>
            )}
          </SchemaForm>
        )}
      </section>

      {/* Fitted to a phone's width: a table that scrolls without anything focusable in it cannot be scrolled by keyboard. */}
      <div className="history-fit">
        <RecordHistory events={history} fieldLabel={fieldLabel} />
      </div>
    </>
  );
}
