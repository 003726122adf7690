import { isRouteErrorResponse, useRouteError } from "@remix-run/react";
import { useT } from "~/i18n/translate";
import { useLocalizedPath } from "~/i18n/use-language";

/** The error page's content: "not found" for 404, a friendly message for the rest; never a stack trace. */
export function PublicErrorPage() {
  const error = useRouteError();
  const t = useT();
  const to = useLocalizedPath();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  if (!isRouteErrorResponse(error)) console.error(error);
  return (
    <section className="error-page">
      <h1>{notFound ? t("errors.notFoundTitle") : t("errors.errorTitle")}</h1>
      <p>{notFound ? t("errors.notFoundBody") : t("errors.errorBody")}</p>
      <p>
        <a href={to("/")}>{t("errors.backHome")}</a>
      </p>
    </section>
  );
}
