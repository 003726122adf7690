import { Form, Link, NavLink, useLocation } from "@remix-run/react";
import type { ReactNode } from "react";
import { Toast } from "~/components/admin/admin-chrome";
import { localizedPath, neutralPath } from "~/i18n/config";
import { useT } from "~/i18n/translate";
import { useLanguage, useLocalizedPath } from "~/i18n/use-language";

/**
 * The portal around a page: the producer's name, its navigation, the
 * language switch, signing out, toasts. It wears the admin area's styles
 * (one look for signed-in pages) but is its own area: only the producer's pages.
 */
export function PortalChrome({ user, producerName, toast, children }: { user: { name: string }; producerName: string; toast: string | null; children: ReactNode }) {
  const t = useT();
  const to = useLocalizedPath();
  const language = useLanguage();
  const location = useLocation();
  const otherLanguage = language === "vi" ? "en" : "vi";
  const nav = [
    { href: "/portal", label: t("portal.navOverview"), end: true },
    { href: "/portal/profile", label: t("portal.navProfile") },
    { href: "/portal/products", label: t("portal.navProducts") },
  ];
  return (
    <div className="admin portal">
      <header className="admin-header">
        <a className="skip-link" href="#main">
          {t("site.skipToContent")}
        </a>
        <Link to={to("/portal")} className="brand">
          <span className="brand__mark" aria-hidden="true">
            ★
          </span>
          <span>{t("portal.title")}</span>
        </Link>
        <div className="admin-header__account">
          <span data-testid="signed-in-as">{t("portal.signedInAs", { name: user.name, producer: producerName })}</span>
          <a href={localizedPath(otherLanguage, neutralPath(location.pathname)) + location.search} hrefLang={otherLanguage} lang={otherLanguage}>
            {t("site.languageSwitch")}
          </a>
          <Form method="post" action="/logout">
            <button type="submit" className="link-button">
              {t("portal.signOut")}
            </button>
          </Form>
        </div>
      </header>
      <nav className="admin-nav" aria-label={t("portal.navLabel")}>
        <ul>
          {nav.map((item) => (
            <li key={item.href}>
              <NavLink to={to(item.href)} end={item.end}>
                {item.label}
              </NavLink>
            </li>
          ))}
          <li>
            <Link to={to("/")}>{t("portal.publicSite")}</Link>
          </li>
        </ul>
      </nav>
      <Toast message={toast} />
      <main id="main" tabIndex={-1} className="admin-main">
        {children}
      </main>
    </div>
  );
}
