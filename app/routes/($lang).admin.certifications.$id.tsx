import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n/translate";
import { z } from "zod";
import type { BreadcrumbHandle } from "~/components/admin/admin-chrome";
import { DeleteRecordSchema, DeleteRecordSection } from "~/components/admin/delete-record";
import { CertificationFields } from "~/components/admin/certification-fields";
import { RecordHistory } from "~/components/admin/record-history";
import { CertificationStatusBadge } from "~/components/certification-status";
import { ConflictNotice, FormErrors, SchemaForm, SubmitButton, TextAreaField, TextField, useSchemaForm } from "~/components/forms";
import { Stars } from "~/components/stars";
import { db } from "~/db.server";
import { localizedPath, resources } from "~/i18n/config";
import { formatDay } from "~/i18n/format";
import { requireLanguage } from "~/i18n/language.server";
import { useLanguage, useLocalizedPath } from "~/i18n/use-language";
import { formatDate, vietnamToday } from "~/lib/dates";
import { invariantResponse } from "~/lib/errors.server";
import { submitForm } from "~/lib/forms.server";
import { redirectWithToast } from "~/lib/toast.server";
import { requireAdmin, requireStaff } from "~/modules/accounts/guard.server";
import { recordHistory } from "~/modules/audit/history.server";
import { certificationForEdit, parseCertificationId } from "~/modules/certifications/admin-record.server";
import { CertificationEditSchema, RevocationInputSchema } from "~/modules/certifications/forms";
import { deleteCertification, revokeCertification, updateCertification } from "~/modules/certifications/service.server";

const IntentSchema = z.enum(["save", "revoke", "delete"]);

/** Deleting for good asks for a ticked confirmation (the browser checks it too). */

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const language = requireLanguage(params);
  const { actor, user } = await requireStaff(request, context);
  const id = parseCertificationId(params.id);
  const today = vietnamToday();
  // Missing and out of scope look the same: 404.
  const certification = id === undefined ? null : await certificationForEdit(db, actor, id, today);
  invariantResponse(certification, "Certification not found", 404);
  const history = await recordHistory(db, actor, "certification", certification.id);
  return { language, certification, history, today: formatDate(today), canDelete: user.role === "ADMIN" };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const language = requireLanguage(params);
  const { actor } = await requireStaff(request, context);
  const id = parseCertificationId(params.id);
  invariantResponse(id !== undefined, "Certification not found", 404);
  const formData = await request.formData();
  const intent = IntentSchema.safeParse(formData.get("intent"));
  invariantResponse(intent.success, "Unknown action", 400);
  const today = vietnamToday();
  const here = localizedPath(language, `/admin/certifications/${id}`);

  // Deleting is for admins only: an editor gets 403 before anything is read.
  const admin = intent.data === "delete" ? (await requireAdmin(request, context)).actor : null;
  const outcome =
    intent.data === "save"
      ? await submitForm(formData, CertificationEditSchema, (payload) => updateCertification(db, actor, id, payload, today))
      : intent.data === "revoke"
        ? await submitForm(formData, RevocationInputSchema, (payload) => revokeCertification(db, actor, id, payload, today))
        : await submitForm(formData, DeleteRecordSchema, () => deleteCertification(db, admin ?? actor, id, today));
  // A certificate that is gone, or outside the actor's scope, is a 404 page, not a form error.
  invariantResponse(outcome.ok || outcome.reply.init?.status !== 404, "Certification not found", 404);
  if (!outcome.ok) return outcome.reply;
  if (intent.data === "delete") return redirectWithToast(localizedPath(language, "/admin/certifications"), "deleted");
  return redirectWithToast(here, intent.data === "revoke" ? "revoked" : "saved");
}

export const handle: BreadcrumbHandle = {
  breadcrumb: (t, data) => (data as { certification?: { decisionNumber: string } } | undefined)?.certification?.decisionNumber ?? t("admin.certifications.title"),
};

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  const messages = resources[data?.language ?? "vi"].translation.admin;
  const title = data ? messages.certifications.editTitle.replace("{{decision}}", () => data.certification.decisionNumber) : messages.certifications.title;
  return [{ title: `${title} · ${messages.shell.title}` }, { name: "robots", content: "noindex" }];
};

type Certification = ReturnType<typeof useLoaderData<typeof loader>>["certification"];

/** The form's starting values: the stored certificate as the inputs hold them (text, dates as YYYY-MM-DD). */
function formValues(cert: Certification): Record<string, string | undefined> {
  return {
    productId: String(cert.productId),
    stars: String(cert.stars),
    score: cert.score === null ? undefined : String(cert.score),
    decisionNumber: cert.decisionNumber,
    batch: cert.batch ?? undefined,
    signedOn: formatDate(cert.signedOn),
    validUntil: formatDate(cert.validUntil),
    issuerLevel: cert.issuerLevel,
    issuerName: cert.issuerName,
    evaluationKind: cert.evaluationKind,
  };
}

export default function EditCertification() {
  const { certification: cert, history, today, canDelete } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const language = useLanguage();
  const to = useLocalizedPath();
  const sentBy = actionData?.result.initialValue?.intent;
  const conflict = sentBy === "save" ? actionData?.conflict : undefined;
  // After a conflict, saving again carries the newer version: staff overwrite knowingly.
  const version = conflict?.version ?? cert.version;
  const [form, fields] = useSchemaForm(CertificationEditSchema, {
    id: `certification-${cert.id}`,
    lastResult: sentBy === "save" ? actionData?.result : undefined,
    defaultValue: formValues(cert),
  });
  const [revokeForm, revokeFields] = useSchemaForm(RevocationInputSchema, {
    id: `certification-${cert.id}-revoke`,
    lastResult: sentBy === "revoke" ? actionData?.result : undefined,
    defaultValue: { revokedOn: today },
  });
  const fieldLabel = (field: string) => t(`admin.certifications.field_${field}` as never, { defaultValue: field }) as string;
  const here = to(`/admin/certifications/${cert.id}`);
  const verifyPath = to(`/verify/${cert.verificationCode}`);

  return (
    <>
      <h1>{t("admin.certifications.editTitle", { decision: cert.decisionNumber })}</h1>

      <section aria-labelledby="status-heading" className="cert-summary">
        <h2 id="status-heading">{t("admin.certifications.statusToday")}</h2>
        <p data-testid="certification-status">
          <CertificationStatusBadge status={cert.status} /> <Stars count={cert.stars} />
          {cert.supersededBy ? (
            <>
              {" · "}
              <Link to={to(`/admin/certifications/${cert.supersededBy.id}`)}>
                {t("certification.supersededBy", { decision: cert.supersededBy.decisionNumber, date: formatDay(language, cert.supersededBy.signedOn) })}
              </Link>
            </>
          ) : null}
        </p>
        {cert.revokedOn ? (
          <p>{t("admin.certifications.revokedNotice", { date: formatDay(language, cert.revokedOn), reason: cert.revocationReason ?? "—" })}</p>
        ) : null}
        <dl className="cert-facts">
          <dt>{t("admin.certifications.product")}</dt>
          <dd>
            <Link to={to(`/admin/products/${cert.product.id}`)}>{cert.product.nameVi}</Link> · {cert.product.producer} ·{" "}
            <Link to={to(`/admin/certifications?product=${cert.product.id}`)}>{t("admin.certifications.productCertificates")}</Link>
          </dd>
          <dt>{t("admin.certifications.verificationCode")}</dt>
          <dd>
            <a href={verifyPath} data-testid="verify-link">
              {cert.verificationCode}
            </a>{" "}
            ({t("admin.certifications.verifyLink")})
          </dd>
          <dt>{t("admin.certifications.validUntil")}</dt>
          <dd>{formatDay(language, cert.validUntil)}</dd>
          <dt>{t("admin.certifications.reminders")}</dt>
          <dd data-testid="certification-reminders">
            {cert.reminders.length
              ? cert.reminders.map((reminder) => t("admin.certifications.reminderSent", { days: reminder.daysBefore, date: formatDay(language, reminder.sentOn) })).join(" · ")
              : t("admin.certifications.remindersNone")}
          </dd>
        </dl>
        <p className="admin-record-meta">{t("admin.shell.version", { version: cert.version })}</p>
      </section>

      <section aria-labelledby="correct-heading">
        <h2 id="correct-heading">{t("admin.certifications.correctTitle")}</h2>
        <p className="field__hint">{t("admin.certifications.correctHelp")}</p>
        <SchemaForm form={form}>
          <FormErrors id={form.errorId} errors={form.errors} />
          {/* The form error says "see the changes below". */}
          {conflict ? <ConflictNotice conflict={conflict} fieldLabel={fieldLabel} reloadHref={here} /> : null}
          <input type="hidden" name="productId" value={cert.productId} />
          <input type="hidden" name="version" value={version} />
          <CertificationFields fields={fields} today={today} />
          <div className="form-actions">
            <SubmitButton intent="save">{conflict ? t("admin.shell.conflictOverwrite") : t("admin.shell.save")}</SubmitButton>
          </div>
        </SchemaForm>
      </section>

      <section aria-labelledby="revoke-heading" className="danger-zone">
        <h2 id="revoke-heading">{t("admin.certifications.revokeTitle")}</h2>
        {cert.revokedOn ? (
          <p>{t("admin.certifications.revokedNotice", { date: formatDay(language, cert.revokedOn), reason: cert.revocationReason ?? "—" })}</p>
        ) : (
          <>
            <p>{t("admin.certifications.revokeHelp")}</p>
            <SchemaForm form={revokeForm}>
              <FormErrors id={revokeForm.errorId} errors={revokeForm.errors} />
              <TextField meta={revokeFields.revokedOn!} label={fieldLabel("revokedOn")} type="date" max={today} />
              <TextAreaField meta={revokeFields.reason!} label={fieldLabel("reason")} rows={3} />
              <TextField meta={revokeFields.decision!} label={fieldLabel("decision")} />
              <div className="form-actions">
                <SubmitButton intent="revoke" className="button button--danger">
                  {t("admin.certifications.revokeSubmit")}
                </SubmitButton>
              </div>
            </SchemaForm>
          </>
        )}
      </section>

      {canDelete ? (
        <DeleteRecordSection
          formId={`certification-${cert.id}-delete`}
          title={t("admin.certifications.deleteTitle")}
          help={t("admin.certifications.deleteHelp")}
          lastResult={sentBy === "delete" ? actionData?.result : undefined}
        />
      ) : null}

      {/* Fitted to a phone's width: a table that scrolls without anything focusable in it cannot be scrolled by keyboard. */}
      <div className="history-fit">
        <RecordHistory events={history} fieldLabel={fieldLabel} />
      </div>
    </>
  );
}
