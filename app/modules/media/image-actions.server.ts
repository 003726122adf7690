/**
 * The images page's action, shared by the admin area and the producer
 * portal: the guard and the page's address are the route's, everything else
 * is the same (the services scope by the actor; a producer account is
 * refused a published product's images there).
 */
import { invariantResponse } from "../../lib/errors.server";
import { submitForm } from "../../lib/forms.server";
import { redirectWithToast } from "../../lib/toast.server";
import { db } from "../../db.server";
import type { Actor } from "../accounts/actor.server";
import { z } from "zod";
import { ImageAltEditSchema, ImageMoveSchema, ImageRemoveSchema, ImageUploadSchema } from "./forms";
import { addProductImage, moveImage, removeProductImage, updateImageAlt } from "./service.server";
import { readImageForm, uploadOf } from "./upload-form.server";

const IntentSchema = z.enum(["upload", "alt", "move", "remove"]);

/** Reads the posted form and runs its intent on product `productId`; `here` is the page to come back to. */
export async function productImagesAction(request: Request, actor: Actor, productId: number, here: string) {
  const formData = await readImageForm(request);
  const intent = IntentSchema.safeParse(formData.get("intent"));
  invariantResponse(intent.success, "Unknown action", 400);

  switch (intent.data) {
    case "upload": {
      const outcome = await submitForm(
        formData,
        ImageUploadSchema,
        async (payload) => addProductImage(db, actor, productId, await uploadOf(formData.get("file")), payload),
        { hideFields: ["file"] },
      );
      return outcome.ok ? redirectWithToast(`${here}#image-${outcome.value.id}`, "created") : outcome.reply;
    }
    case "alt": {
      const outcome = await submitForm(formData, ImageAltEditSchema, (payload) => updateImageAlt(db, actor, Number(payload.imageId), payload));
      return outcome.ok ? redirectWithToast(`${here}#image-${outcome.value.id}`, "saved") : outcome.reply;
    }
    case "move": {
      const outcome = await submitForm(formData, ImageMoveSchema, (payload) => {
        const { imageId, direction } = ImageMoveSchema.parse(payload);
        return moveImage(db, actor, imageId, direction).then(() => imageId);
      });
      return outcome.ok ? redirectWithToast(`${here}#image-${outcome.value}`, "saved") : outcome.reply;
    }
    case "remove": {
      // The payload is as submitted (the box reads "on"); conform has checked it already.
      const outcome = await submitForm(formData, ImageRemoveSchema, (payload) =>
        removeProductImage(db, actor, ImageRemoveSchema.pick({ imageId: true }).parse(payload).imageId),
      );
      return outcome.ok ? redirectWithToast(here, "deleted") : outcome.reply;
    }
  }
}
