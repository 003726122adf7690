import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n/translate";
import type { BreadcrumbHandle } from "~/components/admin/admin-chrome";
import { CertificationStatusBadge } from "~/components/certification-status";
import { Pagination, useListPending } from "~/components/filter-form";
import { Stars } from "~/components/stars";
import { db } from "~/db.server";
import { resources } from "~/i18n/config";
import { formatDay } from "~/i18n/format";
import { requireLanguage } from "~/i18n/language.server";
import { useLanguage, useLocalizedPath } from "~/i18n/use-language";
import { vietnamToday } from "~/lib/dates";
import { requireStaff } from "~/modules/accounts/guard.server";
import { producerLabel, provinceOptions } from "~/modules/producers/admin-record.server";
import { listProductsForAdmin, parseAdminProductQuery, type AdminProductQuery } from "~/modules/products/admin-list.server";
import { productSetOptions } from "~/modules/products/admin-record.server";
import { PUBLICATION_STATUSES } from "~/modules/products/forms";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { actor } = await requireStaff(request, context);
  const language = requireLanguage(params);
  const { query, ignored } = parseAdminProductQuery(new URL(request.url).searchParams);
  const [result, provinces, groups, producer] = await Promise.all([
    listProductsForAdmin(db, actor, query, vietnamToday()),
    provinceOptions(db, actor),
    productSetOptions(db),
    query.producer === undefined ? null : producerLabel(db, actor, query.producer),
  ]);
  return { language, query, ignored, result, provinces, groups, producer };
}

export const handle: BreadcrumbHandle = { breadcrumb: (t) => t("admin.products.title") };

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  const messages = resources[data?.language ?? "vi"].translation.admin;
  return [{ title: `${messages.products.title} · ${messages.shell.title}` }];
};

/** The query as URL parameters, defaults left out, so links stay short. */
function withQuery(path: string, query: AdminProductQuery): string {
  const params = new URLSearchParams();
  if (query.q) params.set("q", query.q);
  if (query.status) params.set("status", query.status);
  if (query.stars) params.set("stars", query.stars);
  if (query.group) params.set("group", query.group);
  if (query.province) params.set("province", String(query.province));
  if (query.producer) params.set("producer", String(query.producer));
  if (query.expiring) params.set("expiring", "1");
  if (query.review) params.set("review", "pending");
  if (query.sort !== "updated") params.set("sort", query.sort);
  if (query.page > 1) params.set("page", String(query.page));
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

// Typed against the module's sorts (a type import: the list module stays on the server).
const SORT_LABELS = {
  updated: "admin.products.sortUpdated",
  name: "admin.products.sortName",
  stars: "admin.products.sortStars",
} as const satisfies Record<AdminProductQuery["sort"], string>;

export default function AdminProducts() {
  const { query, ignored, result, provinces, groups, producer } = useLoaderData<typeof loader>();
  const t = useT();
  const language = useLanguage();
  const to = useLocalizedPath();
  const listPath = to("/admin/products");
  const pending = useListPending(listPath);
  const name = (item: { nameVi: string; nameEn: string }) => (language === "en" ? item.nameEn : item.nameVi);

  return (
    <>
      <div className="admin-heading">
        <h1>{t("admin.products.title")}</h1>
        <Link to={to("/admin/products/new")} className="button">
          {t("admin.products.add")}
        </Link>
        <a href={withQuery(to("/admin/products.csv"), { ...query, page: 1 })} download data-testid="export-csv">
          {t("admin.imports.exportCsv")}
        </a>
      </div>
      {ignored.length ? (
        <p className="notice" role="status">
          {t("admin.products.ignored", { names: ignored.join(", ") })}
        </p>
      ) : null}
      {query.producer !== undefined ? (
        <p className="notice" data-testid="producer-filter">
          {producer ? t("admin.products.producerFilter", { name: producer.legalName }) : t("admin.products.producerFilterUnknown", { id: query.producer })}{" "}
          · <Link to={withQuery(listPath, { ...query, producer: undefined, page: 1 })}>{t("admin.products.removeProducerFilter")}</Link>
        </p>
      ) : null}

      <Form method="get" action={listPath} className="admin-filters" aria-label={t("admin.products.filtersLabel")}>
        <div>
          <label htmlFor="products-q">{t("admin.shell.searchLabel")}</label>
          <input id="products-q" name="q" type="search" defaultValue={query.q} maxLength={200} />
        </div>
        <div>
          <label htmlFor="products-status">{t("admin.products.status")}</label>
          <select id="products-status" name="status" defaultValue={query.status ?? ""}>
            <option value="">{t("admin.products.statusDefault")}</option>
            {PUBLICATION_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`admin.products.status_${status}`)}
              </option>
            ))}
            <option value="ALL">{t("admin.products.statusEverything")}</option>
          </select>
        </div>
        <div>
          <label htmlFor="products-stars">{t("admin.products.stars")}</label>
          <select id="products-stars" name="stars" defaultValue={query.stars ?? ""}>
            <option value="">{t("admin.products.allStars")}</option>
            {(["5", "4", "3"] as const).map((stars) => (
              <option key={stars} value={stars}>
                {t("admin.products.starsOption", { count: Number(stars) })}
              </option>
            ))}
            <option value="none">{t("admin.products.starsNone")}</option>
          </select>
        </div>
        <div>
          <label htmlFor="products-group">{t("admin.products.group")}</label>
          <select id="products-group" name="group" defaultValue={query.group ?? ""}>
            <option value="">{t("admin.products.allGroups")}</option>
            {groups.map((group) => (
              <option key={group.code} value={group.code}>
                {t("admin.products.groupOption", { code: group.code, name: name(group) })}
              </option>
            ))}
          </select>
        </div>
        {provinces.length > 1 ? (
          <div>
            <label htmlFor="products-province">{t("admin.products.province")}</label>
            <select id="products-province" name="province" defaultValue={query.province ?? ""}>
              <option value="">{t("admin.products.allProvinces")}</option>
              {provinces.map((province) => (
                <option key={province.id} value={province.id}>
                  {name(province)}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <div>
          <label htmlFor="products-sort">{t("admin.shell.sort")}</label>
          <select id="products-sort" name="sort" defaultValue={query.sort}>
            {Object.entries(SORT_LABELS).map(([sort, label]) => (
              <option key={sort} value={sort}>
                {t(label)}
              </option>
            ))}
          </select>
        </div>
        <div className="admin-filters__check">
          <input id="products-expiring" name="expiring" type="checkbox" value="1" defaultChecked={query.expiring} />
          <label htmlFor="products-expiring">{t("admin.products.expiring")}</label>
        </div>
        <div className="admin-filters__check">
          <input id="products-review" name="review" type="checkbox" value="pending" defaultChecked={query.review} />
          <label htmlFor="products-review">{t("admin.products.reviewOnly")}</label>
        </div>
        {query.producer !== undefined ? <input type="hidden" name="producer" value={query.producer} /> : null}
        <div className="admin-filters__actions">
          <button type="submit">{t("admin.shell.filter")}</button>
          <Link to={listPath}>{t("admin.products.clear")}</Link>
        </div>
      </Form>

      <p aria-live="polite" data-testid="result-count">
        <strong>{t("admin.shell.results", { count: result.total })}</strong>
      </p>

      {result.items.length === 0 ? (
        <p>{t("admin.shell.empty")}</p>
      ) : (
        <div className="admin-table-wrap">
          <table className={`admin-table${pending ? " is-pending" : ""}`} aria-busy={pending || undefined}>
            <caption className="visually-hidden">{t("admin.products.tableCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("admin.products.colName")}</th>
                <th scope="col">{t("admin.products.colProducer")}</th>
                <th scope="col">{t("admin.products.colSet")}</th>
                <th scope="col">{t("admin.products.colCertificate")}</th>
                <th scope="col">{t("admin.products.colStatus")}</th>
                <th scope="col">{t("admin.products.colUpdated")}</th>
              </tr>
            </thead>
            <tbody>
              {result.items.map((product) => (
                <tr key={product.id} data-testid="product-row" data-status={product.status}>
                  <th scope="row">
                    <Link to={to(`/admin/products/${product.id}`)}>{product.nameVi}</Link>
                    <small className="admin-table__sub">#{product.id}</small>
                  </th>
                  <td>
                    <Link to={to(`/admin/producers/${product.producer.id}`)}>{product.producer.legalName}</Link>
                    <small className="admin-table__sub">{name(product.producer.province)}</small>
                  </td>
                  <td>
                    {product.productSet.group.code}.{product.productSet.id} {name(product.productSet)}
                  </td>
                  <td data-stars={product.certificate?.stars ?? 0}>
                    {product.certificate ? (
                      <>
                        <Stars count={product.certificate.stars} /> <CertificationStatusBadge status={product.certificate.status} />
                        <small className="admin-table__sub">
                          {t("admin.products.certificateUntil", { date: formatDay(language, product.certificate.validUntil) })}
                        </small>
                      </>
                    ) : (
                      t("admin.products.noCertificate")
                    )}
                  </td>
                  <td>
                    <span className={`publication-status publication-status--${product.status}`}>{t(`admin.products.status_${product.status}`)}</span>
                  </td>
                  <td>{formatDay(language, product.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <Pagination page={result.page} pageCount={result.pageCount} hrefFor={(page) => withQuery(listPath, { ...query, page })} />
    </>
  );
}
