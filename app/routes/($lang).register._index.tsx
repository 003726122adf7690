import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useFetcher, useLoaderData } from "@remix-run/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useState } from "react";
import { FieldErrors, FormErrors, SchemaForm, SelectField, SubmitButton, TextAreaField, TextField, useSchemaForm } from "~/components/forms";
import type { PlaceOption } from "~/components/admin/producer-form-fields";
import { PublicChrome } from "~/components/site-chrome";
import { db } from "~/db.server";
import { localizedPath, resources } from "~/i18n/config";
import { requireLanguage } from "~/i18n/language.server";
import { useT } from "~/i18n/translate";
import { useLanguage, useLocalizedPath } from "~/i18n/use-language";
import { requestMeta } from "~/modules/accounts/guard.server";
import { parseRecordId } from "~/modules/producers/admin-record.server";
import { PRODUCER_TYPES } from "~/modules/producers/forms";
import { HONEYPOT_FIELD, REGISTRATION_STEPS, SECRET_FIELDS, STEP_FIELDS, STEP_SCHEMAS, type RegistrationStep } from "~/modules/registration/forms";
import { registrationPlaces } from "~/modules/registration/service.server";
import { readWizardForm, wizardPost, type WizardValues } from "~/modules/registration/wizard.server";

// `?province=<id>` also answers the commune list when JavaScript changes the province.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const language = requireLanguage(params);
  const provinceId = parseRecordId(new URL(request.url).searchParams.get("province"));
  const places = await registrationPlaces(db, provinceId);
  return { language, step: "organisation" as RegistrationStep, values: {} as WizardValues, provinceId: provinceId ?? null, ...places };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const language = requireLanguage(params);
  const form = await readWizardForm(request);
  const answer = await wizardPost(db, form, { meta: requestMeta(request, context), language });
  // Created, an address that has an account, a bot: the same page (decision 016).
  if (answer.done) throw redirect(localizedPath(language, "/register/sent"));
  const { step, values, fieldErrors, formErrors, status } = answer;
  const refused = Object.keys(fieldErrors).length > 0 || formErrors.length > 0;
  const result = refused
    ? parseWithZod(form, { schema: STEP_SCHEMAS[step] }).reply({ fieldErrors, formErrors, hideFields: [...SECRET_FIELDS] })
    : undefined;
  const places = await registrationPlaces(db, parseRecordId(values.provinceId));
  return data({ language, step, values, result, provinceId: parseRecordId(values.provinceId) ?? null, ...places }, { status });
}

export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  const messages = resources[data?.language ?? "vi"].translation;
  return [{ title: `${messages.register.title} · ${messages.site.name}` }, { name: "description", content: messages.register.intro }];
};

export default function Register() {
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const page = actionData ?? loaderData;
  const t = useT();
  const to = useLocalizedPath();
  const stepNumber = REGISTRATION_STEPS.indexOf(page.step) + 1;
  return (
    <PublicChrome hasDemoData={false}>
      <section className="register">
        <h1>{t("register.title")}</h1>
        <p>{t("register.intro")}</p>
        <nav aria-label={t("register.progressLabel")}>
          <ol className="register__steps">
            {REGISTRATION_STEPS.map((step) => (
              <li key={step} aria-current={step === page.step ? "step" : undefined}>
                {step === page.step ? <strong>{t(`register.step_${step}`)}</strong> : t(`register.step_${step}`)}
              </li>
            ))}
          </ol>
        </nav>
        <h2>{t("register.stepOf", { number: stepNumber, count: REGISTRATION_STEPS.length, name: t(`register.step_${page.step}`) })}</h2>
        <StepForm
          // A new form for every answer: its fields start from what the server kept.
          key={`${page.step}:${JSON.stringify(actionData?.result ?? null)}:${JSON.stringify(page.values)}`}
          step={page.step}
          values={page.values}
          result={actionData?.result}
          provinces={page.provinces}
          communes={page.communes}
          provinceId={page.provinceId}
        />
        <p>
          {t("register.haveAccount")} <Link to={to("/login")}>{t("register.signIn")}</Link>
        </p>
      </section>
    </PublicChrome>
  );
}

type StepFormProps = {
  step: RegistrationStep;
  values: WizardValues;
  result: Parameters<typeof useSchemaForm>[1]["lastResult"];
  provinces: PlaceOption[];
  communes: PlaceOption[];
  provinceId: number | null;
};

function StepForm({ step, values, result, provinces, communes, provinceId }: StepFormProps) {
  const t = useT();
  const [form, fields] = useStepForm(step, result, values);
  const shown = new Set<string>(STEP_FIELDS[step]);
  const field = (name: string) => fields[name]!;
  return (
    <SchemaForm form={form} encType={step === "about" ? "multipart/form-data" : undefined}>
      <input type="hidden" name="step" value={step} />
      {Object.entries(values)
        .filter(([name]) => !shown.has(name))
        .map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
      {/* The default button (Enter in a field) is the first in the form: make it the step's own, not "back". */}
      <button type="submit" name="intent" value={step === "account" ? "submit" : "next"} className="visually-hidden" tabIndex={-1} aria-hidden="true">
        {step === "account" ? t("register.submit") : t("register.next")}
      </button>
      <FormErrors id={form.errorId} errors={form.errors} />
      {step === "organisation" ? <OrganisationFields field={field} /> : null}
      {step === "address" ? <AddressFields field={field} provinces={provinces} communes={communes} provinceId={provinceId} /> : null}
      {step === "about" ? <AboutFields field={field} values={values} /> : null}
      {step === "account" ? (
        <>
          <AccountFields field={field} />
          <Summary values={values} provinces={provinces} communes={communes} />
        </>
      ) : null}
      <div className="form-actions">
        {step !== "organisation" ? (
          <SubmitButton intent="back" formNoValidate className="button button--secondary" pendingLabel={t("register.working")}>
            {t("register.back")}
          </SubmitButton>
        ) : null}
        {step === "account" ? (
          <SubmitButton intent="submit" pendingLabel={t("register.submitting")}>
            {t("register.submit")}
          </SubmitButton>
        ) : (
          <SubmitButton intent="next" pendingLabel={t("register.working")}>
            {t("register.next")}
          </SubmitButton>
        )}
      </div>
    </SchemaForm>
  );
}

function useStepForm(step: RegistrationStep, lastResult: StepFormProps["result"], defaultValue: WizardValues) {
  return useSchemaForm(STEP_SCHEMAS[step], { id: `register-${step}`, lastResult, defaultValue });
}

type FieldOf = (name: string) => Parameters<typeof TextField>[0]["meta"];

function useProducerLabel() {
  const t = useT();
  return (name: string) => t(`admin.producers.fields.${name}` as never) as string;
}

function OrganisationFields({ field }: { field: FieldOf }) {
  const t = useT();
  const label = useProducerLabel();
  return (
    <div className="form-grid">
      <SelectField
        meta={field("type")}
        label={label("type")}
        placeholder={t("admin.producers.chooseType")}
        options={PRODUCER_TYPES.map((type) => ({ value: type, label: t(`producers.type_${type}`) }))}
      />
      <TextField meta={field("legalName")} label={label("legalName")} autoComplete="organization" />
      <TextField meta={field("taxCode")} label={label("taxCode")} hint={t("admin.producers.taxCodeHint")} inputMode="numeric" />
      <TextField meta={field("registrationNumber")} label={label("registrationNumber")} />
      <TextField meta={field("registrationDate")} label={t("register.fields.registrationDate")} hint={t("register.hints.registrationDate")} type="date" />
      <TextField meta={field("legalRepName")} label={label("legalRepName")} hint={t("register.hints.legalRepName")} autoComplete="name" />
      <TextField meta={field("legalRepTitle")} label={label("legalRepTitle")} autoComplete="organization-title" />
    </div>
  );
}

function AddressFields({ field, provinces, communes, provinceId }: { field: FieldOf; provinces: PlaceOption[]; communes: PlaceOption[]; provinceId: number | null }) {
  const t = useT();
  const label = useProducerLabel();
  const language = useLanguage();
  const to = useLocalizedPath();
  // With JavaScript, choosing a province loads its communes; without, the "update" button does.
  const fetcher = useFetcher<{ provinceId: number | null; communes: PlaceOption[] }>();
  const [chosen, setChosen] = useState(provinceId);
  const offered = fetcher.data && fetcher.data.provinceId === chosen ? fetcher.data.communes : chosen === provinceId ? communes : [];
  return (
    <>
      <fieldset className="admin-fieldset">
        <legend>{t("admin.producers.sectionAddress")}</legend>
        <div className="form-grid">
          <div
            onChange={(event) => {
              const target = event.target as HTMLSelectElement;
              if (target.name !== "provinceId") return;
              const id = Number(target.value) || null;
              setChosen(id);
              if (id) fetcher.load(to(`/register?${new URLSearchParams({ province: String(id) })}`));
            }}
          >
            <SelectField
              meta={field("provinceId")}
              label={label("provinceId")}
              placeholder={t("admin.producers.chooseProvince")}
              options={provinces.map((province) => ({
                value: String(province.id),
                label: language === "en" && province.nameEn ? province.nameEn : province.nameVi,
              }))}
            />
            <SubmitButton intent="communes" formNoValidate className="button button--secondary" pendingLabel={t("register.working")}>
              {t("register.updateCommunes")}
            </SubmitButton>
          </div>
          <div aria-busy={fetcher.state === "loading" || undefined}>
            <SelectField
              meta={field("communeId")}
              label={label("communeId")}
              hint={fetcher.state === "loading" ? t("admin.producers.loadingCommunes") : t("register.hints.communeNoScript")}
              placeholder={t("admin.producers.noCommune")}
              options={offered.map((commune) => ({ value: String(commune.id), label: commune.nameVi }))}
            />
          </div>
          <TextField meta={field("street")} label={label("street")} hint={t("register.hints.street")} autoComplete="street-address" />
        </div>
      </fieldset>
      <fieldset className="admin-fieldset">
        <legend>{t("admin.producers.sectionContact")}</legend>
        <div className="form-grid">
          <TextField meta={field("phone")} label={label("phone")} type="tel" autoComplete="tel" />
          <TextField meta={field("zalo")} label={label("zalo")} type="tel" />
          <TextField meta={field("email")} label={label("email")} type="email" autoComplete="email" />
          <TextField meta={field("website")} label={label("website")} type="url" autoComplete="url" />
        </div>
      </fieldset>
    </>
  );
}

function AboutFields({ field, values }: { field: FieldOf; values: WizardValues }) {
  const t = useT();
  const label = useProducerLabel();
  const scan = field("scanKey");
  const hintId = "register-scan-hint";
  return (
    <>
      <TextAreaField meta={field("descriptionVi")} label={label("descriptionVi")} hint={t("register.hints.descriptionVi")} rows={6} />
      <TextAreaField meta={field("descriptionEn")} label={label("descriptionEn")} rows={6} />
      <div className={`field${scan.errors?.length ? " field--invalid" : ""}`}>
        <label htmlFor="register-scan">{t("register.fields.scan")}</label>
        <p id={hintId} className="field__hint">
          {t("register.hints.scan")}
        </p>
        {values.scanKey ? (
          <>
            <input type="hidden" name="scanKey" value={values.scanKey} />
            <input type="hidden" name="scanName" value={values.scanName ?? ""} />
            <p data-testid="scan-kept">
              {t("register.scanKept", { name: values.scanName ?? "" })} {t("register.scanReplace")}
            </p>
          </>
        ) : null}
        <input
          id="register-scan"
          type="file"
          name="scan"
          accept="application/pdf,image/jpeg,image/png,image/webp"
          aria-describedby={scan.errors?.length ? `${hintId} ${scan.errorId}` : hintId}
          aria-invalid={scan.errors?.length ? true : undefined}
        />
        <FieldErrors id={scan.errorId} errors={scan.errors} />
      </div>
      {values.scanKey ? (
        <div className="field field--checkbox">
          <input id="register-remove-scan" type="checkbox" name="removeScan" />
          <label htmlFor="register-remove-scan">{t("register.removeScan")}</label>
        </div>
      ) : null}
    </>
  );
}

function AccountFields({ field }: { field: FieldOf }) {
  const t = useT();
  return (
    <>
      <p>{t("register.passwordNotKept")}</p>
      <div className="form-grid">
        <TextField meta={field("accountName")} label={t("register.fields.accountName")} autoComplete="name" />
        <TextField meta={field("accountEmail")} label={t("register.fields.accountEmail")} hint={t("register.hints.accountEmail")} type="email" autoComplete="email" />
        <TextField meta={field("password")} label={t("register.fields.password")} hint={t("register.hints.password")} type="password" autoComplete="new-password" />
        <TextField meta={field("confirmPassword")} label={t("register.fields.confirmPassword")} type="password" autoComplete="new-password" />
      </div>
      {/* The honeypot: hidden from sight and from the tab order; screen readers are told to leave it empty. */}
      <div className="visually-hidden">
        <label htmlFor="register-fax">{t("register.fields.honeypot")}</label>
        <input id="register-fax" type="text" name={HONEYPOT_FIELD} tabIndex={-1} autoComplete="off" defaultValue="" />
      </div>
    </>
  );
}

/** Everything typed so far, by step, with a button back to each step. */
function Summary({ values, provinces, communes }: { values: WizardValues; provinces: PlaceOption[]; communes: PlaceOption[] }) {
  const t = useT();
  const label = useProducerLabel();
  const language = useLanguage();
  const none = t("register.summaryNone");
  const province = provinces.find((candidate) => String(candidate.id) === values.provinceId);
  const commune = communes.find((candidate) => String(candidate.id) === values.communeId);
  const shown: Record<string, string | undefined> = {
    ...values,
    type: values.type ? (t(`producers.type_${values.type}` as never) as string) : undefined,
    provinceId: province ? (language === "en" && province.nameEn ? province.nameEn : province.nameVi) : undefined,
    communeId: commune?.nameVi,
    scanKey: values.scanName ?? t("register.summaryNoScan"),
  };
  const labelOf = (name: string) =>
    name === "registrationDate" ? t("register.fields.registrationDate") : name === "scanKey" ? t("register.fields.scan") : label(name);
  return (
    <section aria-labelledby="register-summary" className="register__summary">
      <h3 id="register-summary">{t("register.summaryTitle")}</h3>
      {REGISTRATION_STEPS.filter((step) => step !== "account").map((step) => (
        <div key={step}>
          <h4>{t(`register.step_${step}`)}</h4>
          <dl>
            {STEP_FIELDS[step]
              .filter((name) => name !== "scanName")
              .map((name) => (
                <div key={name}>
                  <dt>{labelOf(name)}</dt>
                  <dd>{shown[name] ?? none}</dd>
                </div>
              ))}
          </dl>
          <SubmitButton intent={`goto:${step}`} formNoValidate className="button button--secondary" pendingLabel={t("register.working")}>
            {t("register.summaryEdit", { name: t(`register.step_${step}`) })}
          </SubmitButton>
        </div>
      ))}
    </section>
  );
}
