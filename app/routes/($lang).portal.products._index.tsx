import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ProductTable } from "~/components/portal/review";
import { db } from "~/db.server";
import { resources } from "~/i18n/config";
import { requireLanguage } from "~/i18n/language.server";
import { useT } from "~/i18n/translate";
import { useLocalizedPath } from "~/i18n/use-language";
import { vietnamToday } from "~/lib/dates";
import { requireProducer } from "~/modules/accounts/guard.server";
import { portalOverview } from "~/modules/portal/overview.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const language = requireLanguage(params);
  const { actor } = await requireProducer(request, context);
  const { producer, products } = await portalOverview(db, actor, vietnamToday());
  return { language, producerStatus: producer.status, products };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  const messages = resources[data?.language ?? "vi"].translation.portal;
  return [{ title: `${messages.navProducts} · ${messages.title}` }, { name: "robots", content: "noindex" }];
};

export default function PortalProducts() {
  const { producerStatus, products } = useLoaderData<typeof loader>();
  const t = useT();
  const to = useLocalizedPath();
  return (
    <>
      <h1>{t("portal.products.heading")}</h1>
      {producerStatus === "APPROVED" ? (
        <p>
          <Link to={to("/portal/products/new")} className="button">
            {t("portal.products.propose")}
          </Link>
        </p>
      ) : (
        <p className="notice">{t("portal.products.notApproved", { status: t(`admin.producers.status_${producerStatus}`) })}</p>
      )}
      <p>{t("portal.missing.hint")}</p>
      <ProductTable products={products} />
    </>
  );
}
