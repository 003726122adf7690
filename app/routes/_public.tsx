import type { LoaderFunctionArgs } from "@remix-run/node";
import { Outlet, useLoaderData } from "@remix-run/react";
import { PublicChrome } from "~/components/site-chrome";
import { db } from "~/db.server";
import { hasDemoData } from "~/modules/catalogue/overview.server";

// The public site's layout: header, demo notice and footer around every
// public page (the admin area has a layout of its own).
export async function loader(_: LoaderFunctionArgs) {
  return { hasDemoData: await hasDemoData(db) };
}

export default function PublicLayout() {
  const { hasDemoData } = useLoaderData<typeof loader>();
  return (
    <PublicChrome hasDemoData={hasDemoData}>
      <Outlet />
    </PublicChrome>
  );
}

export { PublicErrorPage as ErrorBoundary } from "~/components/error-page";
