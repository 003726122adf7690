import { Form, Link, useNavigation, useSubmit } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

/**
 * A list page's filter form: a GET form that works without JavaScript (an
 * Apply button in <noscript>); with JavaScript, choices apply at once and
 * the search box waits for Enter or its button.
 */
export function FilterForm({
  action,
  q,
  searchLabel,
  searchPlaceholder,
  children,
}: {
  action: string;
  q: string;
  searchLabel: string;
  searchPlaceholder: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const submit = useSubmit();
  return (
    <Form
      method="get"
      action={action}
      className="filters"
      aria-label={t("catalogue.filters")}
      onChange={(event) => {
        if ((event.target as HTMLElement).getAttribute("type") !== "search") submit(event.currentTarget, { replace: true, preventScrollReset: true });
      }}
    >
      <div className="filters__search">
        <label htmlFor="q">{searchLabel}</label>
        <div className="search-row">
          <input id="q" name="q" type="search" defaultValue={q} placeholder={searchPlaceholder} maxLength={200} />
          <button type="submit">{t("catalogue.searchButton")}</button>
        </div>
      </div>
      {children}
      <noscript>
        <button type="submit">{t("catalogue.apply")}</button>
      </noscript>
    </Form>
  );
}

/** Is the list at `listPath` loading new results (for the pending indicator)? */
export function useListPending(listPath: string): boolean {
  const navigation = useNavigation();
  return navigation.state === "loading" && navigation.location.pathname === listPath;
}

/** Previous / "page N of M" / next, when there is more than one page. */
export function Pagination({ page, pageCount, hrefFor }: { page: number; pageCount: number; hrefFor: (page: number) => string }) {
  const { t } = useTranslation();
  if (pageCount <= 1) return null;
  return (
    <nav className="pagination" aria-label={t("catalogue.pagination")}>
      {page > 1 ? (
        <Link to={hrefFor(page - 1)} rel="prev">
          {t("catalogue.previous")}
        </Link>
      ) : (
        <span />
      )}
      <span>{t("catalogue.page", { page, pageCount })}</span>
      {page < pageCount ? (
        <Link to={hrefFor(page + 1)} rel="next">
          {t("catalogue.next")}
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
