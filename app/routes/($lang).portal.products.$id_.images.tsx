import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { ProductImagesEditor } from "~/components/product-images";
import { db } from "~/db.server";
import { localizedPath, resources } from "~/i18n/config";
import { requireLanguage } from "~/i18n/language.server";
import { useT } from "~/i18n/translate";
import { useLocalizedPath } from "~/i18n/use-language";
import { invariantResponse } from "~/lib/errors.server";
import { requireProducer } from "~/modules/accounts/guard.server";
import { productImagesAction } from "~/modules/media/image-actions.server";
import { productImagesForEdit } from "~/modules/media/service.server";
import { ownsProduct } from "~/modules/portal/overview.server";
import { parseRecordId } from "~/modules/producers/admin-record.server";

// The producer's pictures of its own product (the media service scopes by the
// actor, and refuses a producer a published product's images).
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const language = requireLanguage(params);
  const { actor } = await requireProducer(request, context);
  const id = parseRecordId(params.id);
  const product = id === undefined ? null : await productImagesForEdit(db, actor, id);
  invariantResponse(product, "Product not found", 404);
  return { language, product };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const language = requireLanguage(params);
  const { actor } = await requireProducer(request, context);
  const id = parseRecordId(params.id);
  // Another producer's product is not found, whatever was posted.
  invariantResponse(id !== undefined && (await ownsProduct(db, actor, id)), "Product not found", 404);
  return productImagesAction(request, actor, id, localizedPath(language, `/portal/products/${id}/images`));
}

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  const messages = resources[data?.language ?? "vi"].translation.portal;
  const title = data ? messages.images.title.replace("{{name}}", data.product.nameVi) : messages.product.images;
  return [{ title: `${title} · ${messages.title}` }, { name: "robots", content: "noindex" }];
};

export default function PortalProductImages() {
  const { product } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const to = useLocalizedPath();
  const locked = product.status === "PUBLISHED";
  return (
    <>
      <h1>{t("portal.images.title", { name: product.nameVi })}</h1>
      <p className="admin-record__meta">
        <Link to={to(`/portal/products/${product.id}`)}>{t("portal.images.back")}</Link>
      </p>
      {locked ? (
        <p className="notice" role="status" data-testid="images-locked">
          {t("portal.images.locked")}
        </p>
      ) : (
        <p>{t("admin.media.intro")}</p>
      )}
      <ProductImagesEditor images={product.images} actionData={actionData} readOnly={locked} />
    </>
  );
}
