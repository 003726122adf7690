/**
 * A product's pictures, as staff (admin) and the producer (portal) edit them:
 * the list with alt text, order and removal, and the upload form. The
 * routes' actions are the same too (app/modules/media/image-actions.server.ts).
 * Read-only shows the pictures without forms (a published product in the portal).
 */
import { getInputProps } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { useT } from "~/i18n/translate";
import { CheckboxField, FieldErrors, FormErrors, SchemaForm, SubmitButton, TextField, useSchemaForm, type FormReplyData } from "~/components/forms";
import { ImageAltEditSchema, ImageRemoveSchema, ImageUploadSchema } from "~/modules/media/forms";
import { imageSources } from "~/modules/media/image-sources";

export type EditableImage = {
  id: number;
  storageKey: string;
  widths: string;
  width: number;
  height: number;
  bytes: number;
  sourceType: string;
  altVi: string;
  altEn: string | null;
};

/** The reply of the last post, if it came from this form (by intent, and image for per-image forms). */
export function replyFor(actionData: FormReplyData | undefined, intent: string, imageId?: number) {
  const sent = actionData?.result.initialValue;
  if (sent?.intent !== intent) return undefined;
  if (imageId !== undefined && String(sent.imageId) !== String(imageId)) return undefined;
  return actionData?.result;
}

/** The list of a product's images and, unless read-only, the forms that change them. */
export function ProductImagesEditor({
  images,
  actionData,
  readOnly = false,
}: {
  images: EditableImage[];
  actionData: FormReplyData | undefined;
  readOnly?: boolean;
}) {
  const t = useT();
  const moveReply = replyFor(actionData, "move");
  const count = images.length;

  return (
    <>
      <section aria-labelledby="images-heading">
        <h2 id="images-heading">
          {t("admin.media.listHeading")} ({t("admin.media.imageCount", { count })})
        </h2>
        {moveReply ? <FormErrors id="image-move-errors" errors={Object.values(moveReply.error ?? {}).flat().filter((e): e is string => typeof e === "string")} /> : null}
        {count === 0 ? (
          <p>{t("admin.media.none")}</p>
        ) : (
          <ol className="image-list" data-testid="image-list">
            {images.map((image, index) =>
              readOnly ? (
                <ImageView key={image.id} image={image} index={index} count={count} />
              ) : (
                <ImageItem key={image.id} image={image} index={index} count={count} actionData={actionData} />
              ),
            )}
          </ol>
        )}
      </section>

      {readOnly ? null : <UploadForm key={images.length} lastResult={replyFor(actionData, "upload")} />}
    </>
  );
}

function ImageView({ image, index, count }: { image: EditableImage; index: number; count: number }) {
  const t = useT();
  const { src, srcSet } = imageSources(image);
  const headingId = `image-${image.id}-heading`;
  return (
    <li className="image-list__item" id={`image-${image.id}`} data-testid="image-item" aria-labelledby={headingId}>
      <img className="image-list__thumb" src={src} srcSet={srcSet} sizes="10rem" width={image.width} height={image.height} alt={image.altVi} />
      <div className="image-list__body">
        <h3 id={headingId}>{t("admin.media.position", { position: index + 1, count })}</h3>
        <p>{image.altVi}</p>
      </div>
    </li>
  );
}

function ImageItem({ image, index, count, actionData }: { image: EditableImage; index: number; count: number; actionData: FormReplyData | undefined }) {
  const t = useT();
  const position = index + 1;
  const [altForm, altFields] = useSchemaForm(ImageAltEditSchema, {
    id: `image-alt-${image.id}`,
    lastResult: replyFor(actionData, "alt", image.id),
    defaultValue: { imageId: String(image.id), altVi: image.altVi, altEn: image.altEn ?? undefined },
  });
  const [removeForm, removeFields] = useSchemaForm(ImageRemoveSchema, {
    id: `image-remove-${image.id}`,
    lastResult: replyFor(actionData, "remove", image.id),
  });
  const { src, srcSet } = imageSources(image);
  const headingId = `image-${image.id}-heading`;
  return (
    <li className="image-list__item" id={`image-${image.id}`} data-testid="image-item" data-storage-key={image.storageKey} aria-labelledby={headingId}>
      <img className="image-list__thumb" src={src} srcSet={srcSet} sizes="10rem" width={image.width} height={image.height} alt={image.altVi} />
      <div className="image-list__body">
        <h3 id={headingId}>{t("admin.media.position", { position, count })}</h3>
        <p className="field__hint">
          {t("admin.media.details", { width: image.width, height: image.height, kb: Math.round(image.bytes / 1024), type: image.sourceType.toUpperCase() })}
        </p>

        <SchemaForm form={altForm}>
          <FormErrors id={altForm.errorId} errors={altForm.errors} />
          <input type="hidden" name="imageId" value={image.id} />
          <TextField meta={altFields.altVi!} label={t("admin.media.altVi")} hint={t("admin.media.altHint")} />
          <TextField meta={altFields.altEn!} label={t("admin.media.altEn")} />
          <div className="form-actions">
            <SubmitButton intent="alt" className="button button--secondary">
              {t("admin.media.saveAlt")}
            </SubmitButton>
          </div>
        </SchemaForm>

        <Form method="post" className="image-list__move">
          <input type="hidden" name="intent" value="move" />
          <input type="hidden" name="imageId" value={image.id} />
          <button type="submit" className="button button--secondary" name="direction" value="up" disabled={index === 0} aria-label={t("admin.media.moveUpLabel", { position })}>
            ↑ {t("admin.media.moveUp")}
          </button>{" "}
          <button
            type="submit"
            className="button button--secondary"
            name="direction"
            value="down"
            disabled={index === count - 1}
            aria-label={t("admin.media.moveDownLabel", { position })}
          >
            ↓ {t("admin.media.moveDown")}
          </button>
        </Form>

        <SchemaForm form={removeForm} className="image-list__remove">
          <FormErrors id={removeForm.errorId} errors={removeForm.errors} />
          <input type="hidden" name="imageId" value={image.id} />
          <CheckboxField meta={removeFields.confirm!} label={t("admin.media.removeConfirm")} />
          <SubmitButton intent="remove" className="button button--danger" aria-label={t("admin.media.removeLabel", { position })}>
            {t("admin.media.remove")}
          </SubmitButton>
        </SchemaForm>
      </div>
    </li>
  );
}

function UploadForm({ lastResult }: { lastResult: FormReplyData["result"] | undefined }) {
  const t = useT();
  const [form, fields] = useSchemaForm(ImageUploadSchema, { id: "image-upload", lastResult });
  const file = fields.file!;
  return (
    <section aria-labelledby="upload-heading" className="image-upload">
      <h2 id="upload-heading">{t("admin.media.uploadHeading")}</h2>
      <SchemaForm form={form} encType="multipart/form-data">
        <FormErrors id={form.errorId} errors={form.errors} />
        <div className={`field${file.errors?.length ? " field--invalid" : ""}`}>
          <label htmlFor={file.id}>
            {t("admin.media.file")}
            <span aria-hidden="true"> *</span>
          </label>
          <p id={file.descriptionId} className="field__hint">
            {t("admin.media.fileHint")}
          </p>
          <input {...getInputProps(file, { type: "file", ariaDescribedBy: file.descriptionId })} accept="image/jpeg,image/png,image/webp" />
          <FieldErrors id={file.errorId} errors={file.errors} />
        </div>
        <TextField meta={fields.altVi!} label={t("admin.media.altVi")} hint={t("admin.media.altHint")} />
        <TextField meta={fields.altEn!} label={t("admin.media.altEn")} />
        <div className="form-actions">
          <SubmitButton intent="upload" pendingLabel={t("admin.media.uploading")}>
            {t("admin.media.upload")}
          </SubmitButton>
        </div>
      </SchemaForm>
    </section>
  );
}
