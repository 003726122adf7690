import { useT } from "~/i18n/translate";
import { notRequired } from "~/components/admin/certification-fields";
import { SelectField, TextField, type useSchemaForm } from "~/components/forms";
import { useLanguage } from "~/i18n/use-language";
import { ROLES } from "~/modules/accounts/forms";

type Fields = ReturnType<typeof useSchemaForm>[1];

/** An account's fields (AccountSchema's names), shared by creating and editing one. */
export function AccountFields({
  fields,
  provinces,
  producerName,
}: {
  fields: Fields;
  provinces: Array<{ id: number; nameVi: string; nameEn: string }>;
  /** The producer the account belongs to now, if any. */
  producerName?: string | null;
}) {
  const t = useT();
  const language = useLanguage();
  return (
    <div className="form-grid">
      <TextField meta={fields.email!} label={t("admin.accounts.field_email")} type="email" autoComplete="off" />
      <TextField meta={fields.name!} label={t("admin.accounts.field_name")} autoComplete="off" />
      <SelectField
        meta={fields.role!}
        label={t("admin.accounts.field_role")}
        hint={t("admin.accounts.roleHint")}
        options={ROLES.map((role) => ({ value: role, label: t(`admin.shell.role_${role}`) }))}
      />
      <SelectField
        meta={notRequired(fields.provinceId!)}
        label={t("admin.accounts.field_provinceId")}
        hint={t("admin.accounts.provinceHint")}
        placeholder={t("admin.accounts.provinceNational")}
        options={provinces.map((province) => ({ value: String(province.id), label: language === "en" ? province.nameEn : province.nameVi }))}
      />
      <TextField
        meta={notRequired(fields.producerTaxCode!)}
        label={t("admin.accounts.field_producerTaxCode")}
        hint={producerName ? t("admin.accounts.producerHintCurrent", { name: producerName }) : t("admin.accounts.producerHint")}
        inputMode="numeric"
        autoComplete="off"
      />
    </div>
  );
}
