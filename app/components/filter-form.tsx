import { Form, Link, useNavigation, useSubmit } from "@remix-run/react";
import { useRef, type ReactNode } from "react";
import { useT } from "~/i18n/translate";
import { SearchSuggestInput } from "./search-suggest";

/**
 * A list page's filter form: a GET form that works without JavaScript (an
 * Apply button in <noscript>); with JavaScript, choices apply at once and
 * the search box waits for Enter or its button. A select changed from the
 * keyboard while closed (arrow keys step through its options) applies on
 * Enter or on leaving it, not on every step (a screen-reader user listens to
 * each option before choosing).
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
  const t = useT();
  const submit = useSubmit();
  const keyboardSelect = useRef<HTMLSelectElement | null>(null);
  const changePending = useRef(false);
  const apply = (form: HTMLFormElement) => {
    keyboardSelect.current = null;
    changePending.current = false;
    submit(form, { replace: true, preventScrollReset: true });
  };
  return (
    <Form
      method="get"
      action={action}
      className="filters"
      aria-label={t("catalogue.filters")}
      onKeyDown={(event) => {
        const target = event.target as HTMLElement;
        if (!(target instanceof HTMLSelectElement)) return;
        if (event.key === "Enter" && changePending.current && keyboardSelect.current === target) {
          event.preventDefault();
          apply(event.currentTarget);
        } else {
          // Keys that step through a closed select's options; the ones that open its list (Alt+arrow, F4, Space) don't count.
          const steps = !event.altKey && (/^(Arrow(Up|Down|Left|Right)|Home|End|Page(Up|Down))$/.test(event.key) || /^\S$/u.test(event.key));
          if (steps) keyboardSelect.current = target;
          else if (!changePending.current) keyboardSelect.current = null;
        }
      }}
      onPointerDown={() => {
        if (!changePending.current) keyboardSelect.current = null;
      }}
      onChange={(event) => {
        const target = event.target as HTMLElement;
        if (target.getAttribute("type") === "search") return;
        const form = event.currentTarget;
        if (target instanceof HTMLSelectElement && keyboardSelect.current === target) {
          changePending.current = true;
          return;
        }
        apply(form);
      }}
      onBlur={(event) => {
        if (changePending.current && keyboardSelect.current === (event.target as EventTarget)) apply(event.currentTarget);
      }}
    >
      <div className="filters__search">
        <label htmlFor="q">{searchLabel}</label>
        <div className="search-row">
          <SearchSuggestInput id="q" defaultValue={q} placeholder={searchPlaceholder} />
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

/** Previous / "page N of M" / next, when there is more than one page; past the end, a link to the last page. */
export function Pagination({ page, pageCount, hrefFor }: { page: number; pageCount: number; hrefFor: (page: number) => string }) {
  const t = useT();
  if (page > pageCount && pageCount >= 1) {
    return (
      <nav className="pagination pagination--past-end" aria-label={t("catalogue.pagination")}>
        <p role="status">
          {t("catalogue.pastEnd", { page, count: pageCount })} <Link to={hrefFor(pageCount)}>{t("catalogue.lastPage", { pageCount })}</Link>
        </p>
      </nav>
    );
  }
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
