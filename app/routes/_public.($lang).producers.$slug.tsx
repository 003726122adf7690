import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n/translate";
import { LocalizedText } from "~/components/localized-text";
import { ProducerContactFacts } from "~/components/producer-contacts";
import { ProductCard } from "~/components/product-card";
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
import { vietnamToday } from "~/lib/dates";
import { getProducerProfile } from "~/modules/producers/directory.server";
import { productCardView } from "~/modules/catalogue/card-view";

export async function loader({ params }: LoaderFunctionArgs) {
  const language = requireLanguage(params);
  const profile = await getProducerProfile(db, params.slug ?? "", vietnamToday());
  invariantResponse(profile, "Producer not found", 404);
  return { language, origin: publicOrigin(), ...profile, products: profile.products.map((card) => productCardView(card, language)) };
}

export const headers: HeadersFunction = () => PUBLIC_PAGE_HEADERS;

/** Digits of a phone number for tel: and Zalo links, keeping a leading "+". */

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  if (!data) return [];
  const messages = resources[data.language].translation;
  const { producer, origin } = data;
  const description =
    localized(data.language, producer.descriptionVi, producer.descriptionEn).text.slice(0, 200) ||
    `${messages.producers[`type_${producer.type}`]} · ${[producer.commune?.nameVi, data.language === "en" ? producer.province.nameEn : producer.province.nameVi].filter(Boolean).join(", ")}`;
  const url = origin + (data.language === "en" ? "/en" : "") + `/producers/${producer.slug}`;
  const jsonLd = {
    "@context": "https://schema.org",
    "@type": "Organization",
    name: producer.legalName,
    url,
    description,
    address: {
      "@type": "PostalAddress",
      ...(producer.street ? { streetAddress: producer.street } : {}),
      ...(producer.commune ? { addressLocality: producer.commune.nameVi } : {}),
      addressRegion: producer.province.nameVi,
      addressCountry: "VN",
    },
    ...(producer.phone ? { telephone: producer.phone } : {}),
    ...(producer.email ? { email: producer.email } : {}),
    ...(producer.website ? { sameAs: [producer.website] } : {}),
  };
  return [
    { title: `${producer.legalName} · ${messages.producers.title} · ${messages.site.name}` },
    { name: "description", content: description },
    { property: "og:type", content: "website" },
    { property: "og:title", content: producer.legalName },
    { property: "og:description", content: description },
    { property: "og:url", content: url },
    ...alternateLinks(origin, `/producers/${producer.slug}`),
    { "script:ld+json": jsonLd },
  ];
};

export default function ProducerPage() {
  const { producer, products, productTotal, certifiedProducts, bestStars } = useLoaderData<typeof loader>();
  const t = useT();
  const language = useLanguage();
  const to = useLocalizedPath();
  const address = [producer.street, producer.commune?.nameVi, language === "en" ? producer.province.nameEn : producer.province.nameVi]
    .filter(Boolean)
    .join(", ");
  const registration = producer.registrationNumber
    ? [
        producer.registrationNumber,
        producer.registrationDate ? t("producers.registeredOn", { date: formatDay(language, producer.registrationDate) }) : null,
        producer.registrationOffice,
      ]
        .filter(Boolean)
        .join(" · ")
    : null;
  const hasContacts = Boolean(producer.phone || producer.zalo || producer.email || producer.website);

  return (
    <article className="producer-page" data-testid="producer-profile">
      <p className="producer-page__back">
        <Link to={to("/producers")}>← {t("producers.backToDirectory")}</Link>
      </p>
      <h1>{producer.legalName}</h1>
      <p className="producer-page__summary">
        <span className="producer-page__type" data-testid="producer-type">
          {t(`producers.type_${producer.type}`)}
        </span>{" "}
        ·{" "}
        <span data-testid="certified-products" data-count={certifiedProducts}>
          {certifiedProducts > 0 ? t("producers.certifiedProducts", { count: certifiedProducts }) : t("producers.noCertifiedProducts")}
        </span>
        {bestStars ? (
          <>
            {" "}
            · {t("producers.bestStars")} <Stars count={bestStars} />
          </>
        ) : null}
      </p>

      <div className="producer-page__layout">
        <div className="producer-page__facts">
          <dl className="facts">
            <dt>{t("producers.type")}</dt>
            <dd>{t(`producers.type_${producer.type}`)}</dd>
            {registration ? (
              <>
                <dt>{t("producers.registrationNumber")}</dt>
                <dd data-testid="registration-number">{registration}</dd>
              </>
            ) : null}
            {producer.legalRepName ? (
              <>
                <dt>{t("producers.legalRep")}</dt>
                <dd>{[producer.legalRepName, producer.legalRepTitle].filter(Boolean).join(", ")}</dd>
              </>
            ) : null}
            <dt>{t("product.address")}</dt>
            <dd data-testid="producer-address">{address}</dd>
            {producer.formerDistrict || producer.formerProvince ? (
              <>
                <dt>{t("product.formerAddress")}</dt>
                <dd>{[producer.formerDistrict, producer.formerProvince].filter(Boolean).join(", ")}</dd>
              </>
            ) : null}
          </dl>
        </div>

        {hasContacts ? (
          <section className="producer-page__contacts" aria-labelledby="contacts-heading">
            <h2 id="contacts-heading">{t("producers.contacts")}</h2>
            <dl className="facts">
              <ProducerContactFacts producer={producer} />
            </dl>
          </section>
        ) : null}
      </div>

      {producer.descriptionVi || (language === "en" && producer.descriptionEn) ? (
        <section aria-labelledby="about-heading">
          <h2 id="about-heading">{t("producers.about")}</h2>
          <LocalizedText as="p" vi={producer.descriptionVi} en={producer.descriptionEn} />
        </section>
      ) : null}

      <section aria-labelledby="products-heading">
        <h2 id="products-heading">
          {t("producers.products")} <span className="count">({productTotal})</span>
        </h2>
        {products.length ? (
          <div className="product-grid" data-testid="producer-products">
            {products.map((product) => (
              <ProductCard key={product.slug} product={product} />
            ))}
          </div>
        ) : (
          <p>{t("producers.noProducts")}</p>
        )}
        {productTotal > products.length ? (
          <p>
            <Link to={to(`/products?producer=${producer.slug}&status=all&sort=stars`)}>{t("producers.allProducts", { count: productTotal })}</Link>
          </p>
        ) : null}
      </section>
    </article>
  );
}
