/**
 * What a product card shows, in the page's language. Loaders send this rather
 * than the whole card: the page's data is written into the HTML for the
 * browser to hydrate from, so every field a card does not show (packaging,
 * the decision number, the other language's place) was sent twice and encoded
 * on every uncached search.
 */
import type { Language } from "~/i18n/config";
import type { StoredImage } from "~/modules/media/image-sources";
import type { ProductCard } from "./search.server";
import type { CertificationStatus } from "./visibility.server";

export type ProductCardView = {
  slug: string;
  nameVi: string;
  nameEn: string | null;
  /** The product group (I–VI), for the placeholder drawing of a product without images. */
  groupCode: string;
  producerName: string;
  /** Commune and province, in the page's language. */
  place: string;
  image: (Omit<StoredImage, "altVi" | "altEn"> & { alt: string }) | null;
  stars: number;
  status: CertificationStatus;
  validUntil: Date;
};

export function productCardView(card: ProductCard, language: Language): ProductCardView {
  const { province, commune } = card.producer;
  return {
    slug: card.slug,
    nameVi: card.nameVi,
    nameEn: card.nameEn,
    groupCode: card.productSet.group.code,
    producerName: card.producer.legalName,
    place: cardPlace(commune?.nameVi, province, language),
    image: cardImage(card.images[0], language),
    stars: card.certification.stars,
    status: card.certification.status,
    validUntil: card.certification.validUntil,
  };
}

/** "Commune, Province" in the page's language (communes have no English name). */
export function cardPlace(communeName: string | null | undefined, province: { nameVi: string; nameEn: string }, language: Language): string {
  return [communeName, language === "en" ? province.nameEn : province.nameVi].filter(Boolean).join(", ");
}

/** The card's picture, with its alternative text in the page's language. */
export function cardImage(image: StoredImage | undefined, language: Language): ProductCardView["image"] {
  return image
    ? { storageKey: image.storageKey, widths: image.widths, width: image.width, height: image.height, alt: (language === "en" && image.altEn) || image.altVi }
    : null;
}
