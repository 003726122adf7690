import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { isRouteErrorResponse, Link, useLoaderData, useRouteError } from "@remix-run/react";
import { useT } from "~/i18n/translate";
import { STATUS_ICONS } from "~/components/certification-status";
import { LocalizedText } from "~/components/localized-text";
import { Stars } from "~/components/stars";
import { db } from "~/db.server";
import { PUBLIC_PAGE_HEADERS } from "~/lib/cache-headers";
import { resources } from "~/i18n/config";
import { formatDay } from "~/i18n/format";
import { requireLanguage } from "~/i18n/language.server";
import { useLanguage, useLocalizedPath } from "~/i18n/use-language";
import { verifyCertificate } from "~/modules/certifications/verify.server";
import { vietnamToday } from "~/lib/dates";

export async function loader({ params }: LoaderFunctionArgs) {
  const language = requireLanguage(params);
  const today = vietnamToday();
  const result = await verifyCertificate(db, params.code ?? "", today);
  if (!result) {
    // A clear page, with a real 404 status, that names the code that was tried.
    throw Response.json({ code: (params.code ?? "").slice(0, 40), language }, { status: 404 });
  }
  return { language, today, result };
}

// Browsers revalidate on every visit: a revocation must never hide behind a stored copy.
export const headers: HeadersFunction = () => PUBLIC_PAGE_HEADERS;

export const meta: MetaFunction<typeof loader> = ({ data, location }) => {
  const language = data?.language ?? (location.pathname.startsWith("/en") ? "en" : "vi");
  const messages = resources[language].translation;
  if (!data) return [{ title: `${messages.verify.notFoundTitle} · ${messages.site.name}` }, { name: "robots", content: "noindex" }];
  const headline = messages.verify[`${data.result.status}Headline`];
  return [{ title: `${headline} · ${messages.verify.title}` }, { name: "robots", content: "noindex" }];
};

export default function VerifyCertificate() {
  const { today, result } = useLoaderData<typeof loader>();
  const t = useT();
  const language = useLanguage();
  const to = useLocalizedPath();
  return (
    <article className={`verify verify--${result.status}`} data-testid="verify" data-status={result.status}>
      <p className="verify__kicker">{t("verify.title")}</p>
      <h1 className="verify__headline">
        <span aria-hidden="true">{STATUS_ICONS[result.status]}</span>{" "}
        {t(`verify.${result.status}Headline`)}
      </h1>
      <p className="verify__checked">{t("verify.checkedOn", { date: formatDay(language, today) })}</p>
      {result.supersededBy ? (
        <p className="notice" data-testid="verify-superseded">
          {t("verify.replacedBy", { decision: result.supersededBy.decisionNumber, date: formatDay(language, result.supersededBy.signedOn) })}{" "}
          {result.standing ? <Link to={to(`/verify/${result.standing.verificationCode}`)}>{t("verify.seeStanding")}</Link> : null}
        </p>
      ) : result.standing ? (
        <p className="notice">
          {t("verify.standingIs", { decision: result.standing.decisionNumber })}{" "}
          <Link to={to(`/verify/${result.standing.verificationCode}`)}>{t("verify.seeStanding")}</Link>
        </p>
      ) : null}
      {result.listing !== "public" ? (
        <p className="notice" data-testid="verify-not-listed" data-listing={result.listing}>
          {t(result.listing === "producer_not_public" ? "verify.producerNotPublic" : "verify.productNotPublic")}
        </p>
      ) : null}
      <dl className="facts verify__facts">
        <dt>{t("verify.product")}</dt>
        <dd>
          {result.listing === "public" ? (
            <Link to={to(`/products/${result.product.slug}`)}>
              <LocalizedText vi={result.product.nameVi} en={result.product.nameEn} />
            </Link>
          ) : (
            <LocalizedText vi={result.product.nameVi} en={result.product.nameEn} />
          )}
        </dd>
        <dt>{t("verify.producer")}</dt>
        <dd>{result.product.producer.legalName}</dd>
        <dt>{t("catalogue.stars")}</dt>
        <dd>
          <Stars count={result.stars} />
        </dd>
        <dt>{t("certification.decision")}</dt>
        <dd>{result.decisionNumber}</dd>
        <dt>{t("certification.issuer")}</dt>
        <dd>
          {result.issuerName} ({t(`certification.level_${result.issuerLevel}`)})
        </dd>
        <dt>{t("certification.signedOn")}</dt>
        <dd>{formatDay(language, result.signedOn)}</dd>
        <dt>{t("certification.validUntilLabel")}</dt>
        <dd data-testid="verify-valid-until">{formatDay(language, result.validUntil)}</dd>
        {result.revokedOn ? (
          <>
            <dt>{t("certification.revokedOn", { date: "" }).trim()}</dt>
            <dd>
              {formatDay(language, result.revokedOn)}
              {result.revocationReason ? ` — ${result.revocationReason}` : null}
            </dd>
          </>
        ) : null}
        <dt>{t("verify.code")}</dt>
        <dd>
          <code>{result.verificationCode}</code>
        </dd>
      </dl>
    </article>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const t = useT();
  const to = useLocalizedPath();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  const code = notFound && typeof error.data?.code === "string" ? error.data.code : "";
  return (
    <section className="verify verify--missing" data-testid="verify-not-found">
      <h1>{notFound ? t("verify.notFoundTitle") : t("errors.errorTitle")}</h1>
      <p>{notFound ? t("verify.notFoundBody", { code }) : t("errors.errorBody")}</p>
      <p>
        <Link to={to("/")}>{t("errors.backHome")}</Link>
      </p>
    </section>
  );
}
