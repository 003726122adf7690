import type { LinksFunction, MetaFunction } from "@remix-run/node";
import { isRouteErrorResponse, Links, Meta, Outlet, Scripts, ScrollRestoration } from "@remix-run/react";
import type { ReactNode } from "react";
import { PublicErrorPage } from "./components/error-page";
import { PublicChrome } from "./components/site-chrome";
import { resources } from "./i18n/config";
import { TranslateProvider } from "./i18n/translate";
import { useLanguage } from "./i18n/use-language";
import { useNonce } from "./lib/nonce";
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

/** The document shell and the language; each area's layout route adds its own chrome. */
export function Layout({ children }: { children: ReactNode }) {
  const language = useLanguage();
  const nonce = useNonce();
  return (
    <html lang={language}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <TranslateProvider language={language}>{children}</TranslateProvider>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

// A URL that no route matches: the public chrome, without the demo notice (no data to ask).
export function ErrorBoundary() {
  return (
    <PublicChrome hasDemoData={false}>
      <PublicErrorPage />
    </PublicChrome>
  );
}
