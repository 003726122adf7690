import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { PublicChrome } from "~/components/site-chrome";
import { resources } from "~/i18n/config";
import { requireLanguage } from "~/i18n/language.server";
import { useT } from "~/i18n/translate";
import { useLocalizedPath } from "~/i18n/use-language";

// The end of the sign-up, whatever happened there (created, an address that has an account, a bot).
export function loader({ params }: LoaderFunctionArgs) {
  return { language: requireLanguage(params) };
}

export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  const messages = resources[data?.language ?? "vi"].translation;
  return [{ title: `${messages.register.sent.title} · ${messages.site.name}` }, { name: "robots", content: "noindex" }];
};

export default function RegistrationSent() {
  const t = useT();
  const to = useLocalizedPath();
  return (
    <PublicChrome hasDemoData={false}>
      <section className="sign-in" data-testid="check-your-mail">
        <h1>{t("register.sent.title")}</h1>
        <p>{t("register.sent.body")}</p>
        <p>{t("register.sent.expires")}</p>
        <p>
          <Link to={to("/register/confirm")}>{t("register.confirm.resendTitle")}</Link>
        </p>
      </section>
    </PublicChrome>
  );
}
