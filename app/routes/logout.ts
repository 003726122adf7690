import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { db } from "~/db.server";
import { redirectWithToast } from "~/lib/toast.server";
import { requestMeta } from "~/modules/accounts/guard.server";
import { signOut } from "~/modules/accounts/service.server";
import { sessionUser } from "~/modules/accounts/sessions.server";

/** Signing out is a POST (a link or an image cannot sign anyone out); `intent=everywhere` ends every session. */
export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const everywhere = form.get("intent") === "everywhere";
  const user = await sessionUser(db, request);
  const setCookie = await signOut(db, request, user, requestMeta(request, context), { everywhere });
  const to = (request.headers.get("Referer") ?? "").includes("/en/") ? "/en/login" : "/login";
  if (everywhere) return redirectWithToast(to, "signedOutEverywhere", { headers: { "Set-Cookie": setCookie } });
  return redirect(to, { headers: { "Set-Cookie": setCookie } });
}

export function loader(_: LoaderFunctionArgs) {
  throw new Response("Method not allowed", { status: 405, headers: { Allow: "POST" } });
}
