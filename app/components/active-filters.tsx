import { Link } from "@remix-run/react";
import { useT } from "~/i18n/translate";

/** A filter in force, and the link that removes it. */
export type ActiveFilter = { label: string; href: string };

/** The filters in force as removable chips. */
export function FilterChips({ filters }: { filters: ActiveFilter[] }) {
  const t = useT();
  if (!filters.length) return null;
  return (
    <ul className="chips" aria-label={t("catalogue.filters")}>
      {filters.map((filter) => (
        <li key={filter.label}>
          <Link to={filter.href} aria-label={t("catalogue.removeFilter", { label: filter.label })}>
            {filter.label} <span aria-hidden="true">×</span>
          </Link>
        </li>
      ))}
    </ul>
  );
}

/** No results: say so, and offer to remove each filter or all of them. */
export function EmptyResults({ title, filters, clearHref }: { title: string; filters: ActiveFilter[]; clearHref: string }) {
  const t = useT();
  return (
    <section className="empty-state" data-testid="empty-state">
      <h2>{title}</h2>
      {filters.length ? (
        <>
          <p>{t("catalogue.emptyHint")}</p>
          <ul>
            {filters.map((filter) => (
              <li key={filter.label}>
                <Link to={filter.href}>{t("catalogue.removeFilter", { label: filter.label })}</Link>
              </li>
            ))}
            <li>
              <Link to={clearHref}>{t("catalogue.clearAll")}</Link>
            </li>
          </ul>
        </>
      ) : null}
    </section>
  );
}
