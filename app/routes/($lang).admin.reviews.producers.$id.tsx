import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import type { BreadcrumbHandle } from "~/components/admin/admin-chrome";
import { ReviewConversation } from "~/components/admin/review-conversation";
import { ReviewDecisions } from "~/components/admin/review-decisions";
import { ReviewDocuments } from "~/components/admin/review-documents";
import { ReviewFacts } from "~/components/admin/review-facts";
import { db } from "~/db.server";
import { localizedPath, resources } from "~/i18n/config";
import { formatDay } from "~/i18n/format";
import { requireLanguage } from "~/i18n/language.server";
import { useT } from "~/i18n/translate";
import { useLanguage, useLocalizedPath } from "~/i18n/use-language";
import { invariantResponse } from "~/lib/errors.server";
import { submitForm } from "~/lib/forms.server";
import { redirectWithToast } from "~/lib/toast.server";
import { requireStaff } from "~/modules/accounts/guard.server";
import { parseRecordId } from "~/modules/producers/admin-record.server";
import { decideProducer } from "~/modules/reviews/decisions.server";
import { ReviewDecisionSchema } from "~/modules/reviews/forms";
import { producerForReview } from "~/modules/reviews/items.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const language = requireLanguage(params);
  const { actor } = await requireStaff(request, context);
  const id = parseRecordId(params.id);
  // Missing and out of scope look the same: 404.
  const producer = id === undefined ? null : await producerForReview(db, actor, id);
  invariantResponse(producer, "Producer not found", 404);
  return { language, producer };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const language = requireLanguage(params);
  const { actor } = await requireStaff(request, context);
  const id = parseRecordId(params.id);
  invariantResponse(id !== undefined, "Producer not found", 404);
  const outcome = await submitForm(await request.formData(), ReviewDecisionSchema, (payload) => decideProducer(db, actor, id, payload));
  invariantResponse(outcome.ok || outcome.reply.init?.status !== 404, "Producer not found", 404);
  return outcome.ok ? redirectWithToast(localizedPath(language, "/admin/reviews"), "status") : outcome.reply;
}

export const handle: BreadcrumbHandle = {
  breadcrumb: (t, data) => (data as { producer?: { legalName: string } } | undefined)?.producer?.legalName ?? t("admin.reviews.title"),
};

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  const messages = resources[data?.language ?? "vi"].translation.admin;
  const title = data ? messages.reviews.producerTitle.replace("{{name}}", () => data.producer.legalName) : messages.reviews.title;
  return [{ title: `${title} · ${messages.shell.title}` }, { name: "robots", content: "noindex" }];
};

export default function ReviewProducer() {
  const { producer } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const language = useLanguage();
  const to = useLocalizedPath();
  const field = (name: string) => t(`admin.producers.fields.${name}` as never) as string;
  const status = t(`admin.producers.status_${producer.status}`);
  const facts: Array<[string, string | null]> = [
    [field("type"), t(`producers.type_${producer.type}`)],
    [field("legalName"), producer.legalName],
    [field("taxCode"), producer.taxCode],
    [field("registrationNumber"), producer.registrationNumber],
    [t("admin.reviews.registrationDate"), producer.registrationDate ? formatDay(language, producer.registrationDate) : null],
    [t("admin.reviews.registrationOffice"), producer.registrationOffice],
    [field("legalRepName"), producer.legalRepName],
    [field("legalRepTitle"), producer.legalRepTitle],
    [
      t("admin.reviews.address"),
      [producer.street, producer.commune?.nameVi, language === "en" ? producer.province.nameEn : producer.province.nameVi].filter(Boolean).join(", "),
    ],
    [field("phone"), producer.phone],
    [field("zalo"), producer.zalo],
    [field("email"), producer.email],
    [field("website"), producer.website],
    [field("descriptionVi"), producer.descriptionVi || null],
    [field("descriptionEn"), producer.descriptionEn],
  ];
  return (
    <>
      <h1>{t("admin.reviews.producerTitle", { name: producer.legalName })}</h1>
      <p className="admin-record__meta">
        <span className={`review-status review-status--${producer.status}`} data-testid="review-status" data-status={producer.status}>
          {t("admin.reviews.statusNow", { status })}
        </span>
        {producer.statusReason ? ` · ${producer.statusReason}` : null} · <Link to={to("/admin/reviews")}>{t("admin.reviews.backToQueue")}</Link> ·{" "}
        <Link to={to(`/admin/producers/${producer.id}`)}>{t("admin.reviews.producerRecord")}</Link>
      </p>
      {producer.waiting && !producer.accountsConfirmed ? (
        <p role="note" data-testid="unconfirmed-warning">
          {t("admin.reviews.unconfirmedWarning")}
        </p>
      ) : null}

      <div className="admin-record">
        <div className="admin-record__main">
          <section aria-labelledby="registration-heading">
            <h2 id="registration-heading">{t("admin.reviews.registrationTitle")}</h2>
            <ReviewFacts facts={facts} testId="registration-facts" />
          </section>

          <section aria-labelledby="accounts-heading">
            <h2 id="accounts-heading">{t("admin.reviews.accountsTitle")}</h2>
            {producer.users.length === 0 ? (
              <p>{t("admin.reviews.accountsNone")}</p>
            ) : (
              <ul className="admin-links" data-testid="producer-accounts">
                {producer.users.map((user) => (
                  <li key={user.id}>
                    {user.name} · <a href={`mailto:${user.email}`}>{user.email}</a> ·{" "}
                    {user.emailConfirmedAt ? t("admin.reviews.accountConfirmed", { day: formatDay(language, user.emailConfirmedAt) }) : t("admin.reviews.accountUnconfirmed")} ·{" "}
                    {t("admin.reviews.accountLanguage", { language: user.language })}
                  </li>
                ))}
              </ul>
            )}
          </section>

          <ReviewDocuments documents={producer.documents} preview />
          <ReviewConversation messages={producer.messages} />
        </div>

        <aside className="admin-record__side">
          <ReviewDecisions waiting={producer.waiting} statusLabel={status} version={producer.version} lastResult={actionData?.result} />
        </aside>
      </div>
    </>
  );
}
