import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n/translate";
import { BarChart, ColumnChart, type BarDatum } from "~/components/charts";
import { Stars } from "~/components/stars";
import { db } from "~/db.server";
import { PUBLIC_PAGE_HEADERS } from "~/lib/cache-headers";
import { resources, type Language } from "~/i18n/config";
import { requireLanguage } from "~/i18n/language.server";
import { useLocalizedPath } from "~/i18n/use-language";
import { vietnamToday } from "~/lib/dates";
import { cachedCatalogueStats, TOP_PLACES } from "~/modules/catalogue/stats.server";
import type { PlaceCount } from "~/modules/catalogue/stats.server";

export async function loader({ params }: LoaderFunctionArgs) {
  const language = requireLanguage(params);
  const stats = await cachedCatalogueStats(db, vietnamToday());
  return { language, stats, topPlaces: TOP_PLACES };
}

export const headers: HeadersFunction = () => PUBLIC_PAGE_HEADERS;

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  const messages = resources[data?.language ?? "vi"].translation;
  return [{ title: `${messages.stats.title} · ${messages.site.name}` }];
};

function formatters(language: Language) {
  const locale = language === "en" ? "en-GB" : "vi-VN";
  const number = new Intl.NumberFormat(locale);
  const percent = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 });
  const dates = new Intl.DateTimeFormat(
    locale,
    language === "en"
      ? { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" }
      : { day: "2-digit", month: "2-digit", year: "numeric", timeZone: "UTC" },
  );
  return {
    number: (value: number) => number.format(value),
    percent: (value: number) => percent.format(value),
    date: (isoDate: string) => dates.format(new Date(`${isoDate}T00:00:00Z`)),
  };
}

export default function Stats() {
  const { stats, language, topPlaces } = useLoaderData<typeof loader>();
  const t = useT();
  const to = useLocalizedPath();
  const format = formatters(language);

  const placeLabel = (place: PlaceCount) => {
    const name =
      place.kind === "DISTRICT"
        ? place.name
        : place.kind === "WARD"
          ? t("stats.place_WARD", { name: place.name })
          : place.kind === "SPECIAL_ZONE"
            ? t("stats.place_SPECIAL_ZONE", { name: place.name })
            : t("stats.place_COMMUNE", { name: place.name });
    return place.province ? t("stats.placeInProvince", { place: name, province: place.province }) : name;
  };

  const starBars: BarDatum[] = stats.byStars.map(({ stars, count, share }) => ({
    key: String(stars),
    label: t("home.starsLabel", { count: stars }),
    value: count,
    display: format.number(count),
    extra: format.percent(share),
    testId: `stats-stars-${stars}`,
  }));
  const groupBars: BarDatum[] = stats.byGroup.map((group) => ({
    key: group.code,
    label: `${group.code}. ${language === "en" ? group.nameEn : group.nameVi}`,
    value: group.count,
    display: format.number(group.count),
    testId: `stats-group-${group.code}`,
  }));
  const placeBars: BarDatum[] = stats.byPlace.top.map((place, i) => ({
    key: `${i}`,
    label: placeLabel(place),
    value: place.count,
    display: format.number(place.count),
  }));
  if (stats.byPlace.other > 0) {
    placeBars.push({
      key: "other",
      label: t("stats.otherPlaces"),
      value: stats.byPlace.other,
      display: format.number(stats.byPlace.other),
      testId: "stats-place-other",
    });
  }
  const expiring = stats.expiring;

  return (
    <div className="stats-page">
      <h1>{t("stats.title")}</h1>
      <p className="stats-intro">{t("stats.intro", { date: format.date(stats.today) })}</p>

      <section aria-labelledby="stats-headlines">
        <h2 id="stats-headlines">{t("stats.headlines")}</h2>
        <dl className="stats-cards">
          <div className="stats-card">
            <dt>{t("stats.certifiedProducts")}</dt>
            <dd data-testid="stats-certified">{format.number(stats.certifiedProducts)}</dd>
          </div>
          <div className="stats-card">
            <dt>{t("stats.producers")}</dt>
            <dd data-testid="stats-producers">{format.number(stats.producers)}</dd>
          </div>
          <div className="stats-card">
            <dt>{t("stats.starShare")}</dt>
            <dd>
              <ul className="stats-shares">
                {stats.byStars.map(({ stars, share }) => (
                  <li key={stars} data-testid={`stats-share-${stars}`}>
                    <Stars count={stars} /> {format.percent(share)}
                  </li>
                ))}
              </ul>
            </dd>
          </div>
          <div className="stats-card">
            <dt>{t("stats.expiringSoon")}</dt>
            <dd data-testid="stats-expiring-count">{format.number(expiring.count)}</dd>
          </div>
        </dl>
      </section>

      <div className="stats-grid">
        <section aria-labelledby="stats-by-stars" className="stats-section">
          <h2 id="stats-by-stars">{t("stats.byStars")}</h2>
          <BarChart
            titleId="stats-by-stars"
            data={starBars}
            text={{
              dataTable: t("stats.dataTable"),
              labelHeader: t("stats.stars"),
              valueHeader: t("stats.products"),
              extraHeader: t("stats.share"),
            }}
          />
        </section>

        <section aria-labelledby="stats-by-group" className="stats-section">
          <h2 id="stats-by-group">{t("stats.byGroup")}</h2>
          <BarChart
            titleId="stats-by-group"
            data={groupBars}
            text={{ dataTable: t("stats.dataTable"), labelHeader: t("stats.group"), valueHeader: t("stats.products") }}
          />
        </section>

        <section aria-labelledby="stats-by-place" className="stats-section">
          <h2 id="stats-by-place">{t("stats.byPlace")}</h2>
          <p className="stats-note">{t("stats.byPlaceNote", { count: topPlaces })}</p>
          {placeBars.length > 0 ? (
            <BarChart
              titleId="stats-by-place"
              data={placeBars}
              text={{ dataTable: t("stats.dataTable"), labelHeader: t("stats.place"), valueHeader: t("stats.products") }}
            />
          ) : (
            <p>{t("stats.noData")}</p>
          )}
        </section>

        <section aria-labelledby="stats-by-year" className="stats-section">
          <h2 id="stats-by-year">{t("stats.byYear")}</h2>
          <p className="stats-note">{t("stats.byYearNote")}</p>
          {stats.byYear.length > 0 ? (
            <ColumnChart
              id="stats-years"
              titleId="stats-by-year"
              categories={stats.byYear.map((row) => String(row.year))}
              series={[
                {
                  key: "signed",
                  name: t("stats.certificationsSigned"),
                  values: stats.byYear.map((row) => row.certifications),
                },
                {
                  key: "first",
                  name: t("stats.firstCertified"),
                  values: stats.byYear.map((row) => row.firstCertified),
                },
              ]}
              format={format.number}
              text={{ dataTable: t("stats.dataTable"), categoryHeader: t("stats.year") }}
              rowTestId={(year) => `stats-year-${year}`}
            />
          ) : (
            <p>{t("stats.noData")}</p>
          )}
        </section>
      </div>

      <section aria-labelledby="stats-expiring" className="stats-section">
        <h2 id="stats-expiring">{t("stats.expiring")}</h2>
        <p>
          {t("stats.expiringSummary", { count: expiring.count, date: format.date(expiring.until) })}
          {expiring.count > expiring.items.length ? ` ${t("stats.expiringShown", { count: expiring.items.length })}` : null}
        </p>
        {expiring.items.length > 0 ? (
          <div className="stats-table-scroll">
            <table className="stats-table" aria-labelledby="stats-expiring">
              <thead>
                <tr>
                  <th scope="col">{t("stats.product")}</th>
                  <th scope="col">{t("stats.producer")}</th>
                  <th scope="col">{t("stats.rating")}</th>
                  <th scope="col">{t("stats.validUntil")}</th>
                </tr>
              </thead>
              <tbody>
                {expiring.items.map((item) => (
                  <tr key={item.productSlug} data-testid="stats-expiring-row">
                    <th scope="row">
                      <Link to={to(`/products/${item.productSlug}`)}>
                        {language === "en" ? (item.productNameEn ?? item.productNameVi) : item.productNameVi}
                      </Link>
                    </th>
                    <td>{item.producerName}</td>
                    <td>
                      <Stars count={item.stars} />
                    </td>
                    <td>
                      <time dateTime={item.validUntil}>{format.date(item.validUntil)}</time>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>
    </div>
  );
}
