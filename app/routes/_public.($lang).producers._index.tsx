import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n/translate";
import { EmptyResults, FilterChips } from "~/components/active-filters";
import { FilterForm, Pagination, useListPending } from "~/components/filter-form";
import { Stars } from "~/components/stars";
import { db } from "~/db.server";
import { PUBLIC_PAGE_HEADERS } from "~/lib/cache-headers";
import { resources } from "~/i18n/config";
import { requireLanguage } from "~/i18n/language.server";
import { useLanguage, useLocalizedPath } from "~/i18n/use-language";
import { vietnamToday } from "~/lib/dates";
import { parseProducerDirectoryQuery, searchProducers, type ProducerDirectoryQuery } from "~/modules/producers/directory.server";

export async function loader({ params, request }: LoaderFunctionArgs) {
  const language = requireLanguage(params);
  const { query, ignored } = parseProducerDirectoryQuery(new URL(request.url).searchParams);
  const result = await searchProducers(db, query, vietnamToday());
  return { language, query, ignored, result };
}

export const headers: HeadersFunction = () => PUBLIC_PAGE_HEADERS;

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  const messages = resources[data?.language ?? "vi"].translation;
  const heading = data?.query.q ? messages.producers.titleWithQuery.replace("{{q}}", () => data.query.q) : messages.producers.title;
  return [{ title: `${heading} · ${messages.site.name}` }, { name: "description", content: messages.producers.intro }];
};

/** The query as URL parameters, defaults left out, so links stay short and canonical. */
function withQuery(path: string, query: Partial<ProducerDirectoryQuery>): string {
  const params = new URLSearchParams();
  if (query.q) params.set("q", query.q);
  if (query.type) params.set("type", query.type);
  if (query.province) params.set("province", query.province);
  if (query.page && query.page > 1) params.set("page", String(query.page));
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

export default function Producers() {
  const { query, ignored, result } = useLoaderData<typeof loader>();
  const t = useT();
  const language = useLanguage();
  const to = useLocalizedPath();
  const listPath = to("/producers");
  const pending = useListPending(listPath);
  const provinceName = (province: { nameVi: string; nameEn: string }) => (language === "en" ? province.nameEn : province.nameVi);

  const base = { ...query, page: 1 };
  const activeFilters: Array<{ label: string; without: Partial<ProducerDirectoryQuery> }> = [
    ...(query.q ? [{ label: `“${query.q}”`, without: { ...base, q: "" } }] : []),
    ...(query.type ? [{ label: t(`producers.type_${query.type}`), without: { ...base, type: undefined } }] : []),
    ...(query.province
      ? [
          {
            label: (() => {
              const option = result.facets.provinces.find((p) => p.value === query.province);
              return option ? provinceName(option) : query.province;
            })(),
            without: { ...base, province: undefined },
          },
        ]
      : []),
  ];
  const removable = activeFilters.map((filter) => ({ label: filter.label, href: withQuery(listPath, filter.without) }));

  return (
    <div className="catalogue producers">
      <h1>{query.q ? t("producers.titleWithQuery", { q: query.q }) : t("producers.title")}</h1>
      <p className="producers__intro">{t("producers.intro")}</p>
      {ignored.length ? (
        <p className="notice" role="status">
          {t("catalogue.ignored", { names: ignored.join(", ") })}
        </p>
      ) : null}

      <FilterForm action={listPath} q={query.q} searchLabel={t("producers.searchLabel")} searchPlaceholder={t("producers.searchPlaceholder")}>
        <fieldset className="filters__types">
          <legend>{t("producers.type")}</legend>
          <label className="check">
            <input type="radio" name="type" value="" defaultChecked={!query.type} />
            <span>{t("producers.allTypes")}</span>
          </label>
          {result.facets.types.map((option) => (
            <label key={option.value} className="check">
              <input type="radio" name="type" value={option.value} defaultChecked={option.selected} />
              <span>{t(`producers.type_${option.value}`)}</span> <span className="count">({option.count})</span>
            </label>
          ))}
        </fieldset>

        <div className="filters__selects">
          <label>
            <span>{t("catalogue.province")}</span>
            <select name="province" defaultValue={query.province ?? ""}>
              <option value="">{t("catalogue.allProvinces")}</option>
              {result.facets.provinces.map((province) => (
                <option key={province.value} value={province.value}>
                  {provinceName(province)} ({province.count})
                </option>
              ))}
            </select>
          </label>
        </div>
      </FilterForm>

      <div className="results-bar" aria-live="polite">
        <p data-testid="result-count">
          <strong>{t("producers.results", { count: result.total })}</strong>
          {pending ? <span className="pending"> · {t("catalogue.loading")}</span> : null}
        </p>
        <p className="results-bar__links">
          <a href={withQuery("/api/producers", query)}>{t("catalogue.jsonApi")}</a>
        </p>
      </div>

      <FilterChips filters={removable} />

      {result.total === 0 ? (
        <EmptyResults title={t("producers.emptyTitle")} filters={removable} clearHref={listPath} />
      ) : (
        <ul className={`producer-list${pending ? " is-pending" : ""}`}>
          {result.items.map((producer) => (
            <li key={producer.slug} className="producer-entry" data-testid="producer-entry" data-type={producer.type}>
              <h2 className="producer-entry__name">
                <Link to={to(`/producers/${producer.slug}`)}>{producer.legalName}</Link>
              </h2>
              <p className="producer-entry__type">{t(`producers.type_${producer.type}`)}</p>
              <p className="producer-entry__place">
                {[producer.commune?.nameVi, provinceName(producer.province)].filter(Boolean).join(", ")}
                {producer.formerDistrict ? (
                  <span className="producer-entry__former">
                    {" "}
                    · {t("producers.formerPlace", { place: producer.formerDistrict })}
                  </span>
                ) : null}
              </p>
              <p className="producer-entry__products" data-testid="certified-products" data-count={producer.certifiedProducts}>
                {producer.certifiedProducts > 0 ? (
                  <>
                    {t("producers.certifiedProducts", { count: producer.certifiedProducts })}
                    {producer.bestStars ? (
                      <>
                        {" "}
                        ·{" "}
                        <span className="producer-entry__best">
                          {t("producers.bestStars")} <Stars count={producer.bestStars} />
                        </span>
                      </>
                    ) : null}
                  </>
                ) : (
                  <span className="producer-entry__none">{t("producers.noCertifiedProducts")}</span>
                )}
              </p>
            </li>
          ))}
        </ul>
      )}

      <Pagination page={query.page} pageCount={result.pageCount} hrefFor={(page) => withQuery(listPath, { ...query, page })} />
    </div>
  );
}
