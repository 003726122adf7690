import type { SubmissionResult } from "@conform-to/react";
import { useT } from "~/i18n/translate";
import { FormErrors, SchemaForm, SubmitButton, TextAreaField, useSchemaForm } from "~/components/forms";
import { PRODUCER_STATUS_ACTIONS, ProducerStatusSchema, type PRODUCER_STATUSES, type ProducerStatusAction } from "~/modules/producers/forms";

type ReviewStatus = (typeof PRODUCER_STATUSES)[number];

/** What staff may do from each status. */
const ACTIONS_FROM: Record<ReviewStatus, ProducerStatusAction[]> = {
  PENDING: ["approve", "request_changes", "reject", "archive"],
  CHANGES_REQUESTED: ["approve", "reject", "archive"],
  APPROVED: ["suspend", "archive"],
  REJECTED: ["approve", "archive"],
  SUSPENDED: ["approve", "archive"],
  ARCHIVED: ["restore"],
};

const NEEDS_REASON: ReadonlySet<ProducerStatusAction> = new Set(["reject", "request_changes", "suspend"]);

function StatusForm({ action, version, lastResult }: { action: ProducerStatusAction; version: number; lastResult?: SubmissionResult<string[]> }) {
  const t = useT();
  const [form, fields] = useSchemaForm(ProducerStatusSchema, { id: `producer-${action}`, lastResult });
  const label = action === "archive" || action === "restore" ? t(`admin.shell.${action}`) : t(`admin.producers.${action}`);
  return (
    <SchemaForm form={form} className="producer-status-form" data-testid={`producer-${action}`}>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="status" value={PRODUCER_STATUS_ACTIONS[action]} />
      <input type="hidden" name="version" value={version} />
      {NEEDS_REASON.has(action) ? (
        <TextAreaField meta={fields.reason!} label={t(`admin.producers.${action === "suspend" ? "suspendReason" : action === "reject" ? "rejectReason" : "changesMessage"}`)} rows={2} />
      ) : null}
      {action === "archive" ? <p className="field__hint">{t("admin.producers.archiveHint")}</p> : null}
      {action === "restore" ? <p className="field__hint">{t("admin.producers.restoreHint")}</p> : null}
      <SubmitButton intent={action} className={action === "approve" || action === "restore" ? "button" : "button button--secondary"}>
        {label}
      </SubmitButton>
    </SchemaForm>
  );
}

/**
 * The review actions a producer's status allows, one small form each (the
 * hidden `intent` tells the action which). The reply of the last submission
 * goes back to the form that sent it.
 */
export function ProducerStatusActions({
  status,
  version,
  lastResult,
}: {
  status: ReviewStatus;
  version: number;
  lastResult?: SubmissionResult<string[]>;
}) {
  const sentBy = lastResult?.initialValue?.intent;
  return (
    <div className="producer-status-actions">
      {ACTIONS_FROM[status].map((action) => (
        <StatusForm key={action} action={action} version={version} lastResult={sentBy === action ? lastResult : undefined} />
      ))}
    </div>
  );
}
