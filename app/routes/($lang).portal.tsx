import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, Outlet, useLoaderData } from "@remix-run/react";
import { PortalChrome } from "~/components/portal/portal-chrome";
import { db } from "~/db.server";
import { resources } from "~/i18n/config";
import { requireLanguage } from "~/i18n/language.server";
import { AreaErrorPage } from "~/components/error-page";
import { useT } from "~/i18n/translate";
import { invariantResponse } from "~/lib/errors.server";
import { takeToast } from "~/lib/toast.server";
import { requireProducer } from "~/modules/accounts/guard.server";
import { ownProducer } from "~/modules/portal/scope.server";

// The producer portal's layout: every page below it is for a signed-in
// producer account, and each of their loaders and actions checks that again.
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const language = requireLanguage(params);
  const { user, actor } = await requireProducer(request, context);
  const producer = await ownProducer(db, actor);
  // A producer account without its producer has nothing to show.
  invariantResponse(producer, "Producer not found", 404);
  const { toast, headers } = await takeToast(request);
  return data({ language, toast, user: { name: user.name }, producerName: producer.legalName }, { headers });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: resources[data?.language ?? "vi"].translation.portal.title },
  { name: "robots", content: "noindex" },
];

const TOAST_KEYS = { saved: "toastSaved", created: "toastCreated", deleted: "toastDeleted", status: "toastStatus", emailConfirmed: "toastEmailConfirmed" } as const;

export default function PortalLayout() {
  const { user, producerName, toast } = useLoaderData<typeof loader>();
  const t = useT();
  const toastKey = toast && toast in TOAST_KEYS ? TOAST_KEYS[toast as keyof typeof TOAST_KEYS] : null;
  return (
    <PortalChrome user={user} producerName={producerName} toast={toastKey ? t(`portal.${toastKey}`) : null}>
      <Outlet />
    </PortalChrome>
  );
}

/** Errors inside the portal: 403 and 404 in plain words, never a stack trace. */
export function ErrorBoundary() {
  return <AreaErrorPage messages="portal" />;
}
