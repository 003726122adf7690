import { CARD_IMAGE_SIZES, imageSources, placeholderSrc } from "~/modules/media/image-sources";
import { Link } from "@remix-run/react";
import { useT } from "~/i18n/translate";
import { formatDay } from "~/i18n/format";
import { useLanguage, useLocalizedPath } from "~/i18n/use-language";
import type { ProductCard as ProductCardData } from "~/modules/catalogue/search.server";
import { CertificationStatusBadge } from "./certification-status";
import { LocalizedText } from "./localized-text";
import { Stars } from "./stars";

export function ProductCard({ product }: { product: ProductCardData }) {
  const t = useT();
  const language = useLanguage();
  const to = useLocalizedPath();
  const image = product.images[0];
  const cert = product.certification;
  return (
    <article className={`product-card product-card--${cert.status}`} data-testid="product-card">
      {image ? (
        <img {...imageSources(image)} sizes={CARD_IMAGE_SIZES} alt={(language === "en" && image.altEn) || image.altVi} loading="lazy" />
      ) : (
        // Decorative: the product group's drawing; the title below names the product.
        <img src={placeholderSrc(product.productSet.group.code)} width={400} height={300} alt="" loading="lazy" data-testid="image-placeholder" />
      )}
      <div className="product-card__body">
        <h3 className="product-card__title">
          <Link to={to(`/products/${product.slug}`)}>
            <LocalizedText vi={product.nameVi} en={product.nameEn} />
          </Link>
        </h3>
        <p className="product-card__producer">{product.producer.legalName}</p>
        <p className="product-card__meta">
          <Stars count={cert.stars} /> <CertificationStatusBadge status={cert.status} />
        </p>
        <p className="product-card__valid">{t("certification.validUntil", { date: formatDay(language, cert.validUntil) })}</p>
        <p className="product-card__place">
          {[product.producer.commune?.nameVi, language === "en" ? product.producer.province.nameEn : product.producer.province.nameVi]
            .filter(Boolean)
            .join(", ")}
        </p>
      </div>
    </article>
  );
}
