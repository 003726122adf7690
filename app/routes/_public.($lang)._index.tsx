import { SearchSuggestInput } from "~/components/search-suggest";
import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n/translate";
import { ProductCard } from "~/components/product-card";
import { Stars } from "~/components/stars";
import { db } from "~/db.server";
import { PUBLIC_PAGE_HEADERS } from "~/lib/cache-headers";
import { alternateLinks } from "~/i18n/alternates";
import { resources } from "~/i18n/config";
import { requireLanguage } from "~/i18n/language.server";
import { useLocalizedPath } from "~/i18n/use-language";
import { publicOrigin } from "~/lib/origin.server";
import { vietnamToday } from "~/lib/dates";
import { cachedCatalogueOverview } from "~/modules/catalogue/overview.server";
import { cachedNewestCertifiedProducts } from "~/modules/catalogue/search.server";
import { productCardView } from "~/modules/catalogue/card-view";

export async function loader({ params }: LoaderFunctionArgs) {
  const language = requireLanguage(params);
  const today = vietnamToday();
  const [overview, newest] = await Promise.all([cachedCatalogueOverview(db, today), cachedNewestCertifiedProducts(db, today)]);
  return { language, overview, newest: newest.map((card) => productCardView(card, language)), origin: publicOrigin() };
}

export const headers: HeadersFunction = () => PUBLIC_PAGE_HEADERS;

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  const messages = resources[data?.language ?? "vi"].translation;
  return [
    { title: `${messages.home.title} · ${messages.site.name}` },
    { name: "description", content: messages.home.intro },
    ...(data ? alternateLinks(data.origin, "/") : []),
  ];
};

export default function Home() {
  const { overview, language, newest } = useLoaderData<typeof loader>();
  const t = useT();
  const to = useLocalizedPath();
  const largestGroup = Math.max(1, ...overview.byGroup.map((group) => group.count));
  return (
    <div className="home">
      <section className="hero">
        <h1>{t("home.title")}</h1>
        <p className="hero__intro">{t("home.intro")}</p>
        <p className="hero__total" data-testid="certified-total">
          <strong>{t("home.certifiedProducts", { count: overview.certifiedProducts })}</strong>{" "}
          <span>{t("home.producers", { count: overview.producers })}</span>
        </p>
        <Form method="get" action={to("/products")} className="home-search" role="search">
          <label htmlFor="home-q">{t("catalogue.searchLabel")}</label>
          <div className="search-row">
            <SearchSuggestInput id="home-q" placeholder={t("catalogue.searchPlaceholder")} />
            <button type="submit">{t("catalogue.searchButton")}</button>
          </div>
        </Form>
      </section>

      <section aria-labelledby="by-stars">
        <h2 id="by-stars">{t("home.byStars")}</h2>
        <ul className="star-counts">
          {overview.byStars.map(({ stars, count }) => (
            <li key={stars} className="star-count" data-testid={`stars-${stars}`}>
              <Stars count={stars} />
              <span className="star-count__number">{count}</span>
              <span className="star-count__label">{t("home.productCount", { count })}</span>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="by-group">
        <h2 id="by-group">{t("home.byGroup")}</h2>
        <table className="group-table">
          <thead>
            <tr>
              <th scope="col">{t("home.group")}</th>
              <th scope="col" className="numeric">
                {t("home.count")}
              </th>
            </tr>
          </thead>
          <tbody>
            {overview.byGroup.map((group) => (
              <tr key={group.id} data-testid={`group-${group.code}`}>
                <th scope="row">
                  <span className="group-code">{group.code}</span> {language === "en" ? group.nameEn : group.nameVi}
                  {/* An SVG bar: the content security policy allows no inline styles. */}
                  <svg className="bar" aria-hidden="true" focusable="false" preserveAspectRatio="none" viewBox="0 0 100 1">
                    <rect width={Math.round((group.count / largestGroup) * 100)} height="1" />
                  </svg>
                </th>
                <td className="numeric">{group.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      {newest.length ? (
        <section aria-labelledby="newest">
          <h2 id="newest">{t("home.newest")}</h2>
          <div className="product-grid">
            {newest.map((product) => (
              <ProductCard key={product.slug} product={product} />
            ))}
          </div>
          <p>
            <Link to={to("/products")}>{t("home.seeAll")}</Link>
          </p>
        </section>
      ) : null}
    </div>
  );
}
