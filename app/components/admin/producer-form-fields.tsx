import type { FieldMetadata } from "@conform-to/react";
import { useFetcher } from "@remix-run/react";
import { useT } from "~/i18n/translate";
import { SelectField, TextAreaField, TextField } from "~/components/forms";
import type { producersVi } from "~/i18n/admin/producers";
import { useLanguage, useLocalizedPath } from "~/i18n/use-language";
import { PRODUCER_TYPES } from "~/modules/producers/forms";

export type PlaceOption = { id: number; nameVi: string; nameEn?: string };

type Fields = Record<string, FieldMetadata<unknown> | undefined>;

/**
 * The communes offered for the chosen province. Without JavaScript they are
 * the saved province's (the page's own); with it, choosing another province
 * loads its communes from the new-producer page's loader.
 */
export function useCommuneOptions(initial: PlaceOption[]) {
  const fetcher = useFetcher<{ communes: PlaceOption[] }>();
  const to = useLocalizedPath();
  return {
    communes: fetcher.data?.communes ?? initial,
    loading: fetcher.state === "loading",
    load: (provinceId: string) => fetcher.load(to(`/admin/producers/new?${new URLSearchParams({ province: provinceId })}`)),
  };
}

/** Every field of the producer form (create and edit), grouped as staff read a registration. */
export function ProducerFormFields({
  fields,
  provinces,
  communes,
  communesLoading,
  onProvinceChange,
}: {
  fields: Fields;
  provinces: PlaceOption[];
  communes: PlaceOption[];
  communesLoading: boolean;
  onProvinceChange: (provinceId: string) => void;
}) {
  const t = useT();
  const language = useLanguage();
  const field = (name: keyof typeof producersVi.fields) => ({
    meta: fields[name]!,
    label: t(`admin.producers.fields.${name}`),
  });
  return (
    <>
      <fieldset className="admin-fieldset">
        <legend>{t("admin.producers.sectionLegal")}</legend>
        <div className="form-grid">
          <SelectField
            {...field("type")}
            placeholder={t("admin.producers.chooseType")}
            options={PRODUCER_TYPES.map((type) => ({ value: type, label: t(`producers.type_${type}`) }))}
          />
          <TextField {...field("legalName")} autoComplete="organization" />
          <TextField {...field("taxCode")} hint={t("admin.producers.taxCodeHint")} inputMode="numeric" />
          <TextField {...field("registrationNumber")} />
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
      <fieldset
        className="admin-fieldset"
        onChange={(event) => {
          const target = event.target as HTMLSelectElement;
          if (target.name === "provinceId") onProvinceChange(target.value);
        }}
      >
        <legend>{t("admin.producers.sectionAddress")}</legend>
        <div className="form-grid">
          <SelectField
            {...field("provinceId")}
            placeholder={provinces.length > 1 ? t("admin.producers.chooseProvince") : undefined}
            options={provinces.map((province) => ({
              value: String(province.id),
              label: language === "en" && province.nameEn ? province.nameEn : province.nameVi,
            }))}
          />
          <div aria-busy={communesLoading || undefined}>
            <SelectField
              {...field("communeId")}
              hint={communesLoading ? t("admin.producers.loadingCommunes") : t("admin.producers.communeHint")}
              placeholder={t("admin.producers.noCommune")}
              options={communes.map((commune) => ({ value: String(commune.id), label: commune.nameVi }))}
            />
          </div>
          <TextField {...field("street")} autoComplete="street-address" />
          <TextField {...field("formerDistrict")} hint={t("admin.producers.formerHint")} />
          <TextField {...field("formerProvince")} />
        </div>
      </fieldset>
      <fieldset className="admin-fieldset">
        <legend>{t("admin.producers.sectionAbout")}</legend>
        <TextAreaField {...field("descriptionVi")} rows={5} />
        <TextAreaField {...field("descriptionEn")} rows={5} />
      </fieldset>
    </>
  );
}
