import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import type { BreadcrumbHandle } from "~/components/admin/admin-chrome";
import { ReviewQueueTable } from "~/components/admin/review-queue-table";
import { db } from "~/db.server";
import { resources } from "~/i18n/config";
import { requireLanguage } from "~/i18n/language.server";
import { useT } from "~/i18n/translate";
import { requireStaff } from "~/modules/accounts/guard.server";
import { QUEUE_KINDS } from "~/modules/reviews/forms";
import { reviewQueuePage } from "~/modules/reviews/queue.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const language = requireLanguage(params);
  const { actor } = await requireStaff(request, context);
  return { language, ...(await reviewQueuePage(db, actor)) };
}

export const handle: BreadcrumbHandle = { breadcrumb: (t) => t("admin.reviews.title") };

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  const messages = resources[data?.language ?? "vi"].translation.admin;
  return [{ title: `${messages.reviews.title} · ${messages.shell.title}` }, { name: "robots", content: "noindex" }];
};

const sum = (counts: Record<string, number>) => Object.values(counts).reduce((total, count) => total + count, 0);

export default function ReviewQueue() {
  const { counts, waiting, withProducerCounts, withProducer } = useLoaderData<typeof loader>();
  const t = useT();
  const total = sum(counts);
  const sentBack = sum(withProducerCounts);
  return (
    <>
      <h1>{t("admin.reviews.title")}</h1>
      <p>{t("admin.reviews.intro")}</p>
      <ul className="admin-tiles" aria-label={t("admin.reviews.countsLabel")}>
        {QUEUE_KINDS.map((kind) => (
          <li key={kind} data-testid={`review-count-${kind}`} data-count={counts[kind]}>
            {t(`admin.reviews.kindCount_${kind}`, { count: counts[kind] })}
          </li>
        ))}
      </ul>

      <section aria-labelledby="reviews-waiting">
        <h2 id="reviews-waiting">{t("admin.reviews.waitingTitle")}</h2>
        {waiting.length === 0 ? (
          <p role="status">{t("admin.reviews.waitingNone")}</p>
        ) : (
          <>
            {total > waiting.length ? <p>{t("admin.reviews.shownOf", { shown: waiting.length, total })}</p> : null}
            <ReviewQueueTable rows={waiting} caption={t("admin.reviews.waitingCaption")} sinceLabel={t("admin.reviews.colSince")} testId="review-waiting" />
          </>
        )}
      </section>

      <section aria-labelledby="reviews-with-producer">
        <h2 id="reviews-with-producer">{t("admin.reviews.withProducerTitle", { count: sentBack })}</h2>
        <p>{t("admin.reviews.withProducerIntro")}</p>
        <details data-testid="review-with-producer">
          <summary>{t("admin.reviews.showList")}</summary>
          {withProducer.length === 0 ? (
            <p>{t("admin.reviews.withProducerNone")}</p>
          ) : (
            <ReviewQueueTable rows={withProducer} caption={t("admin.reviews.withProducerCaption")} sinceLabel={t("admin.reviews.colSentBack")} testId="review-sent-back" />
          )}
        </details>
      </section>
    </>
  );
}
