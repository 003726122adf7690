/**
 * The image forms' schemas, shared by the server (the services parse with
 * them) and the browser (conform). Messages are i18n keys.
 */
import { z } from "zod";
import { decimalInteger, optionalText, text } from "../../lib/fields";

export const ALT_TEXT_MAX = 250;

/** Alt text: Vietnamese required, English optional. */
export const ImageAltSchema = z.object({
  altVi: text(ALT_TEXT_MAX).pipe(z.string().min(1, "forms.required")),
  altEn: optionalText(ALT_TEXT_MAX),
});

/** The upload form: a file (the route reads it; conform only checks that one was chosen) and its alt text. */
export const ImageUploadSchema = ImageAltSchema.extend({
  file: z.custom<Blob>((value) => typeof value === "object" && value !== null && "size" in value && (value as Blob).size > 0, {
    error: "admin.media.errors.missing",
  }),
});

export const ImageAltEditSchema = ImageAltSchema.extend({ imageId: decimalInteger("forms.required") });

export const MOVE_DIRECTIONS = ["up", "down"] as const;
export const ImageMoveSchema = z.object({ imageId: decimalInteger("forms.required"), direction: z.enum(MOVE_DIRECTIONS) });

export const ImageRemoveSchema = z.object({
  imageId: decimalInteger("forms.required"),
  confirm: z.boolean({ error: "admin.media.removeConfirmRequired" }).refine(Boolean, "admin.media.removeConfirmRequired"),
});
