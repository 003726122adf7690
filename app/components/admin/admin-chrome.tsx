import { Form, Link, NavLink, useLocation, useMatches } from "@remix-run/react";
import { useEffect, useState, type ReactNode } from "react";
import { useT } from "~/i18n/translate";
import { localizedPath, neutralPath } from "~/i18n/config";
import { useLanguage, useLocalizedPath } from "~/i18n/use-language";

export type AdminUser = { name: string; email: string; role: "ADMIN" | "EDITOR" | "PRODUCER"; provinceName: string | null };

/** A route's place in the breadcrumbs: `export const handle = { breadcrumb: (t) => "…" }`. */
export type BreadcrumbHandle = { breadcrumb?: (t: (key: string) => string, data: unknown) => string };

function Breadcrumbs() {
  const t = useT();
  const matches = useMatches();
  const crumbs = matches.flatMap((match) => {
    const handle = match.handle as BreadcrumbHandle | undefined;
    return handle?.breadcrumb ? [{ id: match.id, href: match.pathname, label: handle.breadcrumb((key) => t(key as never) as string, match.data) }] : [];
  });
  if (crumbs.length < 2) return null;
  return (
    <nav className="breadcrumbs" aria-label={t("admin.shell.breadcrumbLabel")}>
      <ol>
        {crumbs.map((crumb, index) => (
          <li key={crumb.id}>{index === crumbs.length - 1 ? <span aria-current="page">{crumb.label}</span> : <Link to={crumb.href}>{crumb.label}</Link>}</li>
        ))}
      </ol>
    </nav>
  );
}

export function Toast({ message }: { message: string | null }) {
  const t = useT();
  const [shown, setShown] = useState(message);
  useEffect(() => setShown(message), [message]);
  if (!shown) return null;
  return (
    <div className="toast" role="status" data-testid="toast">
      <span>{shown}</span>
      <button type="button" onClick={() => setShown(null)} aria-label={t("admin.shell.dismiss")}>
        ×
      </button>
    </div>
  );
}

/** The admin area around a page: header with the account, navigation, breadcrumbs, toasts. */
export function AdminChrome({ user, toast, children }: { user: AdminUser; toast: string | null; children: ReactNode }) {
  const t = useT();
  const to = useLocalizedPath();
  const language = useLanguage();
  const location = useLocation();
  const otherLanguage = language === "vi" ? "en" : "vi";
  const nav = [
    { href: "/admin", label: t("admin.shell.dashboard"), end: true },
    { href: "/admin/reviews", label: t("admin.shell.reviews") },
    { href: "/admin/producers", label: t("admin.shell.producers") },
    { href: "/admin/products", label: t("admin.shell.products") },
    { href: "/admin/certifications", label: t("admin.shell.certifications") },
    { href: "/admin/import", label: t("admin.shell.imports") },
    { href: "/admin/audit", label: t("admin.shell.audit") },
    ...(user.role === "ADMIN"
      ? [
          { href: "/admin/accounts", label: t("admin.shell.accounts") },
          { href: "/admin/outbox", label: t("admin.shell.outbox") },
        ]
      : []),
  ];
  return (
    <div className="admin">
      <header className="admin-header">
        <a className="skip-link" href="#main">
          {t("site.skipToContent")}
        </a>
        <Link to={to("/admin")} className="brand">
          <span className="brand__mark" aria-hidden="true">
            ★
          </span>
          <span>{t("admin.shell.title")}</span>
        </Link>
        <div className="admin-header__account">
          <span data-testid="signed-in-as">
            {t("admin.shell.signedInAs", { name: user.name, role: t(`admin.shell.role_${user.role}`) })}
            {user.role === "EDITOR" ? ` · ${user.provinceName ? t("admin.shell.scopeProvince", { province: user.provinceName }) : t("admin.shell.scopeNational")}` : null}
          </span>
          <Link to={to("/admin/account")}>{t("admin.shell.myAccount")}</Link>
          <a href={localizedPath(otherLanguage, neutralPath(location.pathname)) + location.search} hrefLang={otherLanguage} lang={otherLanguage}>
            {t("site.languageSwitch")}
          </a>
          <Form method="post" action="/logout">
            <button type="submit" className="link-button">
              {t("admin.shell.signOut")}
            </button>
          </Form>
        </div>
      </header>
      <nav className="admin-nav" aria-label={t("admin.shell.navLabel")}>
        <ul>
          {nav.map((item) => (
            <li key={item.href}>
              <NavLink to={to(item.href)} end={item.end}>
                {item.label}
              </NavLink>
            </li>
          ))}
          <li>
            <Link to={to("/")}>{t("admin.shell.publicSite")}</Link>
          </li>
        </ul>
      </nav>
      <Breadcrumbs />
      <Toast message={toast} />
      <main id="main" tabIndex={-1} className="admin-main">
        {children}
      </main>
    </div>
  );
}
