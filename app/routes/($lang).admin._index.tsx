import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n/translate";
import { AuditTable } from "~/components/admin/audit-table";
import { Stars } from "~/components/stars";
import { db } from "~/db.server";
import { resources } from "~/i18n/config";
import { formatDay } from "~/i18n/format";
import { requireLanguage } from "~/i18n/language.server";
import { useLanguage, useLocalizedPath } from "~/i18n/use-language";
import { vietnamToday } from "~/lib/dates";
import { requireStaff } from "~/modules/accounts/guard.server";
import { certificationListParams, EXPIRING_WITHIN_DAYS } from "~/modules/certifications/admin-list";
import { COMPLETENESS_CHECKS } from "~/modules/dashboard/completeness.server";
import { dashboard } from "~/modules/dashboard/overview.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const language = requireLanguage(params);
  const { actor, user } = await requireStaff(request, context);
  return { language, isAdmin: user.role === "ADMIN", checks: COMPLETENESS_CHECKS, ...(await dashboard(db, actor, vietnamToday())) };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  const messages = resources[data?.language ?? "vi"].translation.admin;
  return [{ title: `${messages.shell.dashboard} · ${messages.shell.title}` }, { name: "robots", content: "noindex" }];
};

export default function AdminDashboard() {
  const { counts, review, expiring, completeness, activity, isAdmin, checks } = useLoaderData<typeof loader>();
  const t = useT();
  const language = useLanguage();
  const to = useLocalizedPath();
  return (
    <>
      <h1>{t("admin.shell.dashboard")}</h1>
      <p>{t("admin.dashboard.intro")}</p>
      <ul className="admin-tiles" aria-label={t("admin.dashboard.totalsLabel")}>
        <li>
          <Link to={to("/admin/producers")}>
            <strong data-testid="count-producers">{counts.producers}</strong> {t("admin.shell.producers")}
          </Link>
        </li>
        <li>
          <Link to={to("/admin/products")}>
            <strong data-testid="count-products">{counts.products}</strong> {t("admin.shell.products")}
          </Link>
        </li>
        <li>
          <Link to={to("/admin/certifications")}>
            <strong data-testid="count-certifications">{counts.certifications}</strong> {t("admin.shell.certifications")}
          </Link>
        </li>
      </ul>

      <section aria-labelledby="dashboard-review">
        <h2 id="dashboard-review">{t("admin.dashboard.reviewTitle")}</h2>
        {review.total === 0 ? <p role="status">{t("admin.dashboard.reviewNone")}</p> : null}
        <p>
          <Link to={to("/admin/reviews")} data-testid="review-queue-link">
            {t("admin.reviews.dashboardLink", { count: review.total })}
          </Link>{" "}
          · <span data-testid="review-certifications">{t("admin.reviews.kindCount_certification", { count: review.certifications.total })}</span> ·{" "}
          <span data-testid="review-revisions">{t("admin.reviews.kindCount_revision", { count: review.revisions.total })}</span>
        </p>
        <div>
          <div data-testid="review-producers">
            <h3>
              <Link to={to("/admin/producers?review=pending")} data-testid="review-producers-link">
                {t("admin.dashboard.reviewProducers", { count: review.producers.total })}
              </Link>
            </h3>
            {review.producers.items.length ? (
              <ul>
                {review.producers.items.map((producer) => (
                  <li key={producer.id}>
                    <Link to={to(`/admin/producers/${producer.id}`)}>{producer.legalName}</Link>{" "}
                    <small>{t("admin.dashboard.waitingSince", { day: formatDay(language, producer.createdAt) })}</small>
                  </li>
                ))}
              </ul>
            ) : null}
            {review.producers.total > review.producers.items.length ? (
              <p>
                <Link to={to("/admin/producers?review=pending")}>{t("admin.dashboard.seeAllProducers")}</Link>
              </p>
            ) : null}
          </div>
          <div data-testid="review-products">
            <h3>
              <Link to={to("/admin/products?review=pending")} data-testid="review-products-link">
                {t("admin.dashboard.reviewProducts", { count: review.products.total })}
              </Link>
            </h3>
            {review.products.items.length ? (
              <ul>
                {review.products.items.map((product) => (
                  <li key={product.id}>
                    <Link to={to(`/admin/products/${product.id}`)}>{product.nameVi}</Link> <small>· {product.producer}</small>
                  </li>
                ))}
              </ul>
            ) : null}
            {review.products.total > review.products.items.length ? (
              <p>
                <Link to={to("/admin/products?review=pending")}>{t("admin.dashboard.seeAllProducts")}</Link>
              </p>
            ) : null}
          </div>
        </div>
      </section>

      <section aria-labelledby="dashboard-expiring">
        <h2 id="dashboard-expiring">{t("admin.dashboard.expiringTitle")}</h2>
        <p>{t("admin.dashboard.expiringIntro")}</p>
        {EXPIRING_WITHIN_DAYS.map((days) => {
          const { total, items } = expiring[days];
          const listLink = `${to("/admin/certifications")}?${certificationListParams({ within: days, sort: "validUntil" }).toString()}`;
          return (
            <div key={days} data-testid={`expiring-${days}`}>
              <h3>{t("admin.dashboard.expiringWithin", { days, count: total })}</h3>
              <p className="admin-list-links">
                {/* A download, not a page: a plain link, so the browser saves the file. */}
                <a href={`${to("/admin/expiring.csv")}?days=${days}`} download data-testid={`expiring-csv-${days}`}>
                  {t("admin.dashboard.expiringCsv", { days })}
                </a>{" "}
                · <Link to={listLink}>{t("admin.dashboard.expiringSeeAll")}</Link>
              </p>
              {items.length === 0 ? (
                <p role="status">{t("admin.dashboard.expiringNone", { days })}</p>
              ) : (
                <div className="admin-table-wrap">
                  <table className="admin-table">
                    <caption className="admin-table__caption">
                      {t("admin.dashboard.expiringCaption", { days })}
                      {total > items.length ? ` · ${t("admin.dashboard.expiringShown", { shown: items.length, total })}` : null}
                    </caption>
                    <thead>
                      <tr>
                        <th scope="col">{t("admin.dashboard.colProduct")}</th>
                        <th scope="col">{t("admin.dashboard.colProducer")}</th>
                        <th scope="col">{t("admin.dashboard.colStars")}</th>
                        <th scope="col">{t("admin.dashboard.colDecision")}</th>
                        <th scope="col">{t("admin.dashboard.colValidUntil")}</th>
                        <th scope="col" className="numeric">
                          {t("admin.dashboard.colDaysLeft")}
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {items.map((cert) => (
                        <tr key={cert.id} data-testid="expiring-row">
                          <th scope="row">
                            <Link to={to(`/admin/products/${cert.product.id}`)}>{cert.product.nameVi}</Link>
                          </th>
                          <td>
                            <Link to={to(`/admin/producers/${cert.producer.id}`)}>{cert.producer.legalName}</Link>
                          </td>
                          <td>
                            <Stars count={cert.stars} />
                          </td>
                          <td>
                            <Link to={to(`/admin/certifications/${cert.id}`)}>{cert.decisionNumber}</Link>
                          </td>
                          <td>{formatDay(language, cert.validUntil)}</td>
                          <td className="numeric">{cert.daysLeft}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </div>
          );
        })}
      </section>

      <section aria-labelledby="dashboard-completeness" data-testid="completeness">
        <h2 id="dashboard-completeness">{t("admin.dashboard.completenessTitle")}</h2>
        <p>{t("admin.dashboard.completenessIntro")}</p>
        <p>
          <strong data-testid="completeness-overall">
            {t("admin.dashboard.completenessOverall", { percent: completeness.overallPercent, count: completeness.products })}
          </strong>
        </p>
        <div className="admin-table-wrap">
          <table className="admin-table">
            <caption className="admin-table__caption">{t("admin.dashboard.completenessMissingCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("admin.dashboard.completenessCheck")}</th>
                <th scope="col" className="numeric">
                  {t("admin.dashboard.completenessMissingCount")}
                </th>
              </tr>
            </thead>
            <tbody>
              {checks.map((check) => (
                <tr key={check}>
                  <th scope="row">{t(`admin.dashboard.check_${check}`)}</th>
                  <td className="numeric" data-testid={`missing-${check}`}>
                    {completeness.missing[check]}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {completeness.leastComplete.length === 0 ? (
          <p role="status">{t("admin.dashboard.allComplete")}</p>
        ) : (
          <div className="admin-table-wrap">
            <table className="admin-table">
              <caption className="admin-table__caption">{t("admin.dashboard.leastCompleteCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("admin.dashboard.colProduct")}</th>
                  <th scope="col">{t("admin.dashboard.colStatus")}</th>
                  <th scope="col" className="numeric">
                    {t("admin.dashboard.colPercent")}
                  </th>
                  <th scope="col">{t("admin.dashboard.colMissing")}</th>
                </tr>
              </thead>
              <tbody>
                {completeness.leastComplete.map((product) => (
                  <tr key={product.id} data-testid="incomplete-row">
                    <th scope="row">
                      <Link to={to(`/admin/products/${product.id}`)}>{product.nameVi}</Link>
                    </th>
                    <td>{t(`admin.products.status_${product.status as "PUBLISHED"}`)}</td>
                    <td className="numeric">{product.percent}%</td>
                    <td>{product.missing.map((check) => t(`admin.dashboard.check_${check}`)).join(", ")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="dashboard-activity" data-testid="recent-activity">
        <h2 id="dashboard-activity">{t("admin.dashboard.activityTitle")}</h2>
        {activity.items.length === 0 ? (
          <p role="status">{t("admin.dashboard.activityNone")}</p>
        ) : (
          <AuditTable events={activity.items} caption={t("admin.dashboard.activityCaption")} canOpenAccounts={isAdmin} />
        )}
        <p>
          <Link to={to("/admin/audit")}>{t("admin.dashboard.activitySeeAll", { count: activity.total })}</Link>
        </p>
      </section>
    </>
  );
}
