/**
 * How a stored product image is addressed in pages and JSON. Pure, so that
 * components and loaders share it. The files themselves are written and
 * served by the media store (decision 011).
 */
export const MEDIA_URL_PREFIX = "/media/";

/** The columns a page needs to draw an image. */
export const imageSelect = {
  storageKey: true,
  widths: true,
  width: true,
  height: true,
  altVi: true,
  altEn: true,
} as const;

export type StoredImage = { storageKey: string; widths: string; width: number; height: number; altVi: string; altEn: string | null };

export function variantWidths(image: Pick<StoredImage, "widths">): number[] {
  return image.widths
    .split(",")
    .map(Number)
    .filter((width) => Number.isInteger(width) && width > 0);
}

export function variantUrl(storageKey: string, width: number): string {
  return `${MEDIA_URL_PREFIX}${storageKey}-${width}.webp`;
}

/** `src` (the largest variant), `srcSet` with every variant, and the intrinsic size. */
export function imageSources(image: Pick<StoredImage, "storageKey" | "widths" | "width" | "height">) {
  const widths = variantWidths(image);
  const largest = widths.at(-1) ?? image.width;
  return {
    src: variantUrl(image.storageKey, largest),
    srcSet: widths.map((width) => `${variantUrl(image.storageKey, width)} ${width}w`).join(", "),
    width: image.width,
    height: image.height,
  };
}

/** The drawing a product without images shows: its product group's (I–VI) placeholder. */
export function placeholderSrc(groupCode: string): string {
  return `/images/placeholders/${/^(i|ii|iii|iv|v|vi)$/i.test(groupCode) ? groupCode.toLowerCase() : "i"}.svg`;
}

/**
 * How wide pictures are drawn, for `sizes` (app.css). A card: one column below
 * 34rem, two up to 48rem, then columns of at least 15rem in at most 68rem of
 * content (16.25rem each at full width, at most 23rem in between). The browser
 * picks the smallest variant that covers this at the screen's pixel density.
 */
export const CARD_IMAGE_SIZES = "(min-width: 72rem) 16.25rem, (min-width: 48rem) 23rem, (min-width: 34rem) calc(50vw - 1.5rem), calc(100vw - 2rem)";
/** A product page's first picture: the left 3/5 of the page from 48rem, the whole width below. */
export const GALLERY_MAIN_SIZES = "(min-width: 72rem) 40rem, (min-width: 48rem) calc(60vw - 3rem), calc(100vw - 2rem)";
/** Its other pictures share rows of 10rem or more under it. */
export const GALLERY_THUMBNAIL_SIZES = "(min-width: 72rem) 13rem, (min-width: 48rem) calc(20vw - 1.5rem), calc(50vw - 1.25rem)";
