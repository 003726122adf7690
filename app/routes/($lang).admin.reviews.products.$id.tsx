import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import type { BreadcrumbHandle } from "~/components/admin/admin-chrome";
import { ReviewConversation } from "~/components/admin/review-conversation";
import { ReviewDecisions } from "~/components/admin/review-decisions";
import { ReviewFacts } from "~/components/admin/review-facts";
import { db } from "~/db.server";
import { localizedPath, resources } from "~/i18n/config";
import { formatDay } from "~/i18n/format";
import { requireLanguage } from "~/i18n/language.server";
import { useT } from "~/i18n/translate";
import { useLanguage, useLocalizedPath } from "~/i18n/use-language";
import { invariantResponse } from "~/lib/errors.server";
import { submitForm } from "~/lib/forms.server";
import { redirectWithToast } from "~/lib/toast.server";
import { requireStaff } from "~/modules/accounts/guard.server";
import { imageSources } from "~/modules/media/image-sources";
import { parseRecordId } from "~/modules/producers/admin-record.server";
import { decideProduct } from "~/modules/reviews/decisions.server";
import { ReviewDecisionSchema } from "~/modules/reviews/forms";
import { productForReview } from "~/modules/reviews/items.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const language = requireLanguage(params);
  const { actor } = await requireStaff(request, context);
  const id = parseRecordId(params.id);
  const product = id === undefined ? null : await productForReview(db, actor, id);
  invariantResponse(product, "Product not found", 404);
  return { language, product };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const language = requireLanguage(params);
  const { actor } = await requireStaff(request, context);
  const id = parseRecordId(params.id);
  invariantResponse(id !== undefined, "Product not found", 404);
  const outcome = await submitForm(await request.formData(), ReviewDecisionSchema, (payload) => decideProduct(db, actor, id, payload));
  invariantResponse(outcome.ok || outcome.reply.init?.status !== 404, "Product not found", 404);
  return outcome.ok ? redirectWithToast(localizedPath(language, "/admin/reviews"), "status") : outcome.reply;
}

export const handle: BreadcrumbHandle = {
  breadcrumb: (t, data) => (data as { product?: { nameVi: string } } | undefined)?.product?.nameVi ?? t("admin.reviews.title"),
};

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  const messages = resources[data?.language ?? "vi"].translation.admin;
  const title = data ? messages.reviews.productTitle.replace("{{name}}", () => data.product.nameVi) : messages.reviews.title;
  return [{ title: `${title} · ${messages.shell.title}` }, { name: "robots", content: "noindex" }];
};

export default function ReviewProduct() {
  const { product } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const language = useLanguage();
  const to = useLocalizedPath();
  const field = (name: string) => t(`admin.products.fields.${name}` as never) as string;
  const status = t(`admin.products.status_${product.status}`);
  const named = (vi: string, en: string | null) => (language === "en" && en ? en : vi);
  const yesNo = (done: boolean) => (done ? t("admin.reviews.completeYes") : t("admin.reviews.completeNo"));
  return (
    <>
      <h1>{t("admin.reviews.productTitle", { name: product.nameVi })}</h1>
      <p className="admin-record__meta">
        <span className="review-status" data-testid="review-status" data-status={product.status}>
          {t("admin.reviews.statusNow", { status })}
        </span>
        {product.statusReason ? ` · ${product.statusReason}` : null} · <Link to={to("/admin/reviews")}>{t("admin.reviews.backToQueue")}</Link> ·{" "}
        <Link to={to(`/admin/products/${product.id}`)}>{t("admin.reviews.productRecord")}</Link>
      </p>

      <div className="admin-record">
        <div className="admin-record__main">
          <section aria-labelledby="product-heading">
            <h2 id="product-heading">{t("admin.reviews.productDetails")}</h2>
            <ReviewFacts
              testId="product-facts"
              facts={[
                [t("admin.reviews.producer"), <Link key="producer" to={to(`/admin/reviews/producers/${product.producer.id}`)}>{product.producer.legalName}</Link>],
                [t("admin.reviews.colProvince"), named(product.producer.province.nameVi, product.producer.province.nameEn)],
                [t("admin.reviews.productSet"), `${product.productSet.id}. ${named(product.productSet.nameVi, product.productSet.nameEn)}`],
                [field("nameVi"), product.nameVi],
                [field("nameEn"), product.nameEn],
                [field("descriptionVi"), product.descriptionVi],
                [field("descriptionEn"), product.descriptionEn],
                [field("packagingVi"), product.packagingVi],
                [field("packagingEn"), product.packagingEn],
                [field("unit"), product.unit],
              ]}
            />
          </section>

          <section aria-labelledby="completeness-heading" data-testid="product-completeness">
            <h2 id="completeness-heading">{t("admin.reviews.completenessTitle")}</h2>
            <ReviewFacts
              facts={[
                [t("admin.reviews.complete_images"), yesNo(product.completeness.images)],
                [t("admin.reviews.complete_english"), yesNo(product.completeness.english)],
                [t("admin.reviews.complete_certificate"), t(`admin.reviews.certificate_${product.completeness.certificate}`)],
              ]}
            />
            <p className="field__hint">{t("admin.reviews.publicHint")}</p>
          </section>

          <section aria-labelledby="images-heading">
            <h2 id="images-heading">{t("admin.reviews.imagesTitle")}</h2>
            {product.images.length === 0 ? (
              <p>{t("admin.reviews.imagesNone")}</p>
            ) : (
              <div className="gallery">
                {product.images.map((image) => {
                  const sources = imageSources(image);
                  return <img key={image.id} src={sources.src} width={sources.width} height={sources.height} alt={named(image.altVi, image.altEn)} loading="lazy" />;
                })}
              </div>
            )}
          </section>

          <section aria-labelledby="certificates-heading">
            <h2 id="certificates-heading">{t("admin.reviews.certificatesTitle")}</h2>
            {product.certifications.length === 0 ? (
              <p>{t("admin.reviews.certificatesNone")}</p>
            ) : (
              <ul className="admin-links" data-testid="product-certificates">
                {product.certifications.map((cert) => (
                  <li key={cert.id} data-review-status={cert.reviewStatus}>
                    {t("admin.reviews.certificateLine", { stars: cert.stars, decision: cert.decisionNumber, day: formatDay(language, cert.signedOn) })} ·{" "}
                    {t(`admin.reviews.reviewStatus_${cert.reviewStatus}`)}
                    {cert.reviewStatus === "PENDING" ? (
                      <>
                        {" · "}
                        <Link to={to(`/admin/reviews/certifications/${cert.id}`)}>{t("admin.reviews.reviewCertificate")}</Link>
                      </>
                    ) : null}
                  </li>
                ))}
              </ul>
            )}
          </section>

          <ReviewConversation messages={product.messages} />
        </div>

        <aside className="admin-record__side">
          <ReviewDecisions waiting={product.waiting} statusLabel={status} version={product.version} lastResult={actionData?.result} />
        </aside>
      </div>
    </>
  );
}
