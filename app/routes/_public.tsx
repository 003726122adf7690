import type { LoaderFunctionArgs } from "@remix-run/node";
import { Outlet, useLoaderData } from "@remix-run/react";
import { PublicChrome } from "~/components/site-chrome";
import { db } from "~/db.server";

// The public site's layout: header, demo notice and footer around every
// public page (the admin area has a layout of its own).
export async function loader(_: LoaderFunctionArgs) {
  const demo = await db.producer.findFirst({ where: { isDemo: true }, select: { id: true } });
  return { hasDemoData: Boolean(demo) };
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
