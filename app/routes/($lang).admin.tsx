import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, Outlet, useLoaderData } from "@remix-run/react";
import { AreaErrorPage } from "~/components/error-page";
import { useT } from "~/i18n/translate";
import { AdminChrome, type BreadcrumbHandle } from "~/components/admin/admin-chrome";
import { db } from "~/db.server";
import { resources } from "~/i18n/config";
import { requireLanguage } from "~/i18n/language.server";
import { takeToast } from "~/lib/toast.server";
import { requireStaff } from "~/modules/accounts/guard.server";

// The admin area's layout: every page below it is for signed-in staff, and
// each of their loaders and actions checks that again (requireStaff/requireAdmin).
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const language = requireLanguage(params);
  const { user } = await requireStaff(request, context);
  const province = user.provinceId ? await db.province.findUnique({ where: { id: user.provinceId }, select: { nameVi: true } }) : null;
  const { toast, headers } = await takeToast(request);
  return data(
    { language, toast, user: { name: user.name, email: user.email, role: user.role, provinceName: province?.nameVi ?? null } },
    { headers },
  );
}

export const handle: BreadcrumbHandle = { breadcrumb: (t) => t("admin.shell.dashboard") };

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: resources[data?.language ?? "vi"].translation.admin.shell.title },
  { name: "robots", content: "noindex" },
];

const TOAST_KEYS = {
  saved: "toastSaved",
  created: "toastCreated",
  archived: "toastArchived",
  restored: "toastRestored",
  deleted: "toastDeleted",
  revoked: "toastRevoked",
  status: "toastStatus",
  password: "toastPassword",
  signedOutEverywhere: "toastSignedOutEverywhere",
  emailConfirmed: "toastEmailConfirmed",
} as const;

export default function AdminLayout() {
  const { user, toast } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <AdminChrome user={user} toast={toast ? t(`admin.shell.${TOAST_KEYS[toast]}`) : null}>
      <Outlet />
    </AdminChrome>
  );
}

/** Errors inside the admin area: 403 and 404 in plain words, never a stack trace. */
export function ErrorBoundary() {
  return <AreaErrorPage messages="admin.shell" />;
}
