import { useT } from "~/i18n/translate";
import type { FieldMetadata } from "@conform-to/react";
import { SelectField, TextField, type useSchemaForm } from "~/components/forms";
import { formatDay } from "~/i18n/format";
import { useLanguage } from "~/i18n/use-language";
import { formatDate, parseDate } from "~/lib/dates";
import { EVALUATION_KINDS, ISSUER_LEVELS } from "~/modules/certifications/forms";
import { CERTIFIED_STARS, defaultValidUntil } from "~/modules/certifications/rules";

type Fields = ReturnType<typeof useSchemaForm>[1];

/**
 * A field the schema leaves optional but conform reads as required: its zod
 * adapter lets a union inside `.optional()` (score, validUntil, provinceId)
 * win the "required" constraint, which would print an asterisk and set
 * `required` on the input.
 */
export function notRequired<M extends FieldMetadata<unknown>>(meta: M): M {
  return new Proxy(meta, { get: (target, key, receiver) => (key === "required" ? false : Reflect.get(target, key, receiver)) });
}

/** The default last valid day for a typed signing day, or null while it is not a date. */
function defaultFor(signedOn: unknown): Date | null {
  if (typeof signedOn !== "string") return null;
  try {
    return defaultValidUntil(parseDate(signedOn));
  } catch {
    return null;
  }
}

/** The fields of a certificate, shared by entering one and correcting one (CertificationInputSchema's names). */
export function CertificationFields({ fields, today }: { fields: Fields; today: string }) {
  const t = useT();
  const language = useLanguage();
  const validUntilDefault = defaultFor(fields.signedOn!.value);
  const label = (field: string) => t(`admin.certifications.field_${field}` as never) as string;
  return (
    <>
      <div className="form-grid">
        <TextField meta={fields.decisionNumber!} label={label("decisionNumber")} hint={t("admin.certifications.decisionHint")} autoComplete="off" />
        <TextField meta={fields.signedOn!} label={label("signedOn")} type="date" max={today} />
      </div>
      <div className="form-grid">
        <SelectField
          meta={fields.stars!}
          label={label("stars")}
          placeholder="—"
          options={CERTIFIED_STARS.map((stars) => ({ value: String(stars), label: t("home.starsLabel", { count: stars }) }))}
        />
        <TextField meta={notRequired(fields.score!)} label={label("score")} type="number" inputMode="numeric" min={0} max={100} hint={t("admin.certifications.scoreHint")} />
        <SelectField
          meta={fields.issuerLevel!}
          label={label("issuerLevel")}
          hint={t("admin.certifications.issuerLevelHint")}
          options={ISSUER_LEVELS.map((level) => ({ value: level, label: t(`certification.level_${level}`) }))}
        />
        <TextField meta={fields.issuerName!} label={label("issuerName")} />
        <SelectField
          meta={fields.evaluationKind!}
          label={label("evaluationKind")}
          options={EVALUATION_KINDS.map((kind) => ({ value: kind, label: t(`certification.kind_${kind}`) }))}
        />
        <TextField meta={fields.batch!} label={label("batch")} />
        {/* Text, not a date picker: the placeholder shows the default a blank field stands for. */}
        <TextField
          meta={notRequired(fields.validUntil!)}
          label={label("validUntil")}
          inputMode="numeric"
          placeholder={validUntilDefault ? formatDate(validUntilDefault) : "YYYY-MM-DD"}
          hint={
            validUntilDefault
              ? t("admin.certifications.validUntilHint", { date: formatDay(language, validUntilDefault) })
              : t("admin.certifications.validUntilHintNoDate")
          }
        />
      </div>
    </>
  );
}
