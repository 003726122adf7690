import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { CertificationFields } from "~/components/admin/certification-fields";
import { CheckboxField, ConflictNotice, FormErrors, SchemaForm, SubmitButton, useSchemaForm } from "~/components/forms";
import { Conversation, ReviewStatusBadge, replyOf } from "~/components/portal/review";
import { db } from "~/db.server";
import { localizedPath, resources } from "~/i18n/config";
import { formatDay } from "~/i18n/format";
import { requireLanguage } from "~/i18n/language.server";
import { useT } from "~/i18n/translate";
import { useLanguage, useLocalizedPath } from "~/i18n/use-language";
import { formatDate, vietnamToday } from "~/lib/dates";
import { invariantResponse } from "~/lib/errors.server";
import { submitForm } from "~/lib/forms.server";
import { redirectWithToast } from "~/lib/toast.server";
import { requireProducer } from "~/modules/accounts/guard.server";
import { correctCertification, portalCertification, withdrawCertification } from "~/modules/portal/certifications.server";
import { CommentSchema, PortalCertificationEditSchema, WithdrawCertificationSchema } from "~/modules/portal/forms";
import { answerStaff, ownsCertification } from "~/modules/portal/overview.server";
import { parseRecordId } from "~/modules/producers/admin-record.server";

const IntentSchema = z.enum(["correct", "withdraw", "answer"]);

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const language = requireLanguage(params);
  const { actor } = await requireProducer(request, context);
  const id = parseRecordId(params.id);
  // Missing and another producer's look the same.
  const certificate = id === undefined ? null : await portalCertification(db, actor, id);
  invariantResponse(certificate, "Certification not found", 404);
  return { language, certificate, today: formatDate(vietnamToday()) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const language = requireLanguage(params);
  const { actor } = await requireProducer(request, context);
  const id = parseRecordId(params.id);
  // Another producer's certificate is not found, whatever was posted.
  invariantResponse(id !== undefined && (await ownsCertification(db, actor, id)), "Certification not found", 404);
  const formData = await request.formData();
  const intent = IntentSchema.safeParse(formData.get("intent"));
  invariantResponse(intent.success, "Unknown action", 400);
  const here = localizedPath(language, `/portal/certifications/${id}`);
  switch (intent.data) {
    case "correct": {
      const outcome = await submitForm(formData, PortalCertificationEditSchema, (payload) => correctCertification(db, actor, id, payload, vietnamToday()));
      return outcome.ok ? redirectWithToast(here, outcome.value.resubmitted ? "created" : "saved") : outcome.reply;
    }
    case "withdraw": {
      const outcome = await submitForm(formData, WithdrawCertificationSchema, () => withdrawCertification(db, actor, id, vietnamToday()));
      return outcome.ok ? redirectWithToast(localizedPath(language, `/portal/products/${outcome.value.productId}`), "deleted") : outcome.reply;
    }
    case "answer": {
      const outcome = await submitForm(formData, CommentSchema, (payload) => answerStaff(db, actor, "certification", id, payload));
      return outcome.ok ? redirectWithToast(here, "saved") : outcome.reply;
    }
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  const messages = resources[data?.language ?? "vi"].translation.portal;
  const title = data ? messages.certificates.pageTitle.replace("{{decision}}", data.certificate.decisionNumber) : messages.certificates.heading;
  return [{ title: `${title} · ${messages.title}` }, { name: "robots", content: "noindex" }];
};

type Loaded = ReturnType<typeof useLoaderData<typeof loader>>["certificate"];

function formValues(certificate: Loaded) {
  const day = (value: Date | string | null) => (value ? formatDate(new Date(value)) : undefined);
  return {
    productId: String(certificate.product.id),
    stars: String(certificate.stars),
    score: certificate.score === null ? undefined : String(certificate.score),
    decisionNumber: certificate.decisionNumber,
    batch: certificate.batch ?? undefined,
    signedOn: day(certificate.signedOn),
    validUntil: day(certificate.validUntil),
    issuerLevel: certificate.issuerLevel,
    issuerName: certificate.issuerName,
    evaluationKind: certificate.evaluationKind,
  };
}

export default function PortalCertificationPage() {
  const { certificate, today } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const language = useLanguage();
  const to = useLocalizedPath();
  const conflict = actionData?.conflict;
  const [form, fields] = useSchemaForm(PortalCertificationEditSchema, { id: "certification-correct", lastResult: replyOf(actionData, "correct"), defaultValue: formValues(certificate) });
  const [withdrawForm, withdrawFields] = useSchemaForm(WithdrawCertificationSchema, { id: "certification-withdraw", lastResult: replyOf(actionData, "withdraw") });
  const fieldLabel = (field: string) => t(`admin.certifications.field_${field}` as never, { defaultValue: field }) as string;
  return (
    <>
      <h1>{t("portal.certificates.pageTitle", { decision: certificate.decisionNumber })}</h1>
      <p className="admin-record__meta">
        <Link to={to(`/portal/products/${certificate.product.id}`)}>{t("portal.certificates.forProduct", { name: certificate.product.nameVi })}</Link>
      </p>
      <p data-testid="certificate-review-status">
        <ReviewStatusBadge status={certificate.reviewStatus} kind="certificate" />
      </p>
      {certificate.documents.length ? (
        <section aria-labelledby="scans-heading">
          <h2 id="scans-heading">{t("portal.certificates.scans")}</h2>
          <ul>
            {certificate.documents.map((document) => (
              <li key={document.id}>
                <a href={to(`/portal/documents/${document.id}`)} download>
                  {document.fileName}
                </a>{" "}
                ({Math.max(1, Math.round(document.bytes / 1024))} KB, {formatDay(language, document.createdAt)})
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {certificate.editable ? (
        <div className="admin-record">
          <section aria-labelledby="correct-heading" className="admin-record__main">
            <h2 id="correct-heading">{t("portal.certificates.correctHeading")}</h2>
            {conflict ? <ConflictNotice conflict={conflict} fieldLabel={fieldLabel} reloadHref={to(`/portal/certifications/${certificate.id}`)} /> : null}
            <SchemaForm form={form}>
              <FormErrors id={form.errorId} errors={form.errors} />
              <input type="hidden" name="productId" value={certificate.product.id} />
              <input type="hidden" name="version" value={conflict?.version ?? certificate.version} />
              <CertificationFields fields={fields} today={today} />
              <div className="form-actions">
                <SubmitButton intent="correct">{t("portal.certificates.correct")}</SubmitButton>
              </div>
            </SchemaForm>
          </section>
          <aside className="admin-record__side">
            <section aria-labelledby="withdraw-heading">
              <h2 id="withdraw-heading">{t("portal.certificates.withdrawHeading")}</h2>
              <p className="field__hint">{t("portal.certificates.withdrawHint")}</p>
              <SchemaForm form={withdrawForm}>
                <FormErrors id={withdrawForm.errorId} errors={withdrawForm.errors} />
                <CheckboxField meta={withdrawFields.confirm!} label={t("portal.certificates.withdrawConfirm")} />
                <SubmitButton intent="withdraw" className="button button--danger">
                  {t("portal.certificates.withdraw")}
                </SubmitButton>
              </SchemaForm>
            </section>
          </aside>
        </div>
      ) : (
        <p>{t("portal.certificates.decidedNote")}</p>
      )}

      <Conversation messages={certificate.messages} headingId="certificate-conversation" answer={{ item: "certification", itemId: certificate.id, actionData }} />
    </>
  );
}
