import type { SubmissionResult } from "@conform-to/react";
import { FormErrors, SchemaForm, SubmitButton, TextAreaField, useSchemaForm } from "~/components/forms";
import { useT } from "~/i18n/translate";
import { REVIEW_DECISIONS, ReviewDecisionSchema, type ReviewDecision } from "~/modules/reviews/forms";

function DecisionForm({ decision, version, lastResult }: { decision: ReviewDecision; version?: number; lastResult?: SubmissionResult<string[]> }) {
  const t = useT();
  const [form, fields] = useSchemaForm(ReviewDecisionSchema, { id: `review-${decision}`, lastResult });
  return (
    <SchemaForm form={form} className="producer-status-form" data-testid={`review-${decision}`}>
      <FormErrors id={form.errorId} errors={form.errors} />
      {version !== undefined ? <input type="hidden" name="version" value={version} /> : null}
      {decision !== "approve" ? (
        <TextAreaField meta={fields.message!} label={t(decision === "reject" ? "admin.reviews.rejectMessage" : "admin.reviews.changesMessage")} rows={3} />
      ) : null}
      <SubmitButton intent={decision} className={decision === "approve" ? "button" : "button button--secondary"}>
        {t(`admin.reviews.${decision}`)}
      </SubmitButton>
    </SchemaForm>
  );
}

/**
 * Approve, reject with a reason, request changes with a message: one small
 * form each (the button's `intent` says which). Shown only while the item
 * waits for staff; the reply of the last submission goes back to its form.
 */
export function ReviewDecisions({
  waiting,
  statusLabel,
  version,
  lastResult,
}: {
  waiting: boolean;
  statusLabel: string;
  version?: number;
  lastResult?: SubmissionResult<string[]>;
}) {
  const t = useT();
  const sentBy = lastResult?.initialValue?.intent;
  return (
    <section aria-labelledby="review-decision-heading" data-testid="review-decisions">
      <h2 id="review-decision-heading">{t("admin.reviews.decisionTitle")}</h2>
      {waiting ? (
        <>
          <p className="field__hint">{t("admin.reviews.decisionHelp")}</p>
          <div className="producer-status-actions">
            {REVIEW_DECISIONS.map((decision) => (
              <DecisionForm key={decision} decision={decision} version={version} lastResult={sentBy === decision ? lastResult : undefined} />
            ))}
          </div>
        </>
      ) : (
        <>
          {/* A refused decision (decided meanwhile) still says why, where staff look. */}
          <FormErrors id="review-decision-errors" errors={lastResult?.error?.[""] ?? undefined} />
          <p role="status" data-testid="review-not-waiting">
            {t("admin.reviews.notWaiting", { status: statusLabel })}
          </p>
        </>
      )}
    </section>
  );
}
