import { Link, NavLink, useLocation } from "@remix-run/react";
import type { ReactNode } from "react";
import { useT } from "~/i18n/translate";
import { localizedPath, neutralPath } from "~/i18n/config";
import { useLanguage, useLocalizedPath } from "~/i18n/use-language";

export function SiteHeader() {
  const t = useT();
  const language = useLanguage();
  const to = useLocalizedPath();
  const location = useLocation();
  const otherLanguage = language === "vi" ? "en" : "vi";
  // The switch stays on the same page, query included.
  const samePageOtherLanguage = localizedPath(otherLanguage, neutralPath(location.pathname)) + location.search;
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">
        {t("site.skipToContent")}
      </a>
      <div className="site-header__inner">
        <Link to={to("/")} className="brand">
          <span className="brand__mark" aria-hidden="true">
            ★
          </span>
          <span>{t("site.name")}</span>
        </Link>
        <nav aria-label={t("nav.label")}>
          <ul className="nav-list">
            <li>
              <NavLink to={to("/")} end>
                {t("nav.home")}
              </NavLink>
            </li>
            <li>
              <NavLink to={to("/products")}>{t("nav.products")}</NavLink>
            </li>
            <li>
              <NavLink to={to("/producers")}>{t("nav.producers")}</NavLink>
            </li>
            <li>
              <NavLink to={to("/stats")}>{t("nav.stats")}</NavLink>
            </li>
          </ul>
        </nav>
        <a
          className="language-switch"
          href={samePageOtherLanguage}
          hrefLang={otherLanguage}
          lang={otherLanguage}
          aria-label={t("site.languageSwitchLabel")}
        >
          {t("site.languageSwitch")}
        </a>
      </div>
    </header>
  );
}

export function SiteFooter() {
  const t = useT();
  const to = useLocalizedPath();
  return (
    <footer className="site-footer">
      <p>{t("site.footer")}</p>
      <p>
        <Link to={to("/register")}>{t("register.chromeLink")}</Link>
      </p>
    </footer>
  );
}

function DemoNotice() {
  const t = useT();
  return (
    <p className="demo-notice" role="note">
      {t("site.demoNotice")}
    </p>
  );
}

/** The public site around a page: header, demo notice (when the data is demo data), main and footer. */
export function PublicChrome({ hasDemoData, children }: { hasDemoData: boolean; children: ReactNode }) {
  return (
    <>
      <SiteHeader />
      {hasDemoData ? <DemoNotice /> : null}
      <main id="main" tabIndex={-1}>
        {children}
      </main>
      <SiteFooter />
    </>
  );
}
