/**
 * A message for the next page ("Saved."), carried by a short-lived cookie
 * set on the redirect after a save and read once by the admin layout.
 */
import { createCookie } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { env } from "../env.server";

export const TOASTS = ["saved", "created", "archived", "restored", "deleted", "revoked", "status", "password", "signedOutEverywhere", "emailConfirmed"] as const;
export type Toast = (typeof TOASTS)[number];

const toastCookie = createCookie("__toast", {
  httpOnly: true,
  sameSite: "lax",
  path: "/",
  secure: env.PUBLIC_URL?.startsWith("https:") ?? false,
  maxAge: 60,
});

/** A redirect that shows `toast` on the page it leads to. */
export async function redirectWithToast(to: string, toast: Toast, init: ResponseInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.append("Set-Cookie", await toastCookie.serialize(toast));
  return redirect(to, { ...init, headers });
}

/** The toast waiting for this request, and the header that clears it. */
export async function takeToast(request: Request): Promise<{ toast: Toast | null; headers: HeadersInit }> {
  const value = await toastCookie.parse(request.headers.get("Cookie"));
  if (!(TOASTS as readonly unknown[]).includes(value)) return { toast: null, headers: {} };
  return { toast: value as Toast, headers: { "Set-Cookie": await toastCookie.serialize("", { maxAge: 0 }) } };
}
