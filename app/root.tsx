import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { useMemo, type ReactNode } from "react";
import { I18nextProvider, useTranslation } from "react-i18next";
import { SiteFooter, SiteHeader } from "./components/site-chrome";
import { db } from "./db.server";
import { createI18n, resources } from "./i18n/config";
import { useLanguage, useLocalizedPath } from "./i18n/use-language";
import stylesUrl from "./styles/app.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesUrl },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

// Only the error page's title is set here; each route sets its own.
export const meta: MetaFunction = ({ error, location }) => {
  if (!error) return [];
  const messages = resources[/^\/en(\/|$)/.test(location.pathname) ? "en" : "vi"].translation;
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  const title = notFound ? messages.errors.notFoundTitle : messages.errors.errorTitle;
  return [{ title: `${title} · ${messages.site.name}` }];
};

export async function loader(_: LoaderFunctionArgs) {
  const demo = await db.producer.findFirst({ where: { isDemo: true }, select: { id: true } });
  return { hasDemoData: Boolean(demo) };
}

export function Layout({ children }: { children: ReactNode }) {
  const language = useLanguage();
  const i18n = useMemo(() => createI18n(language), [language]);
  const data = useRouteLoaderData<typeof loader>("root");
  return (
    <html lang={language}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <I18nextProvider i18n={i18n}>
          <SiteHeader />
          {data?.hasDemoData ? <DemoNotice /> : null}
          <main id="main" tabIndex={-1}>
            {children}
          </main>
          <SiteFooter />
        </I18nextProvider>
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

function DemoNotice() {
  const { t } = useTranslation();
  return (
    <p className="demo-notice" role="note">
      {t("site.demoNotice")}
    </p>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
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
