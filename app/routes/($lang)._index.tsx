import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Stars } from "~/components/stars";
import { db } from "~/db.server";
import { resources } from "~/i18n/config";
import { requireLanguage } from "~/i18n/language.server";
import { vietnamToday } from "~/modules/certifications/rules.server";
import { getCatalogueOverview } from "~/modules/catalogue/overview.server";

export async function loader({ params }: LoaderFunctionArgs) {
  const language = requireLanguage(params);
  const overview = await getCatalogueOverview(db, vietnamToday());
  return { language, overview };
}

export const headers: HeadersFunction = () => ({
  "Cache-Control": "public, max-age=60, stale-while-revalidate=300",
});

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  const messages = resources[data?.language ?? "vi"].translation;
  return [
    { title: `${messages.home.title} · ${messages.site.name}` },
    { name: "description", content: messages.home.intro },
  ];
};

export default function Home() {
  const { overview, language } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
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
                  <span
                    className="bar"
                    aria-hidden="true"
                    style={{ width: `${Math.round((group.count / largestGroup) * 100)}%` }}
                  />
                </th>
                <td className="numeric">{group.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
