import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n/translate";
import type { BreadcrumbHandle } from "~/components/admin/admin-chrome";
import { ProducerFormFields, useCommuneOptions } from "~/components/admin/producer-form-fields";
import { FormErrors, SchemaForm, SelectField, SubmitButton, useSchemaForm } from "~/components/forms";
import { db } from "~/db.server";
import { localizedPath, resources } from "~/i18n/config";
import { requireLanguage } from "~/i18n/language.server";
import { submitForm } from "~/lib/forms.server";
import { redirectWithToast } from "~/lib/toast.server";
import { requireStaff } from "~/modules/accounts/guard.server";
import { communeOptions, parseRecordId, provinceOptions } from "~/modules/producers/admin-record.server";
import { PRODUCER_CREATE_STATUSES, ProducerCreateSchema } from "~/modules/producers/forms";
import { createProducer } from "~/modules/producers/service.server";

// `?province=<id>` chooses whose communes to offer: the producer form loads
// them from here when staff pick a province (the edit page too).
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { actor } = await requireStaff(request, context);
  const language = requireLanguage(params);
  const provinces = await provinceOptions(db, actor);
  const asked = parseRecordId(new URL(request.url).searchParams.get("province"));
  // A province editor's only province is chosen already.
  const provinceId = provinces.find((province) => province.id === asked)?.id ?? (provinces.length === 1 ? provinces[0]!.id : undefined);
  return { language, provinces, provinceId, communes: await communeOptions(db, provinceId) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { actor } = await requireStaff(request, context);
  const language = requireLanguage(params);
  const outcome = await submitForm(await request.formData(), ProducerCreateSchema, (payload) => {
    const { status } = ProducerCreateSchema.pick({ status: true }).parse({ status: payload.status });
    return createProducer(db, actor, payload, { status });
  });
  if (!outcome.ok) return outcome.reply;
  return redirectWithToast(localizedPath(language, `/admin/producers/${outcome.value.id}`), "created");
}

export const handle: BreadcrumbHandle = { breadcrumb: (t) => t("admin.producers.newTitle") };

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  const messages = resources[data?.language ?? "vi"].translation.admin;
  return [{ title: `${messages.producers.newTitle} · ${messages.shell.title}` }];
};

export default function NewProducer() {
  const { provinces, provinceId, communes: initialCommunes } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const communes = useCommuneOptions(initialCommunes);
  const [form, fields] = useSchemaForm(ProducerCreateSchema, {
    id: "producer-new",
    lastResult: actionData?.result,
    defaultValue: { provinceId: provinceId ? String(provinceId) : undefined, status: "PENDING" },
  });
  return (
    <>
      <h1>{t("admin.producers.newTitle")}</h1>
      <SchemaForm form={form}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <ProducerFormFields
          fields={fields}
          provinces={provinces}
          communes={communes.communes}
          communesLoading={communes.loading}
          onProvinceChange={communes.load}
        />
        <SelectField
          meta={fields.status!}
          label={t("admin.producers.createStatus")}
          options={PRODUCER_CREATE_STATUSES.map((status) => ({ value: status, label: t(`admin.producers.createStatus_${status}`) }))}
        />
        <div className="form-actions">
          <SubmitButton>{t("admin.producers.createSubmit")}</SubmitButton>
        </div>
      </SchemaForm>
    </>
  );
}
