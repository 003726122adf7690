import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n/translate";
import type { BreadcrumbHandle } from "~/components/admin/admin-chrome";
import { ProductFormFields } from "~/components/admin/product-form-fields";
import { FormErrors, SchemaForm, SubmitButton, useSchemaForm } from "~/components/forms";
import { db } from "~/db.server";
import { localizedPath, resources } from "~/i18n/config";
import { requireLanguage } from "~/i18n/language.server";
import { useLocalizedPath } from "~/i18n/use-language";
import { submitForm } from "~/lib/forms.server";
import { redirectWithToast } from "~/lib/toast.server";
import { requireStaff } from "~/modules/accounts/guard.server";
import { parseRecordId, producerLabel } from "~/modules/producers/admin-record.server";
import { productSetOptions } from "~/modules/products/admin-record.server";
import { ProductInputSchema } from "~/modules/products/forms";
import { createProduct } from "~/modules/products/service.server";

// `?producerId=<id>` comes from the producer list's "choose" link or a producer's page.
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { actor } = await requireStaff(request, context);
  const language = requireLanguage(params);
  const producerId = parseRecordId(new URL(request.url).searchParams.get("producerId"));
  const [producer, groups] = await Promise.all([
    producerId === undefined ? null : producerLabel(db, actor, producerId),
    productSetOptions(db),
  ]);
  return { language, producer, groups };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { actor } = await requireStaff(request, context);
  const language = requireLanguage(params);
  const outcome = await submitForm(await request.formData(), ProductInputSchema, (payload) => createProduct(db, actor, payload));
  if (!outcome.ok) return outcome.reply;
  return redirectWithToast(localizedPath(language, `/admin/products/${outcome.value.id}`), "created");
}

export const handle: BreadcrumbHandle = { breadcrumb: (t) => t("admin.products.newTitle") };

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  const messages = resources[data?.language ?? "vi"].translation.admin;
  return [{ title: `${messages.products.newTitle} · ${messages.shell.title}` }];
};

export default function NewProduct() {
  const { producer, groups } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const to = useLocalizedPath();
  const [form, fields] = useSchemaForm(ProductInputSchema, {
    id: "product-new",
    lastResult: actionData?.result,
    defaultValue: { producerId: producer ? String(producer.id) : undefined, status: "DRAFT" },
  });
  return (
    <>
      <h1>{t("admin.products.newTitle")}</h1>
      <SchemaForm form={form}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <ProductFormFields fields={fields} groups={groups} producer={producer} pickHref={to("/admin/producers?pick=product")} />
        <div className="form-actions">
          <SubmitButton>{t("admin.products.createSubmit")}</SubmitButton>
        </div>
      </SchemaForm>
    </>
  );
}
