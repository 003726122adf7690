import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n/translate";
import { z } from "zod";
import type { BreadcrumbHandle } from "~/components/admin/admin-chrome";
import { DeleteRecordSchema, DeleteRecordSection } from "~/components/admin/delete-record";
import { ProducerFormFields, useCommuneOptions } from "~/components/admin/producer-form-fields";
import { ProducerStatusActions } from "~/components/admin/producer-status-actions";
import { RecordHistory } from "~/components/admin/record-history";
import { ReviewConversation } from "~/components/admin/review-conversation";
import { ReviewDocuments } from "~/components/admin/review-documents";
import { ConflictNotice, FormErrors, SchemaForm, SubmitButton, useSchemaForm } from "~/components/forms";
import { db } from "~/db.server";
import { localizedPath, resources } from "~/i18n/config";
import { requireLanguage } from "~/i18n/language.server";
import { useLocalizedPath } from "~/i18n/use-language";
import { invariantResponse } from "~/lib/errors.server";
import { submitForm } from "~/lib/forms.server";
import { redirectWithToast } from "~/lib/toast.server";
import { requireAdmin, requireStaff } from "~/modules/accounts/guard.server";
import { recordHistory } from "~/modules/audit/history.server";
import { producerDocuments } from "~/modules/documents/service.server";
import { conversation } from "~/modules/conversations/conversation.server";
import { isPublicProducer } from "~/modules/catalogue/visibility.server";
import { communeOptions, parseRecordId, producerForEdit, provinceOptions } from "~/modules/producers/admin-record.server";
import { PRODUCER_STATUS_ACTIONS, ProducerEditSchema, ProducerStatusSchema } from "~/modules/producers/forms";
import { changeProducerStatus, deleteProducer, updateProducer } from "~/modules/producers/service.server";

const INTENTS = ["save", "delete", ...(Object.keys(PRODUCER_STATUS_ACTIONS) as Array<keyof typeof PRODUCER_STATUS_ACTIONS>)] as const;
const IntentSchema = z.enum(INTENTS);

/** Deleting for good asks for a ticked confirmation (the browser checks it too). */

const TOAST_OF_STATUS_ACTION = { approve: "status", request_changes: "status", reject: "status", suspend: "status", archive: "archived", restore: "restored" } as const;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { actor, user } = await requireStaff(request, context);
  const language = requireLanguage(params);
  const id = parseRecordId(params.id);
  // Missing and out of scope look the same: a producer the actor may not see does not exist for them.
  const producer = id === undefined ? null : await producerForEdit(db, actor, id);
  invariantResponse(producer, "Producer not found", 404);
  const [provinces, communes, history, documents, messages] = await Promise.all([
    provinceOptions(db, actor),
    communeOptions(db, producer.provinceId),
    recordHistory(db, actor, "producer", producer.id),
    producerDocuments(db, actor, producer.id),
    conversation(db, producer.id, "producer", producer.id),
  ]);
  return { language, producer, isPublic: isPublicProducer(producer), provinces, communes, history, documents, messages, canDelete: user.role === "ADMIN" };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { actor } = await requireStaff(request, context);
  const language = requireLanguage(params);
  const id = parseRecordId(params.id);
  invariantResponse(id !== undefined, "Producer not found", 404);
  const formData = await request.formData();
  const intent = IntentSchema.safeParse(formData.get("intent"));
  invariantResponse(intent.success, "Unknown action", 400);
  const here = localizedPath(language, `/admin/producers/${id}`);

  if (intent.data === "save") {
    const outcome = await submitForm(formData, ProducerEditSchema, (payload) => updateProducer(db, actor, id, payload));
    return outcome.ok ? redirectWithToast(here, "saved") : outcome.reply;
  }
  if (intent.data === "delete") {
    const { actor: admin } = await requireAdmin(request, context);
    const outcome = await submitForm(formData, DeleteRecordSchema, () => deleteProducer(db, admin, id));
    return outcome.ok ? redirectWithToast(localizedPath(language, "/admin/producers"), "deleted") : outcome.reply;
  }
  // The button decides the status, whatever the form posted.
  const statusAction = intent.data;
  formData.set("status", PRODUCER_STATUS_ACTIONS[statusAction]);
  const outcome = await submitForm(formData, ProducerStatusSchema, (payload) => changeProducerStatus(db, actor, id, payload));
  return outcome.ok ? redirectWithToast(here, TOAST_OF_STATUS_ACTION[statusAction]) : outcome.reply;
}

export const handle: BreadcrumbHandle = {
  breadcrumb: (t, data) => (data as { producer?: { legalName: string } } | undefined)?.producer?.legalName ?? t("admin.producers.title"),
};

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  const messages = resources[data?.language ?? "vi"].translation.admin;
  return [{ title: `${data?.producer.legalName ?? messages.producers.title} · ${messages.shell.title}` }];
};

/** The form's starting values: the stored record, as the inputs hold them (text). */
function formValues(producer: ReturnType<typeof useLoaderData<typeof loader>>["producer"]) {
  const { id: _id, slug: _slug, status: _status, statusReason: _reason, updatedAt: _updated, _count, ...fields } = producer;
  return Object.fromEntries(Object.entries(fields).map(([name, value]) => [name, value === null ? undefined : String(value)]));
}

export default function EditProducer() {
  const { producer, isPublic, provinces, communes: savedCommunes, history, documents, messages, canDelete } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const to = useLocalizedPath();
  const communes = useCommuneOptions(savedCommunes);
  const sentBy = actionData?.result.initialValue?.intent;
  const conflict = actionData?.conflict;
  // After a conflict, saving again carries the newer version: staff overwrite knowingly.
  const version = conflict?.version ?? producer.version;
  const [form, fields] = useSchemaForm(ProducerEditSchema, {
    id: "producer-edit",
    lastResult: sentBy === "save" ? actionData?.result : undefined,
    defaultValue: formValues(producer),
  });
  const fieldLabel = (field: string) => t(`admin.producers.fields.${field}` as never, { defaultValue: field }) as string;
  const here = to(`/admin/producers/${producer.id}`);

  return (
    <>
      <h1>{producer.legalName}</h1>
      <p className="admin-record__meta">
        {t("admin.producers.recordId", { id: producer.id })} · {t("admin.shell.version", { version: producer.version })} ·{" "}
        <span className={`review-status review-status--${producer.status}`} data-testid="producer-status">
          {t(`admin.producers.status_${producer.status}`)}
        </span>
      </p>
      {conflict ? <ConflictNotice conflict={conflict} fieldLabel={fieldLabel} reloadHref={here} /> : null}

      <div className="admin-record">
        <section aria-labelledby="producer-form-heading" className="admin-record__main">
          <h2 id="producer-form-heading">{t("admin.shell.edit")}</h2>
          <SchemaForm form={form}>
            <FormErrors id={form.errorId} errors={form.errors} />
            <input type="hidden" name="version" value={version} />
            <ProducerFormFields
              fields={fields}
              provinces={provinces}
              communes={communes.communes}
              communesLoading={communes.loading}
              onProvinceChange={communes.load}
            />
            <div className="form-actions">
              <SubmitButton intent="save">{conflict && sentBy === "save" ? t("admin.shell.conflictOverwrite") : t("admin.shell.save")}</SubmitButton>
            </div>
          </SchemaForm>
        </section>

        <aside className="admin-record__side">
          <section aria-labelledby="status-heading">
            <h2 id="status-heading">{t("admin.producers.status")}</h2>
            <p>{t("admin.producers.currentStatus", { status: t(`admin.producers.status_${producer.status}`) })}</p>
            {producer.statusReason ? <p>{t("admin.producers.currentReason", { reason: producer.statusReason })}</p> : null}
            <p>
              <Link to={to(`/admin/reviews/producers/${producer.id}`)} data-testid="producer-review-link">
                {t("admin.reviews.openReview")}
              </Link>
            </p>
            <ProducerStatusActions
              status={producer.status}
              version={version}
              lastResult={sentBy && sentBy !== "save" && sentBy !== "delete" ? actionData?.result : undefined}
            />
          </section>

          <section aria-labelledby="products-heading">
            <h2 id="products-heading">{t("admin.producers.products")}</h2>
            <p>{t("admin.producers.productCount", { count: producer._count.products })}</p>
            <ul className="admin-links">
              <li>
                <Link to={to(`/admin/products?producer=${producer.id}&status=ALL`)}>{t("admin.producers.viewProducts")}</Link>
              </li>
              <li>
                <Link to={to(`/admin/products/new?producerId=${producer.id}`)}>{t("admin.producers.addProduct")}</Link>
              </li>
              {isPublic ? (
                <li>
                  <Link to={to(`/producers/${producer.slug}`)}>{t("admin.producers.publicPage")}</Link>
                </li>
              ) : null}
            </ul>
          </section>

          <ReviewDocuments documents={documents} />
          <ReviewConversation messages={messages} />

          {canDelete ? (
            <DeleteRecordSection
              formId="producer-delete"
              title={t("admin.producers.deleteTitle")}
              help={t("admin.producers.deleteHelp")}
              lastResult={sentBy === "delete" ? actionData?.result : undefined}
            />
          ) : null}
        </aside>
      </div>

      <RecordHistory events={history} fieldLabel={fieldLabel} />
    </>
  );
}
