import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { db } from "~/db.server";
import { useLocalizedPath } from "~/i18n/use-language";
import { requireStaff } from "~/modules/accounts/guard.server";
import { adminOverview } from "~/modules/dashboard/overview.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { actor } = await requireStaff(request, context);
  return adminOverview(db, actor);
}

export default function AdminHome() {
  const overview = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const to = useLocalizedPath();
  return (
    <>
      <h1>{t("admin.shell.dashboard")}</h1>
      <ul className="admin-tiles">
        <li>
          <Link to={to("/admin/producers")}>
            <strong data-testid="count-producers">{overview.producers}</strong> {t("admin.shell.producers")}
          </Link>
        </li>
        <li>
          <Link to={to("/admin/products")}>
            <strong data-testid="count-products">{overview.products}</strong> {t("admin.shell.products")}
          </Link>
        </li>
        <li>
          <Link to={to("/admin/certifications")}>
            <strong data-testid="count-certifications">{overview.certifications}</strong> {t("admin.shell.certifications")}
          </Link>
        </li>
      </ul>
    </>
  );
}
