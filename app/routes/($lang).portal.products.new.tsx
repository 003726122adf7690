import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { FormErrors, SchemaForm, SubmitButton, useSchemaForm } from "~/components/forms";
import { ProposalFields } from "~/components/portal/proposal-fields";
import { db } from "~/db.server";
import { localizedPath, resources } from "~/i18n/config";
import { requireLanguage } from "~/i18n/language.server";
import { useT } from "~/i18n/translate";
import { submitForm } from "~/lib/forms.server";
import { redirectWithToast } from "~/lib/toast.server";
import { requireProducer } from "~/modules/accounts/guard.server";
import { ownProducer } from "~/modules/portal/scope.server";
import { ProposalSchema } from "~/modules/portal/forms";
import { proposeProduct } from "~/modules/portal/proposals.server";
import { productSetOptions } from "~/modules/products/admin-record.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const language = requireLanguage(params);
  const { actor } = await requireProducer(request, context);
  const [groups, producer] = await Promise.all([
    productSetOptions(db),
    ownProducer(db, actor),
  ]);
  return { language, groups, producerStatus: producer?.status ?? "PENDING" };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const language = requireLanguage(params);
  const { actor } = await requireProducer(request, context);
  const outcome = await submitForm(await request.formData(), ProposalSchema, (payload) => proposeProduct(db, actor, payload));
  if (!outcome.ok) return outcome.reply;
  return redirectWithToast(localizedPath(language, `/portal/products/${outcome.value.id}`), "created");
}

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  const messages = resources[data?.language ?? "vi"].translation.portal;
  return [{ title: `${messages.product.newTitle} · ${messages.title}` }, { name: "robots", content: "noindex" }];
};

export default function ProposeProduct() {
  const { groups, producerStatus } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const [form, fields] = useSchemaForm(ProposalSchema, { id: "product-propose", lastResult: actionData?.result });
  return (
    <>
      <h1>{t("portal.product.newTitle")}</h1>
      {producerStatus !== "APPROVED" ? (
        <p className="notice" role="status">
          {t("portal.products.notApproved", { status: t(`admin.producers.status_${producerStatus}`) })}
        </p>
      ) : (
        <>
          <p>{t("portal.product.newIntro")}</p>
          <SchemaForm form={form}>
            <FormErrors id={form.errorId} errors={form.errors} />
            <ProposalFields fields={fields} groups={groups} />
            <div className="form-actions">
              <SubmitButton>{t("portal.product.proposeSubmit")}</SubmitButton>
            </div>
          </SchemaForm>
        </>
      )}
    </>
  );
}
