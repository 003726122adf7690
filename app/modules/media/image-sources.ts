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
export function imageSources(image: StoredImage) {
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
