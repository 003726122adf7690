import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n/translate";
import type { BreadcrumbHandle } from "~/components/admin/admin-chrome";
import { CertificationFields } from "~/components/admin/certification-fields";
import { CertificationStatusBadge } from "~/components/certification-status";
import { FieldErrors, FormErrors, SchemaForm, SubmitButton, useSchemaForm } from "~/components/forms";
import { Stars } from "~/components/stars";
import { db } from "~/db.server";
import { localizedPath, resources } from "~/i18n/config";
import { formatDay } from "~/i18n/format";
import { requireLanguage } from "~/i18n/language.server";
import { useLanguage, useLocalizedPath } from "~/i18n/use-language";
import { formatDate, vietnamToday } from "~/lib/dates";
import { invariantResponse } from "~/lib/errors.server";
import { submitForm } from "~/lib/forms.server";
import { redirectWithToast } from "~/lib/toast.server";
import { requireStaff } from "~/modules/accounts/guard.server";
import { findProductsForEntry, parseEntryQuery, productForEntry } from "~/modules/certifications/admin-record.server";
import { CertificationInputSchema } from "~/modules/certifications/forms";
import { createCertification } from "~/modules/certifications/service.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const language = requireLanguage(params);
  const { actor } = await requireStaff(request, context);
  const { productId, q = "" } = parseEntryQuery(new URL(request.url).searchParams);
  const today = vietnamToday();
  // A product outside the actor's scope does not exist for them.
  const product = productId ? await productForEntry(db, actor, productId, today) : null;
  invariantResponse(!productId || product, "Product not found", 404);
  const choices = !product && q ? await findProductsForEntry(db, actor, q) : [];
  return { language, product, q, choices, today: formatDate(today) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const language = requireLanguage(params);
  const { actor } = await requireStaff(request, context);
  const outcome = await submitForm(await request.formData(), CertificationInputSchema, (payload) =>
    createCertification(db, actor, payload, vietnamToday()),
  );
  if (!outcome.ok) return outcome.reply;
  return redirectWithToast(localizedPath(language, `/admin/certifications/${outcome.value.id}`), "created");
}

export const handle: BreadcrumbHandle = { breadcrumb: (t) => t("admin.certifications.newTitle") };

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  const messages = resources[data?.language ?? "vi"].translation.admin;
  return [{ title: `${messages.certifications.newTitle} · ${messages.shell.title}` }, { name: "robots", content: "noindex" }];
};

/** Without a product: find one by name (a GET form, so it works without JavaScript). */
function ProductChooser({ q, choices }: { q: string; choices: Array<{ id: number; nameVi: string; producer: string; province: { nameVi: string; nameEn: string } }> }) {
  const t = useT();
  const language = useLanguage();
  const to = useLocalizedPath();
  const here = to("/admin/certifications/new");
  return (
    <section aria-labelledby="choose-heading">
      <h2 id="choose-heading">{t("admin.certifications.chooseProduct")}</h2>
      <Form method="get" action={here} className="admin-filters">
        <div className="admin-filters__search">
          <label htmlFor="product-q">{t("admin.certifications.productSearchLabel")}</label>
          <p id="product-q-hint" className="field__hint">
            {t("admin.certifications.productSearchHint")}
          </p>
          <input id="product-q" name="q" type="search" defaultValue={q} maxLength={200} aria-describedby="product-q-hint" />
        </div>
        <div className="admin-filters__buttons">
          <button type="submit" className="button">
            {t("admin.certifications.productSearchButton")}
          </button>
        </div>
      </Form>
      {q ? (
        choices.length ? (
          <>
            <h3>{t("admin.certifications.productResults")}</h3>
            <ul className="cert-choices" data-testid="product-choices">
              {choices.map((choice) => (
                <li key={choice.id}>
                  <Link to={`${here}?productId=${choice.id}`}>{choice.nameVi}</Link>
                  <small>
                    {" "}
                    · {choice.producer} · {language === "en" ? choice.province.nameEn : choice.province.nameVi}
                  </small>
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p role="status">{t("admin.certifications.noProducts")}</p>
        )
      ) : null}
    </section>
  );
}

export default function NewCertification() {
  const { product, q, choices, today } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const language = useLanguage();
  const to = useLocalizedPath();
  const [form, fields] = useSchemaForm(CertificationInputSchema, {
    id: `certification-new-${product?.id ?? "none"}`,
    lastResult: actionData?.result,
    // A product that already holds a rating is usually being re-evaluated; after the reform the province issues 3★ and 4★.
    defaultValue: { evaluationKind: product?.standing ? "REEVALUATION" : "NEW", issuerLevel: "PROVINCE" },
  });

  return (
    <>
      <h1>{t("admin.certifications.newTitle")}</h1>
      {!product ? (
        <>
          {/* A refused entry posted without its product (or for one out of scope) says why here. */}
          <FormErrors id={form.errorId} errors={[...(form.errors ?? []), ...(fields.productId!.errors ?? [])]} />
          <ProductChooser q={q} choices={choices} />
        </>
      ) : (
        <>
          <section aria-labelledby="product-heading" className="cert-product" data-testid="entry-product">
            <h2 id="product-heading">
              {t("admin.certifications.forProduct")}: {product.nameVi}
            </h2>
            <p>
              {product.producer} · {language === "en" ? product.province.nameEn : product.province.nameVi} ·{" "}
              <Link to={to("/admin/certifications/new")}>{t("admin.certifications.chooseAnother")}</Link>
            </p>
            <h3>{t("admin.certifications.currentStanding")}</h3>
            {product.standing ? (
              <>
                <p data-testid="standing-certificate">
                  <Link to={to(`/admin/certifications/${product.standing.id}`)}>{product.standing.decisionNumber}</Link> ·{" "}
                  <Stars count={product.standing.stars} /> · {t("admin.certifications.signedOn")} {formatDay(language, product.standing.signedOn)} ·{" "}
                  {t("admin.certifications.validUntil")} {formatDay(language, product.standing.validUntil)} ·{" "}
                  <CertificationStatusBadge status={product.standing.status} />
                </p>
                <p>{t("admin.certifications.willSupersede", { date: formatDay(language, product.standing.signedOn) })}</p>
              </>
            ) : (
              <p>{t("admin.certifications.noStanding")}</p>
            )}
          </section>

          <section aria-labelledby="entry-heading">
            <h2 id="entry-heading">{t("admin.certifications.details")}</h2>
            <p className="field__hint">{t("admin.certifications.supersedeHelp")}</p>
            <SchemaForm form={form}>
              <FormErrors id={form.errorId} errors={form.errors} />
              <input type="hidden" name="productId" value={product.id} />
              <FieldErrors id={fields.productId!.errorId} errors={fields.productId!.errors} />
              <CertificationFields fields={fields} today={today} />
              <div className="form-actions">
                <SubmitButton>{t("admin.certifications.save")}</SubmitButton>
                <Link to={to(`/admin/certifications?product=${product.id}`)}>{t("admin.shell.cancel")}</Link>
              </div>
            </SchemaForm>
          </section>
        </>
      )}
    </>
  );
}
