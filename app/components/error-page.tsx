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

/**
 * The error page of a signed-in area (the admin area, the producer portal):
 * 403 and 404 in plain words, never a stack trace. `messages` is the area's
 * i18n prefix holding forbidden…/notFound…/error… Title and Body.
 */
export function AreaErrorPage({ messages }: { messages: "admin.shell" | "portal" }) {
  const error = useRouteError();
  const t = useT();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  if (!isRouteErrorResponse(error)) console.error(error);
  const kind = status === 403 ? "forbidden" : status === 404 ? "notFound" : "error";
  return (
    <main id="main" className="admin-main error-page" data-status={status}>
      <h1>{t(`${messages}.${kind}Title`)}</h1>
      <p>{t(`${messages}.${kind}Body`)}</p>
    </main>
  );
}
