import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n/translate";
import { z } from "zod";
import type { BreadcrumbHandle } from "~/components/admin/admin-chrome";
import { DeleteRecordSchema, DeleteRecordSection } from "~/components/admin/delete-record";
import { ProductFormFields } from "~/components/admin/product-form-fields";
import { RecordHistory } from "~/components/admin/record-history";
import { CertificationStatusBadge } from "~/components/certification-status";
import { ConflictNotice, FormErrors, SchemaForm, SubmitButton, useSchemaForm } from "~/components/forms";
import { Stars } from "~/components/stars";
import { db } from "~/db.server";
import { localizedPath, resources } from "~/i18n/config";
import { formatDay } from "~/i18n/format";
import { requireLanguage } from "~/i18n/language.server";
import { useLanguage, useLocalizedPath } from "~/i18n/use-language";
import { vietnamToday } from "~/lib/dates";
import { invariantResponse } from "~/lib/errors.server";
import { submitForm } from "~/lib/forms.server";
import { redirectWithToast } from "~/lib/toast.server";
import { requireAdmin, requireStaff } from "~/modules/accounts/guard.server";
import { recordHistory } from "~/modules/audit/history.server";
import { parseRecordId, producerLabel } from "~/modules/producers/admin-record.server";
import { productForEdit, productSetOptions } from "~/modules/products/admin-record.server";
import { ProductEditSchema } from "~/modules/products/forms";
import { deleteProduct, setProductArchived, updateProduct } from "~/modules/products/service.server";

const IntentSchema = z.enum(["save", "archive", "restore", "delete"]);

/** Deleting for good asks for a ticked confirmation (the browser checks it too). */

// `?producerId=<id>` comes back from the producer list when staff pick another producer.
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { actor, user } = await requireStaff(request, context);
  const language = requireLanguage(params);
  const id = parseRecordId(params.id);
  // Missing and out of scope look the same: a product the actor may not see does not exist for them.
  const product = id === undefined ? null : await productForEdit(db, actor, id, vietnamToday());
  invariantResponse(product, "Product not found", 404);
  const pickedId = parseRecordId(new URL(request.url).searchParams.get("producerId"));
  const [groups, history, picked] = await Promise.all([
    productSetOptions(db),
    recordHistory(db, actor, "product", product.id),
    pickedId === undefined || pickedId === product.producerId ? null : producerLabel(db, actor, pickedId),
  ]);
  return {
    language,
    product,
    groups,
    history,
    picked,
    canDelete: user.role === "ADMIN",
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { actor } = await requireStaff(request, context);
  const language = requireLanguage(params);
  const id = parseRecordId(params.id);
  invariantResponse(id !== undefined, "Product not found", 404);
  const formData = await request.formData();
  const intent = IntentSchema.safeParse(formData.get("intent"));
  invariantResponse(intent.success, "Unknown action", 400);
  const here = localizedPath(language, `/admin/products/${id}`);

  switch (intent.data) {
    case "save": {
      const outcome = await submitForm(formData, ProductEditSchema, (payload) => updateProduct(db, actor, id, payload));
      return outcome.ok ? redirectWithToast(here, "saved") : outcome.reply;
    }
    case "archive":
    case "restore":
      await setProductArchived(db, actor, id, intent.data === "archive");
      return redirectWithToast(here, intent.data === "archive" ? "archived" : "restored");
    case "delete": {
      const { actor: admin } = await requireAdmin(request, context);
      const outcome = await submitForm(formData, DeleteRecordSchema, () => deleteProduct(db, admin, id));
      return outcome.ok ? redirectWithToast(localizedPath(language, "/admin/products"), "deleted") : outcome.reply;
    }
  }
}

export const handle: BreadcrumbHandle = {
  breadcrumb: (t, data) => (data as { product?: { nameVi: string } } | undefined)?.product?.nameVi ?? t("admin.products.title"),
};

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  const messages = resources[data?.language ?? "vi"].translation.admin;
  return [{ title: `${data?.product.nameVi ?? messages.products.title} · ${messages.shell.title}` }];
};

type LoadedProduct = ReturnType<typeof useLoaderData<typeof loader>>["product"];

/** The form's starting values: the stored record, as the inputs hold them (text). */
function formValues(product: LoadedProduct, producerId: number) {
  const fields = {
    nameVi: product.nameVi,
    nameEn: product.nameEn,
    descriptionVi: product.descriptionVi,
    descriptionEn: product.descriptionEn,
    productSetId: product.productSetId,
    producerId,
    packagingVi: product.packagingVi,
    packagingEn: product.packagingEn,
    unit: product.unit,
    status: product.status,
  };
  return Object.fromEntries(Object.entries(fields).map(([name, value]) => [name, value === null ? undefined : String(value)]));
}

export default function EditProduct() {
  const { product, groups, history, picked, canDelete } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const language = useLanguage();
  const to = useLocalizedPath();
  const sentBy = actionData?.result.initialValue?.intent;
  const conflict = actionData?.conflict;
  // After a conflict, saving again carries the newer version: staff overwrite knowingly.
  const version = conflict?.version ?? product.version;
  const producer = picked ?? product.producer;
  const [form, fields] = useSchemaForm(ProductEditSchema, {
    id: "product-edit",
    lastResult: sentBy === "save" ? actionData?.result : undefined,
    defaultValue: formValues(product, producer.id),
  });
  const fieldLabel = (field: string) =>
    t(`admin.products.fields.${field}` as never, { defaultValue: t(`admin.media.fields.${field}` as never, { defaultValue: field }) }) as string;
  const here = to(`/admin/products/${product.id}`);
  const cert = product.standingCertification;

  return (
    <>
      <h1>{product.nameVi}</h1>
      <p className="admin-record__meta">
        {t("admin.products.recordId", { id: product.id })} · {t("admin.shell.version", { version: product.version })} ·{" "}
        <span className={`publication-status publication-status--${product.status}`} data-testid="product-status">
          {t(`admin.products.status_${product.status}`)}
        </span>
      </p>
      {conflict ? <ConflictNotice conflict={conflict} fieldLabel={fieldLabel} reloadHref={here} /> : null}

      <div className="admin-record">
        <section aria-labelledby="product-form-heading" className="admin-record__main">
          <h2 id="product-form-heading">{t("admin.shell.edit")}</h2>
          {picked ? (
            <p className="notice" role="status">
              {t("admin.products.producerChanges")}
            </p>
          ) : null}
          <SchemaForm form={form}>
            <FormErrors id={form.errorId} errors={form.errors} />
            <input type="hidden" name="version" value={version} />
            <ProductFormFields fields={fields} groups={groups} producer={producer} pickHref={to(`/admin/producers?pick=product&for=${product.id}`)} />
            <div className="form-actions">
              <SubmitButton intent="save">{conflict && sentBy === "save" ? t("admin.shell.conflictOverwrite") : t("admin.shell.save")}</SubmitButton>
            </div>
          </SchemaForm>
        </section>

        <aside className="admin-record__side">
          <section aria-labelledby="producer-heading">
            <h2 id="producer-heading">{t("admin.products.producer")}</h2>
            <p>
              <Link to={to(`/admin/producers/${product.producer.id}`)}>{product.producer.legalName}</Link>
            </p>
            {product.isPublic ? (
              <p>
                <Link to={to(`/products/${product.slug}`)}>{t("admin.products.publicPage")}</Link>
              </p>
            ) : null}
          </section>

          <section aria-labelledby="images-heading">
            <h2 id="images-heading">{t("admin.media.title")}</h2>
            <p>
              <Link to={to(`/admin/products/${product.id}/images`)} data-testid="manage-images">
                {t("admin.media.manage")}
              </Link>
            </p>
          </section>

          <section aria-labelledby="certifications-heading" data-testid="product-certifications">
            <h2 id="certifications-heading">{t("admin.products.certifications")}</h2>
            {cert ? (
              <p>
                <Stars count={cert.stars} /> <CertificationStatusBadge status={cert.status} />
                <br />
                {t("admin.products.standing", { decision: cert.decisionNumber, date: formatDay(language, cert.validUntil) })}
              </p>
            ) : (
              <p>{t("admin.products.noStanding")}</p>
            )}
            <ul className="admin-links">
              <li>
                <Link to={to(`/admin/certifications?product=${product.id}`)}>
                  {t("admin.products.viewCertifications")} ({t("admin.products.certificationCount", { count: product._count.certifications })})
                </Link>
              </li>
              <li>
                <Link to={to(`/admin/certifications/new?productId=${product.id}`)}>{t("admin.products.addCertification")}</Link>
              </li>
            </ul>
          </section>

          <section aria-labelledby="archive-heading">
            <h2 id="archive-heading">{t("admin.products.archiveTitle")}</h2>
            <Form method="post">
              {product.status === "ARCHIVED" ? (
                <>
                  <p className="field__hint">{t("admin.products.restoreHint")}</p>
                  <SubmitButton intent="restore">{t("admin.shell.restore")}</SubmitButton>
                </>
              ) : (
                <>
                  <p className="field__hint">{t("admin.products.archiveHint")}</p>
                  <SubmitButton intent="archive" className="button button--secondary">
                    {t("admin.shell.archive")}
                  </SubmitButton>
                </>
              )}
            </Form>
          </section>

          {canDelete ? (
            <DeleteRecordSection
              formId="product-delete"
              title={t("admin.products.deleteTitle")}
              help={t("admin.products.deleteHelp")}
              lastResult={sentBy === "delete" ? actionData?.result : undefined}
            />
          ) : null}
        </aside>
      </div>

      <RecordHistory events={history} fieldLabel={fieldLabel} />
    </>
  );
}
