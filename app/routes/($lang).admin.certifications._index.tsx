import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n/translate";
import type { BreadcrumbHandle } from "~/components/admin/admin-chrome";
import { CertificationStatusBadge } from "~/components/certification-status";
import { Pagination } from "~/components/filter-form";
import { Stars } from "~/components/stars";
import { db } from "~/db.server";
import { resources } from "~/i18n/config";
import { formatDay } from "~/i18n/format";
import { requireLanguage } from "~/i18n/language.server";
import { useLanguage, useLocalizedPath } from "~/i18n/use-language";
import { vietnamToday } from "~/lib/dates";
import { requireStaff } from "~/modules/accounts/guard.server";
import { CERTIFICATION_SORTS, certificationListParams, EXPIRING_WITHIN_DAYS, type CertificationListQuery } from "~/modules/certifications/admin-list";
import { listCertifications, parseCertificationListQuery, provinceChoices } from "~/modules/certifications/admin-list.server";
import { productForEntry } from "~/modules/certifications/admin-record.server";
import { ISSUER_LEVELS } from "~/modules/certifications/forms";
import { CERTIFIED_STARS } from "~/modules/certifications/rules";
import { CERTIFICATION_STATUSES } from "~/modules/catalogue/visibility.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const language = requireLanguage(params);
  const { actor } = await requireStaff(request, context);
  const { query, ignored } = parseCertificationListQuery(new URL(request.url).searchParams);
  const today = vietnamToday();
  const [list, provinces, product] = await Promise.all([
    listCertifications(db, actor, query, today),
    provinceChoices(db, actor),
    query.product ? productForEntry(db, actor, query.product, today) : null,
  ]);
  return {
    language,
    query,
    ignored,
    list,
    provinces,
    product: product && { id: product.id, nameVi: product.nameVi },
    // The statuses are the visibility module's, a server module: the page gets them from here.
    statuses: CERTIFICATION_STATUSES,
  };
}

export const handle: BreadcrumbHandle = { breadcrumb: (t) => t("admin.certifications.title") };

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  const messages = resources[data?.language ?? "vi"].translation.admin;
  return [{ title: `${messages.certifications.title} · ${messages.shell.title}` }, { name: "robots", content: "noindex" }];
};

export default function CertificationList() {
  const { query, ignored, list, provinces, product, statuses } = useLoaderData<typeof loader>();
  const t = useT();
  const language = useLanguage();
  const to = useLocalizedPath();
  const listPath = to("/admin/certifications");
  const href = (changes: Partial<CertificationListQuery>) => {
    const search = certificationListParams({ ...query, page: 1, ...changes }).toString();
    return search ? `${listPath}?${search}` : listPath;
  };
  return (
    <>
      <h1>{t("admin.certifications.title")}</h1>
      <p>
        <Link className="button" to={to(query.product ? `/admin/certifications/new?productId=${query.product}` : "/admin/certifications/new")}>
          {query.product ? t("admin.certifications.newForProduct") : t("admin.certifications.newCertificate")}
        </Link>{" "}
        <a href={href({}).replace(listPath, to("/admin/certifications.csv"))} download data-testid="export-csv">
          {t("admin.imports.exportCsv")}
        </a>
      </p>
      {ignored.length ? (
        <p className="notice" role="status">
          {t("admin.certifications.ignored", { names: ignored.join(", ") })}
        </p>
      ) : null}

      <Form method="get" action={listPath} className="admin-filters" aria-label={t("admin.certifications.filtersLabel")}>
        <div className="admin-filters__search">
          <label htmlFor="cert-q">{t("admin.certifications.searchLabel")}</label>
          <input id="cert-q" name="q" type="search" defaultValue={query.q} maxLength={200} />
        </div>
        <div>
          <label htmlFor="cert-status">{t("admin.certifications.status")}</label>
          <select id="cert-status" name="status" defaultValue={query.status ?? ""}>
            <option value="">{t("admin.certifications.allStatuses")}</option>
            {statuses.map((status) => (
              <option key={status} value={status}>
                {t(`certification.status_${status}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="cert-within">{t("admin.certifications.within")}</label>
          <select id="cert-within" name="within" defaultValue={query.within ? String(query.within) : ""}>
            <option value="">{t("admin.certifications.withinAny")}</option>
            {EXPIRING_WITHIN_DAYS.map((days) => (
              <option key={days} value={days}>
                {t(`admin.certifications.within_${days}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="cert-stars">{t("admin.certifications.stars")}</label>
          <select id="cert-stars" name="stars" defaultValue={query.stars ? String(query.stars) : ""}>
            <option value="">{t("admin.certifications.allStars")}</option>
            {CERTIFIED_STARS.map((stars) => (
              <option key={stars} value={stars}>
                {t("home.starsLabel", { count: stars })}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="cert-issuer">{t("admin.certifications.issuerLevel")}</label>
          <select id="cert-issuer" name="issuer" defaultValue={query.issuer ?? ""}>
            <option value="">{t("admin.certifications.allIssuers")}</option>
            {ISSUER_LEVELS.map((level) => (
              <option key={level} value={level}>
                {t(`certification.level_${level}`)}
              </option>
            ))}
          </select>
        </div>
        {provinces.length ? (
          <div>
            <label htmlFor="cert-province">{t("admin.certifications.province")}</label>
            <select id="cert-province" name="province" defaultValue={query.province ?? ""}>
              <option value="">{t("admin.certifications.allProvinces")}</option>
              {provinces.map((province) => (
                <option key={province.slug} value={province.slug}>
                  {language === "en" ? province.nameEn : province.nameVi}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <div>
          <label htmlFor="cert-sort">{t("admin.certifications.sort")}</label>
          <select id="cert-sort" name="sort" defaultValue={query.sort}>
            {CERTIFICATION_SORTS.map((sort) => (
              <option key={sort} value={sort}>
                {t(`admin.certifications.sort_${sort}`)}
              </option>
            ))}
          </select>
        </div>
        {query.product ? <input type="hidden" name="product" value={query.product} /> : null}
        <div className="admin-filters__buttons">
          <button type="submit" className="button">
            {t("admin.certifications.apply")}
          </button>
          <Link to={listPath}>{t("admin.certifications.clear")}</Link>
        </div>
      </Form>

      {query.product ? (
        <p className="notice" data-testid="product-filter">
          {product ? t("admin.certifications.productFilter", { name: product.nameVi }) : t("admin.certifications.productFilterUnknown", { id: query.product })}{" "}
          · <Link to={href({ product: undefined })}>{t("admin.certifications.allProducts")}</Link>
        </p>
      ) : null}

      {list.items.length === 0 ? (
        <p role="status" data-testid="result-count">
          {t("admin.shell.empty")}
        </p>
      ) : (
        <div className="admin-table-wrap">
          <table className="admin-table" data-testid="certification-list">
            <caption className="admin-table__caption" data-testid="result-count">
              {t("admin.certifications.listCaption")}: {t("admin.shell.results", { count: list.total })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t("admin.certifications.decision")}</th>
                <th scope="col">{t("admin.certifications.product")}</th>
                <th scope="col">{t("admin.certifications.stars")}</th>
                <th scope="col">{t("admin.certifications.issuer")}</th>
                <th scope="col">{t("admin.certifications.signedOn")}</th>
                <th scope="col">{t("admin.certifications.validUntil")}</th>
                <th scope="col">{t("admin.certifications.status")}</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((item) => (
                <tr key={item.id} data-testid="certification-row" data-status={item.status}>
                  <th scope="row">
                    <Link to={to(`/admin/certifications/${item.id}`)}>{item.decisionNumber}</Link>
                  </th>
                  <td>
                    <Link to={href({ product: item.product.id })}>{item.product.nameVi}</Link>
                    <br />
                    <small>
                      {item.product.producer} · {language === "en" ? item.product.province.nameEn : item.product.province.nameVi}
                    </small>
                  </td>
                  <td>
                    <Stars count={item.stars} />
                  </td>
                  <td>
                    {item.issuerName}
                    <br />
                    <small>{t(`certification.level_${item.issuerLevel}`)}</small>
                  </td>
                  <td>{formatDay(language, item.signedOn)}</td>
                  <td>{formatDay(language, item.validUntil)}</td>
                  <td>
                    <CertificationStatusBadge status={item.status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={list.page} pageCount={list.pageCount} hrefFor={(page) => href({ page })} />
    </>
  );
}
