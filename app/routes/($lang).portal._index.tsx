import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { FormErrors, SchemaForm, SubmitButton, TextAreaField, useSchemaForm } from "~/components/forms";
import { Conversation, ProductTable, ReviewStatusBadge, replyOf } from "~/components/portal/review";
import { db } from "~/db.server";
import { localizedPath, resources } from "~/i18n/config";
import { requireLanguage } from "~/i18n/language.server";
import { useT } from "~/i18n/translate";
import { useLocalizedPath } from "~/i18n/use-language";
import { vietnamToday } from "~/lib/dates";
import { invariantResponse } from "~/lib/errors.server";
import { submitForm } from "~/lib/forms.server";
import { redirectWithToast } from "~/lib/toast.server";
import { requireProducer } from "~/modules/accounts/guard.server";
import { CommentSchema, ResubmitSchema } from "~/modules/portal/forms";
import { answerStaff, portalOverview } from "~/modules/portal/overview.server";
import { resubmitProducer } from "~/modules/portal/profile.server";

const IntentSchema = z.enum(["resubmit", "answer"]);

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const language = requireLanguage(params);
  const { actor } = await requireProducer(request, context);
  return { language, ...(await portalOverview(db, actor, vietnamToday())) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const language = requireLanguage(params);
  const { actor } = await requireProducer(request, context);
  const formData = await request.formData();
  const intent = IntentSchema.safeParse(formData.get("intent"));
  invariantResponse(intent.success, "Unknown action", 400);
  const here = localizedPath(language, "/portal");
  if (intent.data === "resubmit") {
    const outcome = await submitForm(formData, ResubmitSchema, (payload) => resubmitProducer(db, actor, payload));
    return outcome.ok ? redirectWithToast(here, "created") : outcome.reply;
  }
  const producerId = actor.producerId ?? -1;
  const outcome = await submitForm(formData, CommentSchema, (payload) => answerStaff(db, actor, "producer", producerId, payload));
  return outcome.ok ? redirectWithToast(here, "saved") : outcome.reply;
}

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  const messages = resources[data?.language ?? "vi"].translation.portal;
  return [{ title: `${messages.navOverview} · ${messages.title}` }, { name: "robots", content: "noindex" }];
};

export default function PortalOverview() {
  const { producer, products, messages, revisions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const to = useLocalizedPath();
  const [resubmitForm, resubmitFields] = useSchemaForm(ResubmitSchema, { id: "resubmit", lastResult: replyOf(actionData, "resubmit") });
  return (
    <>
      <h1>{producer.legalName}</h1>
      <section aria-labelledby="status-heading" data-testid="producer-status">
        <h2 id="status-heading">{t("portal.status.heading")}</h2>
        <p>
          <ReviewStatusBadge status={producer.status} kind="producer" />
        </p>
        <p>{t(`portal.status.${producer.status}`)}</p>
        {producer.statusReason ? <p className="notice">{t("portal.status.reason", { reason: producer.statusReason })}</p> : null}
        {producer.status === "CHANGES_REQUESTED" ? (
          <>
            <p>
              <Link to={to("/portal/profile")}>{t("portal.status.fixProfile")}</Link>
            </p>
            <h3>{t("portal.status.resubmitHeading")}</h3>
            <SchemaForm form={resubmitForm}>
              <FormErrors id={resubmitForm.errorId} errors={resubmitForm.errors} />
              <TextAreaField meta={resubmitFields.message!} label={t("portal.status.resubmitMessage")} hint={t("portal.status.resubmitHint")} rows={3} />
              <div className="form-actions">
                <SubmitButton intent="resubmit">{t("portal.status.resubmit")}</SubmitButton>
              </div>
            </SchemaForm>
          </>
        ) : null}
      </section>

      <Conversation messages={messages} headingId="producer-conversation" answer={{ item: "producer", itemId: producer.id, actionData }} />

      {revisions.length ? (
        <section aria-labelledby="revisions-heading" data-testid="open-revisions">
          <h2 id="revisions-heading">{t("portal.revision.openHeading")}</h2>
          <ul>
            {revisions.map((revision) => (
              <li key={revision.id}>
                <Link to={to(revision.productId ? `/portal/products/${revision.productId}` : "/portal/profile")}>
                  {t("portal.revision.openItem", {
                    name: revision.product?.nameVi ?? producer.legalName,
                    status: t(`portal.revision.status_${revision.status as "PENDING" | "CHANGES_REQUESTED"}`),
                  })}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="products-heading">
        <h2 id="products-heading">{t("portal.products.heading")}</h2>
        {producer.status === "APPROVED" ? (
          <p>
            <Link to={to("/portal/products/new")} className="button">
              {t("portal.products.propose")}
            </Link>
          </p>
        ) : null}
        <p>{t("portal.missing.hint")}</p>
        <ProductTable products={products} />
      </section>
    </>
  );
}
