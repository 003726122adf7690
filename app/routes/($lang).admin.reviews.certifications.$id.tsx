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
import { vietnamToday } from "~/lib/dates";
import { invariantResponse } from "~/lib/errors.server";
import { submitForm } from "~/lib/forms.server";
import { redirectWithToast } from "~/lib/toast.server";
import { requireStaff } from "~/modules/accounts/guard.server";
import { parseCertificationId } from "~/modules/certifications/admin-record.server";
import { decideCertification } from "~/modules/reviews/decisions.server";
import { ReviewDecisionSchema } from "~/modules/reviews/forms";
import { certificationForReview } from "~/modules/reviews/items.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const language = requireLanguage(params);
  const { actor } = await requireStaff(request, context);
  const id = parseCertificationId(params.id);
  const certification = id === undefined ? null : await certificationForReview(db, actor, id, vietnamToday());
  invariantResponse(certification, "Certification not found", 404);
  return { language, certification };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const language = requireLanguage(params);
  const { actor } = await requireStaff(request, context);
  const id = parseCertificationId(params.id);
  invariantResponse(id !== undefined, "Certification not found", 404);
  const outcome = await submitForm(await request.formData(), ReviewDecisionSchema, (payload) => decideCertification(db, actor, id, payload, vietnamToday()));
  invariantResponse(outcome.ok || outcome.reply.init?.status !== 404, "Certification not found", 404);
  return outcome.ok ? redirectWithToast(localizedPath(language, "/admin/reviews"), "status") : outcome.reply;
}

export const handle: BreadcrumbHandle = {
  breadcrumb: (t, data) => (data as { certification?: { decisionNumber: string } } | undefined)?.certification?.decisionNumber ?? t("admin.reviews.title"),
};

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  const messages = resources[data?.language ?? "vi"].translation.admin;
  const title = data ? messages.reviews.certificationTitle.replace("{{decision}}", () => data.certification.decisionNumber) : messages.reviews.title;
  return [{ title: `${title} · ${messages.shell.title}` }, { name: "robots", content: "noindex" }];
};

export default function ReviewCertification() {
  const { certification: cert } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const language = useLanguage();
  const to = useLocalizedPath();
  const field = (name: string) => t(`admin.certifications.field_${name}` as never) as string;
  const status = t(`admin.reviews.reviewStatus_${cert.reviewStatus}`);
  const check = (fits: boolean) => (
    <span data-fits={fits}>{fits ? `✓ ${t("admin.reviews.ruleOk")}` : `⚠ ${t("admin.reviews.ruleCheck")}`}</span>
  );
  const { rules } = cert;
  return (
    <>
      <h1>{t("admin.reviews.certificationTitle", { decision: cert.decisionNumber })}</h1>
      <p className="admin-record__meta">
        <span className="review-status" data-testid="review-status" data-status={cert.reviewStatus}>
          {t("admin.reviews.statusNow", { status })}
        </span>{" "}
        · <Link to={to("/admin/reviews")}>{t("admin.reviews.backToQueue")}</Link> ·{" "}
        <Link to={to(`/admin/certifications/${cert.id}`)}>{t("admin.reviews.certificationRecord")}</Link>
      </p>

      <div className="admin-record">
        <div className="admin-record__main">
          <section aria-labelledby="certificate-heading">
            <h2 id="certificate-heading">{t("admin.reviews.certificationDetails")}</h2>
            <ReviewFacts
              testId="certificate-facts"
              facts={[
                [t("admin.reviews.producer"), <Link key="producer" to={to(`/admin/reviews/producers/${cert.product.producer.id}`)}>{cert.product.producer.legalName}</Link>],
                [field("productId"), <Link key="product" to={to(`/admin/reviews/products/${cert.product.id}`)}>{cert.product.nameVi}</Link>],
                [field("decisionNumber"), cert.decisionNumber],
                [field("stars"), String(cert.stars)],
                [field("score"), cert.score === null ? null : String(cert.score)],
                [field("evaluationKind"), t(`certification.kind_${cert.evaluationKind}`)],
                [field("batch"), cert.batch],
                [field("signedOn"), formatDay(language, cert.signedOn)],
                [field("validUntil"), formatDay(language, cert.validUntil)],
                [field("issuerLevel"), t(`certification.level_${cert.issuerLevel}`)],
                [field("issuerName"), cert.issuerName],
              ]}
            />
          </section>

          <section aria-labelledby="rules-heading" data-testid="certificate-rules">
            <h2 id="rules-heading">{t("admin.reviews.rulesTitle")}</h2>
            <ReviewFacts
              facts={[
                [t("admin.reviews.rule_stars"), check(rules.starsCertified)],
                [t("admin.reviews.rule_score"), check(rules.scoreConsistent)],
                [t("admin.reviews.rule_level", { level: rules.expectedLevel ? t(`certification.level_${rules.expectedLevel}`) : "—" }), check(rules.levelMatches)],
                [t("admin.reviews.rule_validUntil", { day: formatDay(language, rules.usualValidUntil) }), check(rules.validUntilUsual)],
                [t("admin.reviews.rule_signed"), check(rules.signedByToday)],
              ]}
            />
          </section>

          <ReviewConversation messages={cert.messages} />
        </div>

        <aside className="admin-record__side">
          <ReviewDecisions waiting={cert.waiting} statusLabel={status} version={cert.version} lastResult={actionData?.result} />
          <ReviewDocuments documents={cert.documents} title={t("admin.reviews.scanTitle")} preview />
        </aside>
      </div>
    </>
  );
}
