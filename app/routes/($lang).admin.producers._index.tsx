import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n/translate";
import type { BreadcrumbHandle } from "~/components/admin/admin-chrome";
import { Pagination, useListPending } from "~/components/filter-form";
import { db } from "~/db.server";
import { resources } from "~/i18n/config";
import { formatDay } from "~/i18n/format";
import { requireLanguage } from "~/i18n/language.server";
import { useLanguage, useLocalizedPath } from "~/i18n/use-language";
import { requireStaff } from "~/modules/accounts/guard.server";
import { listProducersForAdmin, parseAdminProducerQuery, type AdminProducerQuery } from "~/modules/producers/admin-list.server";
import { parseRecordId, provinceOptions } from "~/modules/producers/admin-record.server";
import { PRODUCER_STATUSES, PRODUCER_TYPES } from "~/modules/producers/forms";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { actor } = await requireStaff(request, context);
  const language = requireLanguage(params);
  const searchParams = new URL(request.url).searchParams;
  const { query, ignored } = parseAdminProducerQuery(searchParams);
  // Picking for an existing product returns to it; otherwise to a new product.
  const forProduct = query.pick ? parseRecordId(searchParams.get("for")) : undefined;
  const [result, provinces] = await Promise.all([listProducersForAdmin(db, actor, query), provinceOptions(db, actor)]);
  return { language, query, ignored, result, provinces, forProduct };
}

export const handle: BreadcrumbHandle = { breadcrumb: (t) => t("admin.producers.title") };

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  const messages = resources[data?.language ?? "vi"].translation.admin;
  return [{ title: `${data?.query.pick ? messages.producers.pickTitle : messages.producers.title} · ${messages.shell.title}` }];
};

/** The query as URL parameters, defaults left out, so links stay short. */
function withQuery(path: string, query: AdminProducerQuery, forProduct: number | undefined): string {
  const params = new URLSearchParams();
  if (query.q) params.set("q", query.q);
  if (query.status) params.set("status", query.status);
  if (query.type) params.set("type", query.type);
  if (query.province) params.set("province", String(query.province));
  if (query.review) params.set("review", "pending");
  if (query.sort !== "name") params.set("sort", query.sort);
  if (query.pick) params.set("pick", query.pick);
  if (forProduct) params.set("for", String(forProduct));
  if (query.page > 1) params.set("page", String(query.page));
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

// Typed against the module's sorts (a type import: the list module stays on the server).
const SORT_LABELS = { name: "admin.producers.sortName", updated: "admin.producers.sortUpdated" } as const satisfies Record<AdminProducerQuery["sort"], string>;

export default function AdminProducers() {
  const { query, ignored, result, provinces, forProduct } = useLoaderData<typeof loader>();
  const t = useT();
  const language = useLanguage();
  const to = useLocalizedPath();
  const listPath = to("/admin/producers");
  const pending = useListPending(listPath);
  const placeName = (place: { nameVi: string; nameEn: string }) => (language === "en" ? place.nameEn : place.nameVi);
  const pickHref = (producerId: number) =>
    to(forProduct ? `/admin/products/${forProduct}?producerId=${producerId}` : `/admin/products/new?producerId=${producerId}`);

  return (
    <>
      <div className="admin-heading">
        <h1>{query.pick ? t("admin.producers.pickTitle") : t("admin.producers.title")}</h1>
        {query.pick ? null : (
          <Link to={to("/admin/producers/new")} className="button">
            {t("admin.producers.add")}
          </Link>
        )}
        {query.pick ? null : (
          <a href={withQuery(to("/admin/producers.csv"), { ...query, page: 1 }, undefined)} download data-testid="export-csv">
            {t("admin.imports.exportCsv")}
          </a>
        )}
      </div>
      {query.pick ? <p>{t("admin.producers.pickIntro")}</p> : null}
      {ignored.length ? (
        <p className="notice" role="status">
          {t("admin.producers.ignored", { names: ignored.join(", ") })}
        </p>
      ) : null}

      <Form method="get" action={listPath} className="admin-filters" aria-label={t("admin.producers.filtersLabel")}>
        <div>
          <label htmlFor="producers-q">{t("admin.shell.searchLabel")}</label>
          <input id="producers-q" name="q" type="search" defaultValue={query.q} maxLength={200} />
        </div>
        <div>
          <label htmlFor="producers-status">{t("admin.producers.status")}</label>
          <select id="producers-status" name="status" defaultValue={query.status ?? ""}>
            <option value="">{t("admin.producers.statusDefault")}</option>
            {PRODUCER_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`admin.producers.status_${status}`)}
              </option>
            ))}
            <option value="ALL">{t("admin.producers.statusEverything")}</option>
          </select>
        </div>
        <div>
          <label htmlFor="producers-type">{t("admin.producers.type")}</label>
          <select id="producers-type" name="type" defaultValue={query.type ?? ""}>
            <option value="">{t("admin.producers.allTypes")}</option>
            {PRODUCER_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`producers.type_${type}`)}
              </option>
            ))}
          </select>
        </div>
        {provinces.length > 1 ? (
          <div>
            <label htmlFor="producers-province">{t("admin.producers.province")}</label>
            <select id="producers-province" name="province" defaultValue={query.province ?? ""}>
              <option value="">{t("admin.producers.allProvinces")}</option>
              {provinces.map((province) => (
                <option key={province.id} value={province.id}>
                  {placeName(province)}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <div>
          <label htmlFor="producers-sort">{t("admin.shell.sort")}</label>
          <select id="producers-sort" name="sort" defaultValue={query.sort}>
            {Object.entries(SORT_LABELS).map(([sort, label]) => (
              <option key={sort} value={sort}>
                {t(label)}
              </option>
            ))}
          </select>
        </div>
        <div className="admin-filters__check">
          <input id="producers-review" name="review" type="checkbox" value="pending" defaultChecked={query.review} />
          <label htmlFor="producers-review">{t("admin.producers.reviewOnly")}</label>
        </div>
        {query.pick ? <input type="hidden" name="pick" value={query.pick} /> : null}
        {forProduct ? <input type="hidden" name="for" value={forProduct} /> : null}
        <div className="admin-filters__actions">
          <button type="submit">{t("admin.shell.filter")}</button>
          <Link to={withQuery(listPath, { q: "", review: false, sort: "name", page: 1, pick: query.pick }, forProduct)}>{t("admin.producers.clear")}</Link>
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
            <caption className="visually-hidden">{t("admin.producers.tableCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("admin.producers.colName")}</th>
                <th scope="col">{t("admin.producers.colType")}</th>
                <th scope="col">{t("admin.producers.colPlace")}</th>
                <th scope="col">{t("admin.producers.colStatus")}</th>
                <th scope="col" className="numeric">
                  {t("admin.producers.colProducts")}
                </th>
                <th scope="col">{t("admin.producers.colUpdated")}</th>
                {query.pick ? <th scope="col">{t("admin.producers.colPick")}</th> : null}
              </tr>
            </thead>
            <tbody>
              {result.items.map((producer) => (
                <tr key={producer.id} data-testid="producer-row" data-status={producer.status}>
                  <th scope="row">
                    <Link to={to(`/admin/producers/${producer.id}`)}>{producer.legalName}</Link>
                    <small className="admin-table__sub">
                      #{producer.id} · {producer.taxCode}
                    </small>
                  </th>
                  <td>{t(`producers.type_${producer.type}`)}</td>
                  <td>{[producer.commune?.nameVi, placeName(producer.province)].filter(Boolean).join(", ")}</td>
                  <td>
                    <span className={`review-status review-status--${producer.status}`}>{t(`admin.producers.status_${producer.status}`)}</span>
                  </td>
                  <td className="numeric">{producer._count.products}</td>
                  <td>{formatDay(language, producer.updatedAt)}</td>
                  {query.pick ? (
                    <td>
                      <Link to={pickHref(producer.id)} aria-label={t("admin.producers.chooseNamed", { name: producer.legalName })}>
                        {t("admin.producers.choose")}
                      </Link>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <Pagination page={result.page} pageCount={result.pageCount} hrefFor={(page) => withQuery(listPath, { ...query, page }, forProduct)} />
    </>
  );
}
