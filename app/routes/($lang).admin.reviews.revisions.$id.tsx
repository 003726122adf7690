import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import type { BreadcrumbHandle } from "~/components/admin/admin-chrome";
import { ReviewComparison } from "~/components/admin/review-comparison";
import { ReviewConversation } from "~/components/admin/review-conversation";
import { ReviewDecisions } from "~/components/admin/review-decisions";
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
import { conversation } from "~/modules/conversations/conversation.server";
import { ReviewDecisionSchema } from "~/modules/reviews/forms";
import { decideRevision, revisionForReview } from "~/modules/reviews/revisions.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const language = requireLanguage(params);
  const { actor } = await requireStaff(request, context);
  const id = parseRecordId(params.id);
  const revision = id === undefined ? null : await revisionForReview(db, actor, id);
  invariantResponse(revision, "Revision not found", 404);
  const messages = await conversation(db, revision.producerId, "revision", revision.id);
  return { language, revision, messages };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const language = requireLanguage(params);
  const { actor } = await requireStaff(request, context);
  const id = parseRecordId(params.id);
  invariantResponse(id !== undefined, "Revision not found", 404);
  const outcome = await submitForm(await request.formData(), ReviewDecisionSchema, (payload) => decideRevision(db, actor, id, payload));
  invariantResponse(outcome.ok || outcome.reply.init?.status !== 404, "Revision not found", 404);
  return outcome.ok ? redirectWithToast(localizedPath(language, "/admin/reviews"), "status") : outcome.reply;
}

export const handle: BreadcrumbHandle = {
  breadcrumb: (t, data) => (data as { revision?: { label: string } } | undefined)?.revision?.label ?? t("admin.reviews.title"),
};

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  const messages = resources[data?.language ?? "vi"].translation.admin;
  const title = data ? messages.reviews.revisionTitle.replace("{{name}}", () => data.revision.label) : messages.reviews.title;
  return [{ title: `${title} · ${messages.shell.title}` }, { name: "robots", content: "noindex" }];
};

export default function ReviewRevision() {
  const { revision, messages } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const language = useLanguage();
  const to = useLocalizedPath();
  const isProducer = revision.entityType === "producer";
  const fieldLabel = (field: string) => t(`admin.${isProducer ? "producers" : "products"}.fields.${field}` as never, { defaultValue: field }) as string;
  const status = t(`admin.reviews.reviewStatus_${revision.status}`);
  const recordPath = isProducer ? `/admin/producers/${revision.producerId}` : `/admin/products/${revision.productId}`;
  return (
    <>
      <h1>{t("admin.reviews.revisionTitle", { name: revision.label })}</h1>
      <p className="admin-record__meta">
        <span className="review-status" data-testid="review-status" data-status={revision.status}>
          {t("admin.reviews.statusNow", { status })}
        </span>{" "}
        · {t(`admin.reviews.revisionOf_${isProducer ? "producer" : "product"}`)} · <Link to={to(recordPath)}>{revision.label}</Link> ·{" "}
        <Link to={to("/admin/reviews")}>{t("admin.reviews.backToQueue")}</Link>
      </p>
      {revision.decidedAt ? <p>{t("admin.reviews.decidedAt", { day: formatDay(language, revision.decidedAt) })}</p> : null}

      <div className="admin-record">
        <div className="admin-record__main">
          <section aria-labelledby="compare-heading">
            <h2 id="compare-heading">{t("admin.reviews.compareCaption")}</h2>
            <p>{t("admin.reviews.revisionIntro")}</p>
            {revision.changedSince.length ? (
              <div className="conflict" role="note" data-testid="revision-stale">
                <h3>{t("admin.reviews.staleTitle")}</h3>
                <p>{t("admin.reviews.staleIntro", { base: revision.baseVersion, now: revision.liveVersion })}</p>
                <ul>
                  {revision.changedSince.map((change) => (
                    <li key={change.field} data-field={change.field}>
                      {t("admin.reviews.staleField", { field: fieldLabel(change.field), who: change.actorEmail ?? "—", day: formatDay(language, change.at) })}
                    </li>
                  ))}
                </ul>
                {revision.status === "PENDING" ? <p>{t("admin.reviews.staleApprove")}</p> : null}
              </div>
            ) : null}
            <ReviewComparison rows={revision.rows} fieldLabel={fieldLabel} productSets={revision.productSets} />
          </section>
          <ReviewConversation messages={messages} />
        </div>

        <aside className="admin-record__side">
          <ReviewDecisions waiting={revision.status === "PENDING"} statusLabel={status} lastResult={actionData?.result} />
        </aside>
      </div>
    </>
  );
}
