import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n/translate";
import type { BreadcrumbHandle } from "~/components/admin/admin-chrome";
import { VietnamTime } from "~/components/admin/audit-table";
import { Pagination } from "~/components/filter-form";
import { db } from "~/db.server";
import { resources } from "~/i18n/config";
import { requireLanguage } from "~/i18n/language.server";
import { useLanguage, useLocalizedPath } from "~/i18n/use-language";
import { listAccounts, parseAccountListQuery } from "~/modules/accounts/admin-list.server";
import { requireAdmin } from "~/modules/accounts/guard.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const language = requireLanguage(params);
  const { user } = await requireAdmin(request, context);
  const list = await listAccounts(db, parseAccountListQuery(new URL(request.url).searchParams));
  return { language, list, me: user.id };
}

export const handle: BreadcrumbHandle = { breadcrumb: (t) => t("admin.shell.accounts") };

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  const messages = resources[data?.language ?? "vi"].translation.admin;
  return [{ title: `${messages.shell.accounts} · ${messages.shell.title}` }, { name: "robots", content: "noindex" }];
};

export default function AccountList() {
  const { list, me } = useLoaderData<typeof loader>();
  const t = useT();
  const language = useLanguage();
  const to = useLocalizedPath();
  return (
    <>
      <h1>{t("admin.shell.accounts")}</h1>
      <p>
        <Link className="button" to={to("/admin/accounts/new")}>
          {t("admin.accounts.newAccount")}
        </Link>
      </p>
      <div className="admin-table-wrap">
        <table className="admin-table" data-testid="account-list">
          <caption className="admin-table__caption">
            {t("admin.accounts.listCaption")}: {t("admin.shell.results", { count: list.total })}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t("admin.accounts.email")}</th>
              <th scope="col">{t("admin.accounts.name")}</th>
              <th scope="col">{t("admin.accounts.role")}</th>
              <th scope="col">{t("admin.accounts.province")}</th>
              <th scope="col">{t("admin.accounts.state")}</th>
              <th scope="col">{t("admin.accounts.lastSignIn")}</th>
            </tr>
          </thead>
          <tbody>
            {list.items.map((account) => (
              <tr key={account.id} data-testid="account-row" data-disabled={account.disabledAt ? "true" : "false"}>
                <th scope="row">
                  <Link to={to(`/admin/accounts/${account.id}`)}>{account.email}</Link>
                  {account.id === me ? <small> {t("admin.accounts.you")}</small> : null}
                </th>
                <td>{account.name}</td>
                <td>{t(`admin.shell.role_${account.role}`)}</td>
                <td>
                  {account.role !== "EDITOR"
                    ? t("admin.shell.none")
                    : account.province
                      ? language === "en"
                        ? account.province.nameEn
                        : account.province.nameVi
                      : t("admin.accounts.provinceNational")}
                </td>
                <td>{account.disabledAt ? <strong>{t("admin.accounts.disabled")}</strong> : t("admin.accounts.active")}</td>
                <td>{account.lastSignIn ? <VietnamTime at={account.lastSignIn.toISOString()} /> : t("admin.accounts.never")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination page={list.page} pageCount={list.pageCount} hrefFor={(page) => `${to("/admin/accounts")}${page > 1 ? `?page=${page}` : ""}`} />
    </>
  );
}
