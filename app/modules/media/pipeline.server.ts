/**
 * From an uploaded file to stored WebP variants (decision 011). The content
 * decides, not the name: sharp reads the bytes, and only JPEG, PNG and WebP
 * whose content agrees with the file's name and claimed type are accepted.
 * The picture is turned upright by its EXIF orientation, every bit of
 * metadata (EXIF, GPS, XMP, IPTC, ICC) is dropped, and it is written as WebP
 * at a few widths, never wider than the original.
 */
import { randomBytes } from "node:crypto";
import type sharpFunction from "sharp";
import type { OutputInfo } from "sharp";
import { DomainError } from "../../lib/errors.server";
import type { MediaStore } from "./store.server";

type Sharp = typeof sharpFunction;
let sharpModule: Promise<Sharp> | undefined;

/**
 * sharp, loaded on the first upload: libvips adds about 28 MiB to a process,
 * and most server processes only serve pages.
 */
function loadSharp(): Promise<Sharp> {
  return (sharpModule ??= import("sharp").then((module) => {
    const sharp = module.default;
    // Uploads are buffers, so libvips' operation cache would only hold memory.
    sharp.cache(false);
    return sharp;
  }));
}

export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;
/** About a 50-megapixel camera; a header claiming more is refused before anything is decoded. */
export const MAX_INPUT_PIXELS = 50_000_000;
/** The widths pages ask for (srcset); the largest is also the cap. */
export const VARIANT_WIDTHS = [320, 640, 960, 1280] as const;
const MAX_WIDTH = VARIANT_WIDTHS[VARIANT_WIDTHS.length - 1]!;
/** Very tall pictures are capped by height too, so no variant is enormous. */
const MAX_HEIGHT = 2 * MAX_WIDTH;
const WEBP = { quality: 78, effort: 4 } as const;

export const SOURCE_TYPES = ["jpeg", "png", "webp"] as const;
export type SourceType = (typeof SOURCE_TYPES)[number];

/** The message keys of every refusal, one per reason (app/i18n/admin/media.ts). */
export const UPLOAD_ERRORS = {
  missing: "admin.media.errors.missing",
  tooLarge: "admin.media.errors.tooLarge",
  notAnImage: "admin.media.errors.notAnImage",
  unsupportedType: "admin.media.errors.unsupportedType",
  mismatch: "admin.media.errors.mismatch",
  tooManyPixels: "admin.media.errors.tooManyPixels",
  corrupt: "admin.media.errors.corrupt",
} as const;
export type UploadErrorReason = keyof typeof UPLOAD_ERRORS;

/** A refusal of an uploaded file, on the form's `file` field. */
export class UploadRefused extends DomainError {
  constructor(readonly reason: UploadErrorReason) {
    super(`Upload refused: ${reason}`, 400, { file: [UPLOAD_ERRORS[reason]] });
    this.name = "UploadRefused";
  }
}

export type Upload = { bytes: Uint8Array; name: string; type: string };

export type Variant = { width: number; height: number; data: Buffer };
export type ProcessedImage = { sourceType: SourceType; width: number; height: number; variants: Variant[] };

const EXTENSIONS: Record<string, SourceType> = { jpg: "jpeg", jpeg: "jpeg", jpe: "jpeg", jfif: "jpeg", png: "png", webp: "webp" };
const MIME_TYPES: Record<string, SourceType> = { "image/jpeg": "jpeg", "image/jpg": "jpeg", "image/pjpeg": "jpeg", "image/png": "png", "image/webp": "webp" };
/** Browsers send these when they do not know; they claim nothing. */
const UNCLAIMED_TYPES = new Set(["", "application/octet-stream"]);

function extensionOf(name: string): string {
  const match = /\.([A-Za-z0-9]{1,10})$/.exec(name.trim());
  return match ? match[1]!.toLowerCase() : "";
}

/** What the name and the claimed type say the file is: a type, or "other" when they name something we refuse. */
function claimedTypes(upload: Upload): { byName: SourceType | "other"; byType: SourceType | "other" | null } {
  const type = upload.type.trim().toLowerCase().split(";")[0]!.trim();
  return {
    byName: EXTENSIONS[extensionOf(upload.name)] ?? "other",
    byType: UNCLAIMED_TYPES.has(type) ? null : (MIME_TYPES[type] ?? "other"),
  };
}

function isPixelLimit(error: unknown): boolean {
  return error instanceof Error && /pixel limit/i.test(error.message);
}

const open = (sharp: Sharp, bytes: Uint8Array) => sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: "warning" });

/** Checks the file's content, then renders its variants; throws UploadRefused with the reason. */
export async function processUpload(upload: Upload): Promise<ProcessedImage> {
  if (upload.bytes.byteLength === 0) throw new UploadRefused("missing");
  if (upload.bytes.byteLength > MAX_UPLOAD_BYTES) throw new UploadRefused("tooLarge");
  const sharp = await loadSharp();

  let format: string | undefined;
  try {
    ({ format } = await open(sharp, upload.bytes).metadata());
  } catch (error) {
    throw new UploadRefused(isPixelLimit(error) ? "tooManyPixels" : "notAnImage");
  }
  const sourceType = SOURCE_TYPES.find((type) => type === format);
  if (!sourceType) throw new UploadRefused("unsupportedType");
  const claimed = claimedTypes(upload);
  if (claimed.byName !== sourceType || (claimed.byType !== null && claimed.byType !== sourceType)) throw new UploadRefused("mismatch");

  // Decode once (upright, sRGB, at most the largest width), then derive each variant from that.
  let base: { data: Buffer; info: OutputInfo };
  try {
    base = await open(sharp, upload.bytes)
      .rotate()
      .resize({ width: MAX_WIDTH, height: MAX_HEIGHT, fit: "inside", withoutEnlargement: true })
      .toColourspace("srgb")
      .raw({ depth: "uchar" })
      .toBuffer({ resolveWithObject: true });
  } catch (error) {
    throw new UploadRefused(isPixelLimit(error) ? "tooManyPixels" : "corrupt");
  }
  const { width, height, channels } = base.info;
  const widths = [...VARIANT_WIDTHS.filter((candidate) => candidate < width), width];
  const variants: Variant[] = [];
  for (const variantWidth of widths) {
    const { data, info } = await sharp(base.data, { raw: { width, height, channels } })
      .resize({ width: variantWidth })
      .webp(WEBP)
      .toBuffer({ resolveWithObject: true });
    variants.push({ width: info.width, height: info.height, data });
  }
  const largest = variants[variants.length - 1]!;
  return { sourceType, width: largest.width, height: largest.height, variants };
}

/** The folder (key prefix) every file of a product's images lives under. */
export function productFolder(productId: number): string {
  return `products/${productId}/`;
}

/** A fresh storage key under the product's folder; the variants are `<key>-<width>.webp`. */
export function newStorageKey(productId: number): string {
  return `${productFolder(productId)}${randomBytes(12).toString("hex")}`;
}

export function variantKey(storageKey: string, width: number): string {
  return `${storageKey}-${width}.webp`;
}

/** The storage key a variant file belongs to (the inverse of `variantKey`). */
export function storageKeyOf(fileKey: string): string {
  return fileKey.replace(/-\d+\.webp$/, "");
}

export function variantKeys(storageKey: string, widths: readonly number[]): string[] {
  return widths.map((width) => variantKey(storageKey, width));
}

/** Writes every variant; if one fails, those already written are removed before the error goes on. */
export async function storeVariants(store: MediaStore, storageKey: string, image: ProcessedImage): Promise<void> {
  const written: string[] = [];
  try {
    for (const variant of image.variants) {
      const key = variantKey(storageKey, variant.width);
      await store.put(key, variant.data);
      written.push(key);
    }
  } catch (error) {
    await Promise.allSettled(written.map((key) => store.remove(key)));
    throw error;
  }
}

/** The row's columns that describe the stored files. */
export function storedColumns(storageKey: string, image: ProcessedImage) {
  return {
    storageKey,
    widths: image.variants.map((variant) => variant.width).join(","),
    width: image.width,
    height: image.height,
    bytes: image.variants.reduce((sum, variant) => sum + variant.data.byteLength, 0),
    sourceType: image.sourceType,
  };
}

/** A served file's path under /media: exactly what `variantKey` writes, nothing else. */
const MEDIA_FILE_PATH = /^\/products\/\d{1,12}\/[0-9a-f]{24}-\d{1,5}\.webp$/;

export function isMediaFilePath(path: string): boolean {
  return MEDIA_FILE_PATH.test(path);
}
