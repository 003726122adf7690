import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n/translate";
import { EmptyResults, FilterChips } from "~/components/active-filters";
import { FilterForm, Pagination, useListPending } from "~/components/filter-form";
import { ProductCard } from "~/components/product-card";
import { db } from "~/db.server";
import { PUBLIC_PAGE_HEADERS } from "~/lib/cache-headers";
import { resources } from "~/i18n/config";
import { alternateLinks } from "~/i18n/alternates";
import { requireLanguage } from "~/i18n/language.server";
import { publicOrigin } from "~/lib/origin.server";
import { useLanguage, useLocalizedPath } from "~/i18n/use-language";
import { catalogueSearchParams, defaultSort, type CatalogueQuery } from "~/modules/catalogue/query";
import { parseCatalogueQuery } from "~/modules/catalogue/query.server";
import { cachedSearchPage } from "~/modules/catalogue/search.server";
import { vietnamToday } from "~/lib/dates";

export async function loader({ params, request }: LoaderFunctionArgs) {
  const language = requireLanguage(params);
  const { query, ignored } = parseCatalogueQuery(new URL(request.url).searchParams);
  const result = await cachedSearchPage(db, query, vietnamToday(), language);
  return { language, query, ignored, result, origin: publicOrigin() };
}

export const headers: HeadersFunction = () => PUBLIC_PAGE_HEADERS;

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  const messages = resources[data?.language ?? "vi"].translation;
  const heading = data?.query.q ? messages.catalogue.titleWithQuery.replace("{{q}}", () => data.query.q) : messages.catalogue.title;
  const search = data ? catalogueSearchParams(data.query).toString() : "";
  return [
    { title: `${heading} · ${messages.site.name}` },
    { name: "description", content: messages.home.intro },
    ...(data ? alternateLinks(data.origin, `/products${search ? `?${search}` : ""}`) : []),
  ];
};

function withQuery(path: string, query: Partial<CatalogueQuery>): string {
  const search = catalogueSearchParams(query).toString();
  return search ? `${path}?${search}` : path;
}

export default function Products() {
  const { query, ignored, result } = useLoaderData<typeof loader>();
  const t = useT();
  const language = useLanguage();
  const to = useLocalizedPath();
  const listPath = to("/products");
  const pending = useListPending(listPath);

  const base = { ...query, page: 1 };
  const activeFilters: Array<{ label: string; without: Partial<CatalogueQuery> }> = [
    ...(query.q ? [{ label: `“${query.q}”`, without: { ...base, q: "" } }] : []),
    ...query.stars.map((stars) => ({
      label: t("home.starsLabel", { count: stars }),
      without: { ...base, stars: query.stars.filter((s) => s !== stars) },
    })),
    ...(query.group ? [{ label: `${t("catalogue.group")} ${query.group}`, without: { ...base, group: undefined } }] : []),
    ...(query.set ? [{ label: t("catalogue.setFilter", { set: query.set }), without: { ...base, set: undefined } }] : []),
    ...(query.province
      ? [
          {
            label: result.facets.provinces.find((p) => p.value === query.province)?.[language === "en" ? "nameEn" : "nameVi"] ?? query.province,
            without: { ...base, province: undefined, commune: undefined },
          },
        ]
      : []),
    ...(query.commune ? [{ label: t("catalogue.communeFilter", { slug: query.commune }), without: { ...base, commune: undefined } }] : []),
    ...(query.producer ? [{ label: t("catalogue.producerFilter", { slug: query.producer }), without: { ...base, producer: undefined } }] : []),
    ...(query.status === "all" ? [{ label: t("catalogue.includeLapsed"), without: { ...base, status: "valid" as const } }] : []),
  ];
  const removable = activeFilters.map((filter) => ({ label: filter.label, href: withQuery(listPath, filter.without) }));

  return (
    <div className="catalogue">
      <h1>{query.q ? t("catalogue.titleWithQuery", { q: query.q }) : t("catalogue.title")}</h1>
      {ignored.length ? (
        <p className="notice" role="status">
          {t("catalogue.ignored", { names: ignored.join(", ") })}
        </p>
      ) : null}

      <FilterForm action={listPath} q={query.q} searchLabel={t("catalogue.searchLabel")} searchPlaceholder={t("catalogue.searchPlaceholder")}>
        <fieldset className="filters__stars">
          <legend>{t("catalogue.stars")}</legend>
          {result.facets.stars.map((option) => (
            <label key={option.value} className="check">
              <input type="checkbox" name="stars" value={option.value} defaultChecked={option.selected} />
              <span>{t("home.starsLabel", { count: option.value })}</span> <span className="count">({option.count})</span>
            </label>
          ))}
        </fieldset>

        <div className="filters__selects">
          <label>
            <span>{t("catalogue.group")}</span>
            <select name="group" defaultValue={query.group ?? ""}>
              <option value="">{t("catalogue.allGroups")}</option>
              {result.facets.groups.map((group) => (
                <option key={group.value} value={group.value}>
                  {group.value}. {language === "en" ? group.nameEn : group.nameVi} ({group.count})
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>{t("catalogue.province")}</span>
            <select name="province" defaultValue={query.province ?? ""}>
              <option value="">{t("catalogue.allProvinces")}</option>
              {result.facets.provinces.map((province) => (
                <option key={province.value} value={province.value}>
                  {language === "en" ? province.nameEn : province.nameVi} ({province.count})
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>{t("catalogue.sort")}</span>
            {/* The default order is sent as no value, so a search typed later ranks by relevance. */}
            <select name="sort" defaultValue={query.sort === defaultSort(query.q) ? "" : query.sort}>
              <option value="">{query.q ? t("catalogue.sortRelevance") : t("catalogue.sortNewest")}</option>
              {query.q ? <option value="newest">{t("catalogue.sortNewest")}</option> : null}
              <option value="name">{t("catalogue.sortName")}</option>
              <option value="stars">{t("catalogue.sortStars")}</option>
            </select>
          </label>
        </div>
        <label className="check">
          <input type="checkbox" name="status" value="all" defaultChecked={query.status === "all"} />
          <span>{t("catalogue.includeLapsed")}</span>
        </label>
        {query.set ? <input type="hidden" name="set" value={query.set} /> : null}
        {query.commune ? <input type="hidden" name="commune" value={query.commune} /> : null}
        {query.producer ? <input type="hidden" name="producer" value={query.producer} /> : null}
      </FilterForm>

      <div className="results-bar" aria-live="polite">
        <p data-testid="result-count">
          <strong>{t("catalogue.results", { count: result.total })}</strong>
          {pending ? <span className="pending"> · {t("catalogue.loading")}</span> : null}
        </p>
        <p className="results-bar__links">
          <a href={withQuery("/api/products.csv", { ...query, page: 1 })} download>
            {t("catalogue.downloadCsv")}
          </a>{" "}
          · <a href={withQuery("/api/products", query)}>{t("catalogue.jsonApi")}</a>
        </p>
      </div>

      <FilterChips filters={removable} />

      {result.total === 0 ? (
        <EmptyResults title={t("catalogue.emptyTitle")} filters={removable} clearHref={listPath} />
      ) : (
        <div className={`product-grid${pending ? " is-pending" : ""}`}>
          {result.items.map((product) => (
            <ProductCard key={product.slug} product={product} />
          ))}
        </div>
      )}

      <Pagination page={query.page} pageCount={result.pageCount} hrefFor={(page) => withQuery(listPath, { ...query, page })} />
    </div>
  );
}
