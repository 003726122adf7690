import { getInputProps } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { CertificationFields } from "~/components/admin/certification-fields";
import { FieldErrors, FormErrors, SchemaForm, SubmitButton, useSchemaForm } from "~/components/forms";
import { db } from "~/db.server";
import { localizedPath, resources } from "~/i18n/config";
import { requireLanguage } from "~/i18n/language.server";
import { useT } from "~/i18n/translate";
import { useLocalizedPath } from "~/i18n/use-language";
import { formatDate, vietnamToday } from "~/lib/dates";
import { invariantResponse } from "~/lib/errors.server";
import { submitForm } from "~/lib/forms.server";
import { redirectWithToast } from "~/lib/toast.server";
import { requireProducer } from "~/modules/accounts/guard.server";
import { proposeCertification } from "~/modules/portal/certifications.server";
import { PortalCertificationUploadSchema } from "~/modules/portal/forms";
import { ownsProduct, portalProduct } from "~/modules/portal/overview.server";
import { readDocumentForm, scanOf } from "~/modules/portal/upload.server";
import { parseRecordId } from "~/modules/producers/admin-record.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const language = requireLanguage(params);
  const { actor } = await requireProducer(request, context);
  const id = parseRecordId(params.id);
  const today = vietnamToday();
  const product = id === undefined ? null : await portalProduct(db, actor, id, today);
  invariantResponse(product, "Product not found", 404);
  return { language, product: { id: product.id, nameVi: product.nameVi, certified: product.certifications.length > 0 }, today: formatDate(today) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const language = requireLanguage(params);
  const { actor } = await requireProducer(request, context);
  const id = parseRecordId(params.id);
  // Another producer's product is not found, whatever was posted.
  invariantResponse(id !== undefined && (await ownsProduct(db, actor, id)), "Product not found", 404);
  const formData = await readDocumentForm(request);
  // The product is the page's, never the form's.
  formData.set("productId", String(id));
  const outcome = await submitForm(
    formData,
    PortalCertificationUploadSchema,
    async (payload) => proposeCertification(db, actor, id, payload, await scanOf(formData.get("file")), vietnamToday()),
    { hideFields: ["file"] },
  );
  if (!outcome.ok) return outcome.reply;
  return redirectWithToast(localizedPath(language, `/portal/products/${id}`), "created");
}

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  const messages = resources[data?.language ?? "vi"].translation.portal;
  const title = data ? messages.certificates.newTitle.replace("{{name}}", data.product.nameVi) : messages.certificates.add;
  return [{ title: `${title} · ${messages.title}` }, { name: "robots", content: "noindex" }];
};

export default function PortalNewCertification() {
  const { product, today } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const to = useLocalizedPath();
  const [form, fields] = useSchemaForm(PortalCertificationUploadSchema, {
    id: `certification-new-${product.id}`,
    lastResult: actionData?.result,
    defaultValue: { evaluationKind: product.certified ? "REEVALUATION" : "NEW", issuerLevel: "PROVINCE", productId: String(product.id) },
  });
  const file = fields.file!;
  return (
    <>
      <h1>{t("portal.certificates.newTitle", { name: product.nameVi })}</h1>
      <p className="admin-record__meta">
        <Link to={to(`/portal/products/${product.id}`)}>{t("portal.images.back")}</Link>
      </p>
      <p>{t("portal.certificates.newIntro")}</p>
      <SchemaForm form={form} encType="multipart/form-data">
        <FormErrors id={form.errorId} errors={[...(form.errors ?? []), ...(fields.productId!.errors ?? [])]} />
        <input type="hidden" name="productId" value={product.id} />
        <CertificationFields fields={fields} today={today} />
        <div className={`field${file.errors?.length ? " field--invalid" : ""}`}>
          <label htmlFor={file.id}>
            {t("portal.certificates.scan")}
            <span aria-hidden="true"> *</span>
          </label>
          <p id={file.descriptionId} className="field__hint">
            {t("portal.certificates.scanHint")}
          </p>
          <input {...getInputProps(file, { type: "file", ariaDescribedBy: file.descriptionId })} accept="application/pdf,image/jpeg,image/png,image/webp" />
          <FieldErrors id={file.errorId} errors={file.errors} />
        </div>
        <div className="form-actions">
          <SubmitButton pendingLabel={t("admin.media.uploading")}>{t("portal.certificates.submit")}</SubmitButton>
        </div>
      </SchemaForm>
    </>
  );
}
