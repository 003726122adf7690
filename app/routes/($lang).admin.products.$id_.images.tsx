import { getInputProps } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n/translate";
import { z } from "zod";
import type { BreadcrumbHandle } from "~/components/admin/admin-chrome";
import { CheckboxField, FieldErrors, FormErrors, SchemaForm, SubmitButton, TextField, useSchemaForm, type FormReplyData } from "~/components/forms";
import { db } from "~/db.server";
import { localizedPath, resources } from "~/i18n/config";
import { requireLanguage } from "~/i18n/language.server";
import { useLocalizedPath } from "~/i18n/use-language";
import { invariantResponse } from "~/lib/errors.server";
import { submitForm } from "~/lib/forms.server";
import { redirectWithToast } from "~/lib/toast.server";
import { requireStaff } from "~/modules/accounts/guard.server";
import { ImageAltEditSchema, ImageMoveSchema, ImageRemoveSchema, ImageUploadSchema } from "~/modules/media/forms";
import { imageSources } from "~/modules/media/image-sources";
import { addProductImage, moveImage, productImagesForEdit, removeProductImage, updateImageAlt } from "~/modules/media/service.server";
import { readImageForm, uploadOf } from "~/modules/media/upload-form.server";
import { parseRecordId } from "~/modules/producers/admin-record.server";

const IntentSchema = z.enum(["upload", "alt", "move", "remove"]);

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { actor } = await requireStaff(request, context);
  const language = requireLanguage(params);
  const id = parseRecordId(params.id);
  // Missing and out of scope look the same.
  const product = id === undefined ? null : await productImagesForEdit(db, actor, id);
  invariantResponse(product, "Product not found", 404);
  return { language, product };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { actor } = await requireStaff(request, context);
  const language = requireLanguage(params);
  const id = parseRecordId(params.id);
  invariantResponse(id !== undefined, "Product not found", 404);
  const formData = await readImageForm(request);
  const intent = IntentSchema.safeParse(formData.get("intent"));
  invariantResponse(intent.success, "Unknown action", 400);
  const here = localizedPath(language, `/admin/products/${id}/images`);

  switch (intent.data) {
    case "upload": {
      const outcome = await submitForm(
        formData,
        ImageUploadSchema,
        async (payload) => addProductImage(db, actor, id, await uploadOf(formData.get("file")), payload),
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

export const handle: BreadcrumbHandle = {
  breadcrumb: (t, data) => {
    const name = (data as { product?: { nameVi: string } } | undefined)?.product?.nameVi;
    return name ? `${t("admin.media.title")}: ${name}` : t("admin.media.title");
  },
};

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  const messages = resources[data?.language ?? "vi"].translation.admin;
  const title = data ? messages.media.pageTitle.replace("{{name}}", data.product.nameVi) : messages.media.title;
  return [{ title: `${title} · ${messages.shell.title}` }];
};

type LoadedImage = ReturnType<typeof useLoaderData<typeof loader>>["product"]["images"][number];

/** The reply of the last post, if it came from this form (by intent, and image for per-image forms). */
function replyFor(actionData: FormReplyData | undefined, intent: string, imageId?: number) {
  const sent = actionData?.result.initialValue;
  if (sent?.intent !== intent) return undefined;
  if (imageId !== undefined && String(sent.imageId) !== String(imageId)) return undefined;
  return actionData?.result;
}

export default function ProductImages() {
  const { product } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const to = useLocalizedPath();
  const moveReply = replyFor(actionData, "move");
  const count = product.images.length;

  return (
    <>
      <h1>{t("admin.media.pageTitle", { name: product.nameVi })}</h1>
      <p className="admin-record__meta">
        <Link to={to(`/admin/products/${product.id}`)}>{t("admin.media.backToProduct")}</Link>
      </p>
      <p>{t("admin.media.intro")}</p>

      <section aria-labelledby="images-heading">
        <h2 id="images-heading">
          {t("admin.media.listHeading")} ({t("admin.media.imageCount", { count })})
        </h2>
        {moveReply ? <FormErrors id="image-move-errors" errors={Object.values(moveReply.error ?? {}).flat().filter((e): e is string => typeof e === "string")} /> : null}
        {count === 0 ? (
          <p>{t("admin.media.none")}</p>
        ) : (
          <ol className="image-list" data-testid="image-list">
            {product.images.map((image, index) => (
              <ImageItem key={image.id} image={image} index={index} count={count} actionData={actionData} />
            ))}
          </ol>
        )}
      </section>

      <UploadForm key={product.images.length} lastResult={replyFor(actionData, "upload")} />
    </>
  );
}

function ImageItem({ image, index, count, actionData }: { image: LoadedImage; index: number; count: number; actionData: FormReplyData | undefined }) {
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
