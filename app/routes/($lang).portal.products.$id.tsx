import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { CertificationStatusBadge } from "~/components/certification-status";
import { ConflictNotice, FormErrors, SchemaForm, SubmitButton, useSchemaForm } from "~/components/forms";
import { ProposalFields } from "~/components/portal/proposal-fields";
import { Conversation, MissingForListing, ReviewStatusBadge, replyOf } from "~/components/portal/review";
import { RevisionPanel } from "~/components/portal/revision-panel";
import { db } from "~/db.server";
import { localizedPath, resources } from "~/i18n/config";
import { requireLanguage } from "~/i18n/language.server";
import { useT } from "~/i18n/translate";
import { useLocalizedPath } from "~/i18n/use-language";
import { vietnamToday } from "~/lib/dates";
import { decimalInteger } from "~/lib/fields";
import { invariantResponse } from "~/lib/errors.server";
import { submitForm } from "~/lib/forms.server";
import { redirectWithToast } from "~/lib/toast.server";
import { requireProducer } from "~/modules/accounts/guard.server";
import { CommentSchema, ProposalEditSchema } from "~/modules/portal/forms";
import { answerStaff, ownsProduct, portalProduct } from "~/modules/portal/overview.server";
import { saveProposal, submitDraft, withdrawProposal } from "~/modules/portal/proposals.server";
import { withdrawRevision } from "~/modules/portal/revisions.server";
import { parseRecordId } from "~/modules/producers/admin-record.server";
import { productSetOptions } from "~/modules/products/admin-record.server";

const IntentSchema = z.enum(["save", "withdraw", "submit", "answer", "withdrawRevision"]);
const AnswerTargetSchema = z.object({ item: z.enum(["product", "revision"]), itemId: decimalInteger() });

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const language = requireLanguage(params);
  const { actor } = await requireProducer(request, context);
  const id = parseRecordId(params.id);
  // Missing and another producer's look the same.
  const product = id === undefined ? null : await portalProduct(db, actor, id, vietnamToday());
  invariantResponse(product, "Product not found", 404);
  return { language, product, groups: await productSetOptions(db) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const language = requireLanguage(params);
  const { actor } = await requireProducer(request, context);
  const id = parseRecordId(params.id);
  // Another producer's product is not found, whatever was posted.
  invariantResponse(id !== undefined && (await ownsProduct(db, actor, id)), "Product not found", 404);
  const formData = await request.formData();
  const intent = IntentSchema.safeParse(formData.get("intent"));
  invariantResponse(intent.success, "Unknown action", 400);
  const here = localizedPath(language, `/portal/products/${id}`);

  switch (intent.data) {
    case "save": {
      const outcome = await submitForm(formData, ProposalEditSchema, (payload) => saveProposal(db, actor, id, payload));
      if (!outcome.ok) return outcome.reply;
      return redirectWithToast(here, outcome.value.kind === "saved" ? "saved" : "created");
    }
    case "withdraw":
      await withdrawProposal(db, actor, id);
      return redirectWithToast(here, "deleted");
    case "submit":
      await submitDraft(db, actor, id);
      return redirectWithToast(here, "created");
    case "withdrawRevision": {
      const revisionId = parseRecordId(String(formData.get("revisionId") ?? ""));
      invariantResponse(revisionId !== undefined, "Revision not found", 404);
      // Only this product's revision, from this page.
      const product = await portalProduct(db, actor, id, vietnamToday());
      invariantResponse(product?.revision?.id === revisionId, "Revision not found", 404);
      await withdrawRevision(db, actor, revisionId);
      return redirectWithToast(here, "deleted");
    }
    case "answer": {
      const target = AnswerTargetSchema.safeParse({ item: formData.get("item"), itemId: formData.get("itemId") });
      invariantResponse(target.success, "Unknown item", 400);
      // The revision answered here must be this product's.
      const product = await portalProduct(db, actor, id, vietnamToday());
      invariantResponse(product && (target.data.item === "product" ? target.data.itemId === id : product.revision?.id === target.data.itemId), "Not found", 404);
      const outcome = await submitForm(formData, CommentSchema, (payload) => answerStaff(db, actor, target.data.item, target.data.itemId, payload));
      return outcome.ok ? redirectWithToast(here, "saved") : outcome.reply;
    }
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  const messages = resources[data?.language ?? "vi"].translation.portal;
  return [{ title: `${data?.product.nameVi ?? messages.navProducts} · ${messages.title}` }, { name: "robots", content: "noindex" }];
};

type LoadedProduct = ReturnType<typeof useLoaderData<typeof loader>>["product"];

/** The form's starting values: the open revision's proposal over the live record, as text. */
function formValues(product: LoadedProduct) {
  const fields = {
    nameVi: product.nameVi,
    nameEn: product.nameEn,
    descriptionVi: product.descriptionVi,
    descriptionEn: product.descriptionEn,
    productSetId: product.productSetId,
    packagingVi: product.packagingVi,
    packagingEn: product.packagingEn,
    unit: product.unit,
    ...(product.revision?.changes ?? {}),
  };
  return Object.fromEntries(Object.entries(fields).map(([name, value]) => [name, value === null ? undefined : String(value)]));
}

export default function PortalProductPage() {
  const { product, groups } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const to = useLocalizedPath();
  const conflict = actionData?.conflict;
  const published = product.status === "PUBLISHED";
  const [form, fields] = useSchemaForm(ProposalEditSchema, {
    id: "product-form",
    lastResult: replyOf(actionData, "save"),
    defaultValue: formValues(product),
  });
  const fieldLabel = (field: string) => t(`admin.products.fields.${field}` as never, { defaultValue: field }) as string;
  return (
    <>
      <h1>{product.nameVi}</h1>
      <p className="admin-record__meta" data-testid="product-status">
        <ReviewStatusBadge status={product.status} kind="product" />
        {product.isPublic ? (
          <>
            {" "}
            · <Link to={to(`/products/${product.slug}`)}>{t("portal.product.publicPage")}</Link>
          </>
        ) : null}
      </p>
      {product.statusReason ? <p className="notice">{t("portal.product.reason", { reason: product.statusReason })}</p> : null}
      {product.missing.length ? (
        <section aria-labelledby="missing-heading">
          <h2 id="missing-heading">{t("portal.missing.hint")}</h2>
          <MissingForListing productId={product.id} missing={product.missing} />
        </section>
      ) : null}

      {product.revision ? (
        <RevisionPanel
          revision={product.revision}
          live={product as unknown as Record<string, unknown>}
          fieldLabel={fieldLabel}
          actionData={actionData}
          answerItem="revision"
        />
      ) : null}

      <div className="admin-record">
        <section aria-labelledby="product-form-heading" className="admin-record__main" id="product-form-section">
          <h2 id="product-form-heading">{t("portal.product.editHeading")}</h2>
          {conflict ? <ConflictNotice conflict={conflict} fieldLabel={fieldLabel} reloadHref={to(`/portal/products/${product.id}`)} /> : null}
          {product.editable ? (
            <>
              <p className="field__hint">{published ? t("portal.product.revisionHint") : t("portal.product.editHint")}</p>
              <SchemaForm form={form}>
                <FormErrors id={form.errorId} errors={form.errors} />
                <input type="hidden" name="version" value={conflict?.version ?? product.version} />
                <ProposalFields fields={fields} groups={groups} />
                <div className="form-actions">
                  <SubmitButton intent="save">{published ? t("portal.product.saveRevision") : t("portal.product.save")}</SubmitButton>
                </div>
              </SchemaForm>
            </>
          ) : (
            <p>{t("portal.product.notEditable")}</p>
          )}
        </section>

        <aside className="admin-record__side">
          {product.withdrawable ? (
            <section aria-labelledby="withdraw-heading">
              <h2 id="withdraw-heading">{t("portal.product.withdrawHeading")}</h2>
              <p className="field__hint">{t("portal.product.withdrawHint")}</p>
              <Form method="post">
                <SubmitButton intent="withdraw" className="button button--secondary">
                  {t("portal.product.withdraw")}
                </SubmitButton>
              </Form>
            </section>
          ) : null}
          {product.submittable ? (
            <section aria-labelledby="submit-heading">
              <h2 id="submit-heading">{t("portal.product.submitHeading")}</h2>
              <p className="field__hint">{t("portal.product.submitHint")}</p>
              <Form method="post">
                <SubmitButton intent="submit">{t("portal.product.submit")}</SubmitButton>
              </Form>
            </section>
          ) : null}
          <section aria-labelledby="images-heading">
            <h2 id="images-heading">{t("portal.product.images")}</h2>
            <p>
              <Link to={to(`/portal/products/${product.id}/images`)}>{t("portal.product.manageImages")}</Link>
            </p>
          </section>
          <section aria-labelledby="certificates-heading" data-testid="product-certificates">
            <h2 id="certificates-heading">{t("portal.certificates.heading")}</h2>
            {product.certifications.length === 0 ? <p>{t("portal.certificates.empty")}</p> : null}
            <ul className="portal-certificates">
              {product.certifications.map((cert) => (
                <li key={cert.id} data-review-status={cert.reviewStatus}>
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
            <p>
              <Link to={to(`/portal/products/${product.id}/certifications/new`)}>{t("portal.certificates.add")}</Link>
            </p>
          </section>
        </aside>
      </div>

      <Conversation messages={product.messages} headingId="product-conversation" answer={{ item: "product", itemId: product.id, actionData }} />
    </>
  );
}
