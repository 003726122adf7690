import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ConflictNotice, FormErrors, SchemaForm, SelectField, SubmitButton, TextAreaField, TextField, useSchemaForm } from "~/components/forms";
import { replyOf } from "~/components/portal/review";
import { RevisionPanel } from "~/components/portal/revision-panel";
import { db } from "~/db.server";
import type { producersVi } from "~/i18n/admin/producers";
import { localizedPath, resources } from "~/i18n/config";
import { formatDay } from "~/i18n/format";
import { requireLanguage } from "~/i18n/language.server";
import { useT } from "~/i18n/translate";
import { useLanguage, useLocalizedPath } from "~/i18n/use-language";
import { decimalInteger } from "~/lib/fields";
import { invariantResponse } from "~/lib/errors.server";
import { submitForm } from "~/lib/forms.server";
import { redirectWithToast } from "~/lib/toast.server";
import { requireProducer } from "~/modules/accounts/guard.server";
import { CommentSchema, PortalProfileSchema } from "~/modules/portal/forms";
import { answerStaff } from "~/modules/portal/overview.server";
import { portalProfile, updatePortalProfile } from "~/modules/portal/profile.server";
import { withdrawRevision } from "~/modules/portal/revisions.server";

const IntentSchema = z.enum(["save", "withdrawRevision", "answer"]);

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const language = requireLanguage(params);
  const { actor } = await requireProducer(request, context);
  return { language, ...(await portalProfile(db, actor)) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const language = requireLanguage(params);
  const { actor } = await requireProducer(request, context);
  const formData = await request.formData();
  const intent = IntentSchema.safeParse(formData.get("intent"));
  invariantResponse(intent.success, "Unknown action", 400);
  const here = localizedPath(language, "/portal/profile");
  switch (intent.data) {
    case "save": {
      const outcome = await submitForm(formData, PortalProfileSchema, (payload) => updatePortalProfile(db, actor, payload));
      if (!outcome.ok) return outcome.reply;
      return redirectWithToast(here, outcome.value.revision ? "created" : "saved");
    }
    case "withdrawRevision":
    case "answer": {
      // Only the producer's own open revision, the one this page shows.
      const { revision } = await portalProfile(db, actor);
      const revisionId = z.object({ id: decimalInteger() }).safeParse({ id: formData.get(intent.data === "answer" ? "itemId" : "revisionId") });
      invariantResponse(revision && revisionId.success && revisionId.data.id === revision.id, "Revision not found", 404);
      if (intent.data === "withdrawRevision") {
        await withdrawRevision(db, actor, revision.id);
        return redirectWithToast(here, "deleted");
      }
      const outcome = await submitForm(formData, CommentSchema, (payload) => answerStaff(db, actor, "revision", revision.id, payload));
      return outcome.ok ? redirectWithToast(here, "saved") : outcome.reply;
    }
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  const messages = resources[data?.language ?? "vi"].translation.portal;
  return [{ title: `${messages.profile.heading} · ${messages.title}` }, { name: "robots", content: "noindex" }];
};

type Loaded = ReturnType<typeof useLoaderData<typeof loader>>;

function formValues({ producer, revision }: Pick<Loaded, "producer" | "revision">) {
  const fields = {
    legalName: producer.legalName,
    taxCode: producer.taxCode,
    phone: producer.phone,
    zalo: producer.zalo,
    email: producer.email,
    website: producer.website,
    street: producer.street,
    communeId: producer.communeId,
    legalRepName: producer.legalRepName,
    legalRepTitle: producer.legalRepTitle,
    descriptionVi: producer.descriptionVi,
    descriptionEn: producer.descriptionEn,
    // What the producer proposed shows in the form, so saving again keeps it.
    ...(revision?.changes ?? {}),
  };
  return Object.fromEntries(Object.entries(fields).map(([name, value]) => [name, value === null ? undefined : String(value)]));
}

export default function PortalProfilePage() {
  const { producer, communes, revision, documents, identityUnderReview } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const language = useLanguage();
  const to = useLocalizedPath();
  const conflict = actionData?.conflict;
  const [form, fields] = useSchemaForm(PortalProfileSchema, { id: "profile", lastResult: replyOf(actionData, "save"), defaultValue: formValues({ producer, revision }) });
  const field = (name: keyof typeof producersVi.fields) => ({ meta: fields[name]!, label: t(`admin.producers.fields.${name}`) });
  const fieldLabel = (name: string) => t(`admin.producers.fields.${name}` as never, { defaultValue: name }) as string;
  return (
    <>
      <h1>{t("portal.profile.heading")}</h1>
      <p>{t("portal.profile.intro")}</p>
      {revision ? <RevisionPanel revision={revision} live={producer as unknown as Record<string, unknown>} fieldLabel={fieldLabel} actionData={actionData} answerItem="revision" /> : null}
      {conflict ? <ConflictNotice conflict={conflict} fieldLabel={fieldLabel} reloadHref={to("/portal/profile")} /> : null}
      <SchemaForm form={form}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="version" value={conflict?.version ?? producer.version} />
        <fieldset className="admin-fieldset">
          <legend>{t("admin.producers.sectionLegal")}</legend>
          <p className="field__hint">{identityUnderReview ? t("portal.profile.identityReviewed") : t("portal.profile.identityLive")}</p>
          <div className="form-grid">
            <TextField {...field("legalName")} autoComplete="organization" />
            <TextField {...field("taxCode")} hint={t("admin.producers.taxCodeHint")} inputMode="numeric" />
            <TextField {...field("legalRepName")} />
            <TextField {...field("legalRepTitle")} />
          </div>
        </fieldset>
        <fieldset className="admin-fieldset">
          <legend>{t("admin.producers.sectionContact")}</legend>
          <div className="form-grid">
            <TextField {...field("phone")} type="tel" autoComplete="tel" />
            <TextField {...field("zalo")} type="tel" />
            <TextField {...field("email")} type="email" autoComplete="email" />
            <TextField {...field("website")} type="url" autoComplete="url" />
          </div>
        </fieldset>
        <fieldset className="admin-fieldset">
          <legend>{t("admin.producers.sectionAddress")}</legend>
          <p data-testid="profile-province">
            {t("portal.profile.province", { province: language === "en" ? producer.province.nameEn : producer.province.nameVi })}
            <br />
            <span className="field__hint">{t("portal.profile.provinceHint")}</span>
          </p>
          <div className="form-grid">
            <SelectField
              {...field("communeId")}
              placeholder={t("admin.producers.noCommune")}
              options={communes.map((commune) => ({ value: String(commune.id), label: commune.nameVi }))}
            />
            <TextField {...field("street")} autoComplete="street-address" />
          </div>
        </fieldset>
        <fieldset className="admin-fieldset">
          <legend>{t("admin.producers.sectionAbout")}</legend>
          <TextAreaField {...field("descriptionVi")} rows={5} />
          <TextAreaField {...field("descriptionEn")} rows={5} />
        </fieldset>
        <div className="form-actions">
          <SubmitButton intent="save">{t("portal.profile.save")}</SubmitButton>
        </div>
      </SchemaForm>

      <section aria-labelledby="documents-heading" data-testid="documents">
        <h2 id="documents-heading">{t("portal.profile.documents")}</h2>
        {documents.length === 0 ? (
          <p>{t("portal.profile.noDocuments")}</p>
        ) : (
          <ul>
            {documents.map((document) => (
              <li key={document.id}>
                <a href={to(`/portal/documents/${document.id}`)} download>
                  {t("portal.profile.documentItem", {
                    kind: t(`portal.profile.document_${document.kind as "registration" | "certificate"}`, { defaultValue: document.kind }),
                    name: document.fileName,
                    kb: Math.max(1, Math.round(document.bytes / 1024)),
                    date: formatDay(language, document.createdAt),
                  })}
                </a>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
