import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n/translate";
import type { BreadcrumbHandle } from "~/components/admin/admin-chrome";
import { ProductImagesEditor } from "~/components/product-images";
import { db } from "~/db.server";
import { localizedPath, resources } from "~/i18n/config";
import { requireLanguage } from "~/i18n/language.server";
import { useLocalizedPath } from "~/i18n/use-language";
import { invariantResponse } from "~/lib/errors.server";
import { requireStaff } from "~/modules/accounts/guard.server";
import { productImagesAction } from "~/modules/media/image-actions.server";
import { productImagesForEdit } from "~/modules/media/service.server";
import { parseRecordId } from "~/modules/producers/admin-record.server";

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
  return productImagesAction(request, actor, id, localizedPath(language, `/admin/products/${id}/images`));
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

export default function ProductImages() {
  const { product } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const to = useLocalizedPath();
  return (
    <>
      <h1>{t("admin.media.pageTitle", { name: product.nameVi })}</h1>
      <p className="admin-record__meta">
        <Link to={to(`/admin/products/${product.id}`)}>{t("admin.media.backToProduct")}</Link>
      </p>
      <p>{t("admin.media.intro")}</p>
      <ProductImagesEditor images={product.images} actionData={actionData} />
    </>
  );
}
