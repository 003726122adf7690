import { Link } from "@remix-run/react";
import { FormErrors, SchemaForm, SubmitButton, TextAreaField, useSchemaForm, type FormReplyData } from "~/components/forms";
import { CertificationStatusBadge } from "~/components/certification-status";
import { formatDay } from "~/i18n/format";
import { useT } from "~/i18n/translate";
import { useLanguage, useLocalizedPath } from "~/i18n/use-language";
import type { CertificationStatus } from "~/modules/catalogue/visibility.server";
import { CommentSchema } from "~/modules/portal/forms";

export type ConversationMessage = { id: number; fromStaff: boolean; event: string; body: string | null; createdAt: Date | string; author: string | null };

/** The reply of the last post, if it came from the form with this intent (and item). */
export function replyOf(actionData: FormReplyData | undefined, intent: string, itemId?: number) {
  const sent = actionData?.result.initialValue;
  if (sent?.intent !== intent) return undefined;
  if (itemId !== undefined && String(sent.itemId) !== String(itemId)) return undefined;
  return actionData?.result;
}

/** A producer's review status, in words and colour (never colour alone). */
export function ReviewStatusBadge({ status, kind }: { status: string; kind: "producer" | "product" | "certificate" }) {
  const t = useT();
  const label =
    kind === "product"
      ? t(`admin.products.status_${status}` as never)
      : kind === "producer"
        ? t(`admin.producers.status_${status}` as never)
        : t(`portal.certificates.review_${status}` as never);
  const className = kind === "product" ? `publication-status publication-status--${status}` : `review-status review-status--${status}`;
  return (
    <span className={className} data-status={status}>
      {label as string}
    </span>
  );
}

/** The messages about one item, oldest first, and (optionally) the form to answer staff. */
export function Conversation({
  messages,
  headingId,
  answer,
}: {
  messages: ConversationMessage[];
  headingId: string;
  answer?: { item: string; itemId: number; actionData: FormReplyData | undefined };
}) {
  const t = useT();
  const language = useLanguage();
  return (
    <section aria-labelledby={headingId} className="portal-conversation" data-testid="conversation">
      <h2 id={headingId}>{t("portal.conversation.heading")}</h2>
      {messages.length === 0 ? (
        <p>{t("portal.conversation.empty")}</p>
      ) : (
        <ol className="portal-messages">
          {messages.map((message) => (
            <li key={message.id} data-event={message.event}>
              <strong>{message.fromStaff ? t("portal.conversation.staff") : t("portal.conversation.you")}</strong> ·{" "}
              {t(`portal.conversation.event_${message.event}` as never, { defaultValue: message.event }) as string} · {formatDay(language, message.createdAt)}
              {message.body ? <p>{message.body}</p> : null}
            </li>
          ))}
        </ol>
      )}
      {answer ? <AnswerForm {...answer} /> : null}
    </section>
  );
}

function AnswerForm({ item, itemId, actionData }: { item: string; itemId: number; actionData: FormReplyData | undefined }) {
  const t = useT();
  const [form, fields] = useSchemaForm(CommentSchema, { id: `answer-${item}-${itemId}`, lastResult: replyOf(actionData, "answer", itemId) });
  return (
    <SchemaForm form={form} key={`answer-${item}-${itemId}`}>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="item" value={item} />
      <input type="hidden" name="itemId" value={itemId} />
      <TextAreaField meta={fields.body!} label={t("portal.conversation.answerLabel")} rows={3} />
      <div className="form-actions">
        <SubmitButton intent="answer" className="button button--secondary">
          {t("portal.conversation.answer")}
        </SubmitButton>
      </div>
    </SchemaForm>
  );
}

/** What a product lacks for a good listing, each with the link that fixes it. */
export function MissingForListing({ productId, missing }: { productId: number; missing: readonly string[] }) {
  const t = useT();
  const to = useLocalizedPath();
  if (missing.length === 0) return <span>{t("portal.products.complete")}</span>;
  const fixHref = (check: string) =>
    check === "images"
      ? to(`/portal/products/${productId}/images`)
      : check === "certification"
        ? to(`/portal/products/${productId}/certifications/new`)
        : `${to(`/portal/products/${productId}`)}#product-form`;
  return (
    <ul className="portal-missing" data-testid="missing">
      {missing.map((check) => (
        <li key={check} data-check={check}>
          {t(`portal.missing.${check}` as never) as string}: <Link to={fixHref(check)}>{t(`portal.missing.fix_${check}` as never) as string}</Link>
        </li>
      ))}
    </ul>
  );
}

export type ProductRow = {
  id: number;
  nameVi: string;
  status: string;
  statusReason: string | null;
  missing: string[];
  staffMessage: { body: string | null } | null;
  certifications: Array<{ id: number; decisionNumber: string; stars: number; reviewStatus: string; status: CertificationStatus; staffMessage: { body: string | null } | null }>;
};

/** The producer's products: status and staff's last word, certificates with theirs, what each lacks. */
export function ProductTable({ products }: { products: ProductRow[] }) {
  const t = useT();
  const to = useLocalizedPath();
  if (products.length === 0) return <p>{t("portal.products.empty")}</p>;
  return (
    <div className="admin-table-wrap">
      <table className="admin-table" data-testid="portal-products">
        <caption>{t("portal.products.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("portal.products.colName")}</th>
            <th scope="col">{t("portal.products.colStatus")}</th>
            <th scope="col">{t("portal.products.colCertificates")}</th>
            <th scope="col">{t("portal.products.colMissing")}</th>
          </tr>
        </thead>
        <tbody>
          {products.map((product) => (
            <tr key={product.id} data-product-id={product.id}>
              <th scope="row">
                <Link to={to(`/portal/products/${product.id}`)}>{product.nameVi}</Link>
              </th>
              <td>
                <ReviewStatusBadge status={product.status} kind="product" />
                {product.staffMessage?.body ? <p className="field__hint">{t("portal.conversation.latest", { message: product.staffMessage.body })}</p> : null}
              </td>
              <td>
                {product.certifications.length === 0 ? (
                  t("portal.none")
                ) : (
                  <ul className="portal-certificates">
                    {product.certifications.map((cert) => (
                      <li key={cert.id}>
                        <Link to={to(`/portal/certifications/${cert.id}`)}>{t("portal.certificates.item", { decision: cert.decisionNumber, stars: cert.stars })}</Link>{" "}
                        <ReviewStatusBadge status={cert.reviewStatus} kind="certificate" />
                        {cert.reviewStatus === "APPROVED" ? (
                          <>
                            {" "}
                            <CertificationStatusBadge status={cert.status} />
                          </>
                        ) : null}
                        {cert.staffMessage?.body ? <p className="field__hint">{t("portal.conversation.latest", { message: cert.staffMessage.body })}</p> : null}
                      </li>
                    ))}
                  </ul>
                )}
              </td>
              <td>
                <MissingForListing productId={product.id} missing={product.missing} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
