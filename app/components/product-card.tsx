import { CARD_IMAGE_SIZES, imageSources, placeholderSrc } from "~/modules/media/image-sources";
import { Link } from "@remix-run/react";
import { useT } from "~/i18n/translate";
import { formatDay } from "~/i18n/format";
import { useLanguage, useLocalizedPath } from "~/i18n/use-language";
import type { ProductCardView } from "~/modules/catalogue/card-view";
import { CertificationStatusBadge } from "./certification-status";
import { LocalizedText } from "./localized-text";
import { Stars } from "./stars";

export function ProductCard({ product }: { product: ProductCardView }) {
  const t = useT();
  const language = useLanguage();
  const to = useLocalizedPath();
  const { image } = product;
  return (
    <article className={`product-card product-card--${product.status}`} data-testid="product-card">
      {image ? (
        <img {...imageSources(image)} sizes={CARD_IMAGE_SIZES} alt={image.alt} loading="lazy" />
      ) : (
        // Decorative: the product group's drawing; the title below names the product.
        <img src={placeholderSrc(product.groupCode)} width={400} height={300} alt="" loading="lazy" data-testid="image-placeholder" />
      )}
      <div className="product-card__body">
        <h3 className="product-card__title">
          <Link to={to(`/products/${product.slug}`)}>
            <LocalizedText vi={product.nameVi} en={product.nameEn} />
          </Link>
        </h3>
        <p className="product-card__producer">{product.producerName}</p>
        <p className="product-card__meta">
          <Stars count={product.stars} /> <CertificationStatusBadge status={product.status} />
        </p>
        <p className="product-card__valid">{t("certification.validUntil", { date: formatDay(language, product.validUntil) })}</p>
        <p className="product-card__place">{product.place}</p>
      </div>
    </article>
  );
}
