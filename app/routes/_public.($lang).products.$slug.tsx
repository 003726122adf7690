import { GALLERY_MAIN_SIZES, GALLERY_THUMBNAIL_SIZES, imageSources, placeholderSrc } from "~/modules/media/image-sources";
import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n/translate";
import { CertificationStatusBadge } from "~/components/certification-status";
import { LocalizedText } from "~/components/localized-text";
import { ProducerContactFacts } from "~/components/producer-contacts";
import { Stars } from "~/components/stars";
import { db } from "~/db.server";
import { PUBLIC_PAGE_HEADERS } from "~/lib/cache-headers";
import { alternateLinks } from "~/i18n/alternates";
import { resources } from "~/i18n/config";
import { formatDay, localized } from "~/i18n/format";
import { requireLanguage } from "~/i18n/language.server";
import { useLanguage, useLocalizedPath } from "~/i18n/use-language";
import { invariantResponse } from "~/lib/errors.server";
import { publicOrigin } from "~/lib/origin.server";
import { getProductPage } from "~/modules/catalogue/product-page.server";
import { qrSvg, verificationUrl } from "~/modules/certifications/qr.server";
import { vietnamToday } from "~/lib/dates";

export async function loader({ params }: LoaderFunctionArgs) {
  const language = requireLanguage(params);
  const page = await getProductPage(db, params.slug ?? "", vietnamToday());
  invariantResponse(page, "Product not found", 404);
  const origin = publicOrigin();
  const verifyUrl = verificationUrl(origin, page.standing.verificationCode);
  return { language, origin, ...page, verifyUrl, qr: await qrSvg(verifyUrl) };
}

export const headers: HeadersFunction = () => PUBLIC_PAGE_HEADERS;

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  if (!data) return [];
  const messages = resources[data.language].translation;
  const { product, standing, origin } = data;
  const name = localized(data.language, product.nameVi, product.nameEn).text;
  const description = localized(data.language, product.descriptionVi, product.descriptionEn).text.slice(0, 200);
  const image = product.images[0] ? origin + imageSources(product.images[0]).src : undefined;
  const url = origin + (data.language === "en" ? "/en" : "") + `/products/${product.slug}`;
  const jsonLd = {
    "@context": "https://schema.org",
    "@type": "Product",
    name,
    description,
    url,
    ...(image ? { image } : {}),
    category: localized(data.language, product.productSet.nameVi, product.productSet.nameEn).text,
    manufacturer: { "@type": "Organization", name: product.producer.legalName, url: `${origin}/producers/${product.producer.slug}` },
    ...(data.inForce ? { award: `OCOP ${standing.stars}★ (${standing.decisionNumber})` } : {}),
  };
  return [
    { title: `${name} · OCOP ${standing.stars}★ · ${messages.site.name}` },
    { name: "description", content: description },
    { property: "og:type", content: "product" },
    { property: "og:title", content: name },
    { property: "og:description", content: description },
    { property: "og:url", content: url },
    ...(image ? [{ property: "og:image", content: image }] : []),
    ...alternateLinks(origin, `/products/${product.slug}`),
    { "script:ld+json": jsonLd },
  ];
};

export default function ProductPage() {
  const { product, history, standing, inForce, related, qr, verifyUrl } = useLoaderData<typeof loader>();
  const t = useT();
  const language = useLanguage();
  const to = useLocalizedPath();
  const producer = product.producer;
  const address = [producer.street, producer.commune?.nameVi, language === "en" ? producer.province.nameEn : producer.province.nameVi]
    .filter(Boolean)
    .join(", ");
  return (
    <article className="product-page">
      <h1>
        <LocalizedText vi={product.nameVi} en={product.nameEn} />
      </h1>
      <div className="product-page__layout">
        <section className="gallery" aria-label={t("product.gallery")} data-testid="gallery">
          {product.images.length === 0 ? (
            <img src={placeholderSrc(product.productSet.group.code)} width={400} height={300} alt="" data-testid="image-placeholder" />
          ) : null}
          {product.images.map((image, index) => (
            <img
              key={image.storageKey}
              {...imageSources(image)}
              sizes={index === 0 ? GALLERY_MAIN_SIZES : GALLERY_THUMBNAIL_SIZES}
              alt={(language === "en" && image.altEn) || image.altVi}
              loading={index === 0 ? "eager" : "lazy"}
            />
          ))}
        </section>

        <section className="cert-block" aria-labelledby="cert-heading" data-testid="certification-block">
          <h2 id="cert-heading">{t("product.certificationBlock")}</h2>
          <p className="cert-block__stars">
            <Stars count={standing.stars} /> <CertificationStatusBadge status={standing.status} />
          </p>
          {!inForce ? <p className="notice">{t("product.noCurrent")}</p> : null}
          <dl className="facts">
            <dt>{t("certification.decision")}</dt>
            <dd data-testid="decision-number">{standing.decisionNumber}</dd>
            <dt>{t("certification.signedOn")}</dt>
            <dd>{formatDay(language, standing.signedOn)}</dd>
            <dt>{t("certification.issuer")}</dt>
            <dd>
              {standing.issuerName} ({t(`certification.level_${standing.issuerLevel}`)})
            </dd>
            <dt>{t("certification.validUntilLabel")}</dt>
            <dd data-testid="valid-until">{formatDay(language, standing.validUntil)}</dd>
            {standing.score !== null ? (
              <>
                <dt>{t("certification.score")}</dt>
                <dd>{standing.score}/100</dd>
              </>
            ) : null}
          </dl>
        </section>
      </div>

      <section className="product-details">
        <LocalizedText as="p" vi={product.descriptionVi} en={product.descriptionEn} />
        <dl className="facts">
          <dt>{t("product.productSet")}</dt>
          <dd>
            {product.productSet.group.code}.{product.productSet.id} —{" "}
            <LocalizedText vi={product.productSet.nameVi} en={product.productSet.nameEn} />
          </dd>
          {product.packagingVi ? (
            <>
              <dt>{t("product.packaging")}</dt>
              <dd>
                <LocalizedText vi={product.packagingVi} en={product.packagingEn} />
              </dd>
            </>
          ) : null}
        </dl>
      </section>

      <section aria-labelledby="history-heading">
        <h2 id="history-heading">{t("product.history")}</h2>
        <ol className="timeline" data-testid="rating-history">
          {history.map((cert) => (
            <li key={cert.id} className={`timeline__item timeline__item--${cert.status}`}>
              <p>
                <time dateTime={cert.signedOn.toISOString().slice(0, 10)}>{formatDay(language, cert.signedOn)}</time> ·{" "}
                {t(`certification.kind_${cert.evaluationKind}`)}
              </p>
              <p>
                <Stars count={cert.stars} /> <CertificationStatusBadge status={cert.status} />
              </p>
              <p>
                {t("certification.decision")} {cert.decisionNumber} · {cert.issuerName} ·{" "}
                {t("certification.validUntil", { date: formatDay(language, cert.validUntil) })}
              </p>
              {cert.supersededBy ? (
                <p data-testid="superseded-by">
                  {t("certification.supersededBy", { decision: cert.supersededBy.decisionNumber, date: formatDay(language, cert.supersededBy.signedOn) })}
                </p>
              ) : null}
              {cert.revokedOn ? (
                <p>
                  {t("certification.revokedOn", { date: formatDay(language, cert.revokedOn) })}
                  {cert.revocationReason ? ` — ${t("certification.reason")}: ${cert.revocationReason}` : null}
                </p>
              ) : null}
            </li>
          ))}
        </ol>
      </section>

      <section className="producer-card" aria-labelledby="producer-heading">
        <h2 id="producer-heading">{t("product.producer")}</h2>
        <p className="producer-card__name">
          <Link to={to(`/producers/${producer.slug}`)}>{producer.legalName}</Link>
        </p>
        <dl className="facts">
          <ProducerContactFacts producer={producer} />
          <dt>{t("product.address")}</dt>
          <dd>{address}</dd>
          {producer.formerDistrict ? (
            <>
              <dt>{t("product.formerAddress")}</dt>
              <dd>{[producer.formerDistrict, producer.formerProvince].filter(Boolean).join(", ")}</dd>
            </>
          ) : null}
        </dl>
      </section>

      {qr ? (
        <section className="qr" aria-labelledby="qr-heading">
          <h2 id="qr-heading">{t("product.qrTitle")}</h2>
          <p>{t("product.qrHelp")}</p>
          {/* The SVG is generated on the server by the qrcode library from our own URL. */}
          <div className="qr__code" role="img" aria-label={verifyUrl} dangerouslySetInnerHTML={{ __html: qr }} />
          <p>
            <a href={verifyUrl} data-testid="verify-link">
              {t("product.verifyLink")}
            </a>
          </p>
          <button type="button" className="print-button" onClick={() => window.print()}>
            {t("product.print")}
          </button>
        </section>
      ) : null}

      {related.length ? (
        <section aria-labelledby="related-heading">
          <h2 id="related-heading">{t("product.related")}</h2>
          <ul className="related">
            {related.map((item) => (
              <li key={item.slug}>
                <Link to={to(`/products/${item.slug}`)}>
                  <LocalizedText vi={item.nameVi} en={item.nameEn} />
                </Link>{" "}
                {item.standingCertification ? <Stars count={item.standingCertification.stars} /> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </article>
  );
}
