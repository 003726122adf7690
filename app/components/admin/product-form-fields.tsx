import { getSelectProps, type FieldMetadata } from "@conform-to/react";
import { Link } from "@remix-run/react";
import { useT } from "~/i18n/translate";
import { FieldErrors, SelectField, TextAreaField, TextField } from "~/components/forms";
import type { productsVi } from "~/i18n/admin/products";
import { useLanguage, useLocalizedPath } from "~/i18n/use-language";
import { PUBLICATION_STATUSES } from "~/modules/products/forms";

type Fields = Record<string, FieldMetadata<unknown> | undefined>;

export type ProductGroupOption = {
  code: string;
  nameVi: string;
  nameEn: string;
  sets: Array<{ id: number; nameVi: string; nameEn: string }>;
};

/**
 * The product set, chosen under its group (an <optgroup> per group), framed
 * like the shared fields (label, errors tied to the select).
 */
export function ProductSetField({ meta, label, groups }: { meta: FieldMetadata<unknown>; label: string; groups: ProductGroupOption[] }) {
  const t = useT();
  const language = useLanguage();
  const name = (item: { nameVi: string; nameEn: string }) => (language === "en" ? item.nameEn : item.nameVi);
  return (
    <div className={`field${meta.errors?.length ? " field--invalid" : ""}`}>
      <label htmlFor={meta.id}>
        {label}
        {meta.required ? <span aria-hidden="true"> *</span> : null}
      </label>
      <select {...getSelectProps(meta)}>
        <option value="">{t("admin.products.chooseProductSet")}</option>
        {groups.map((group) => (
          <optgroup key={group.code} label={t("admin.products.groupOption", { code: group.code, name: name(group) })}>
            {group.sets.map((set) => (
              <option key={set.id} value={String(set.id)}>
                {set.id}. {name(set)}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      <FieldErrors id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

/**
 * Every field of the product form (create and edit). The producer is typed as
 * its number (a select of every producer would be too big at national
 * scale); the producer's name shows while the number is the one loaded, and
 * a link opens the producer list to pick one.
 */
export function ProductFormFields({
  fields,
  groups,
  producer,
  pickHref,
}: {
  fields: Fields;
  groups: ProductGroupOption[];
  producer: { id: number; legalName: string } | null;
  pickHref: string;
}) {
  const t = useT();
  const to = useLocalizedPath();
  const field = (name: keyof typeof productsVi.fields) => ({ meta: fields[name]!, label: t(`admin.products.fields.${name}`) });
  const producerMeta = fields.producerId!;
  const showsProducer = producer !== null && String(producerMeta.value ?? "") === String(producer.id);
  return (
    <>
      <fieldset className="admin-fieldset">
        <legend>{t("admin.products.sectionNames")}</legend>
        <div className="form-grid">
          <TextField {...field("nameVi")} />
          <TextField {...field("nameEn")} lang="en" />
        </div>
        <TextAreaField {...field("descriptionVi")} rows={5} />
        <TextAreaField {...field("descriptionEn")} rows={5} />
      </fieldset>
      <fieldset className="admin-fieldset">
        <legend>{t("admin.products.sectionDetails")}</legend>
        <div className="form-grid">
          <div>
            <TextField {...field("producerId")} inputMode="numeric" autoComplete="off" hint={t("admin.products.producerIdHint")} />
            <p className="product-producer" data-testid="product-producer">
              {showsProducer ? (
                <>
                  <Link to={to(`/admin/producers/${producer.id}`)}>{t("admin.products.producerIs", { name: producer.legalName })}</Link>
                  <br />
                </>
              ) : null}
              <Link to={pickHref}>{t("admin.products.chooseProducer")}</Link>
            </p>
          </div>
          <ProductSetField {...field("productSetId")} groups={groups} />
          <TextField {...field("packagingVi")} />
          <TextField {...field("packagingEn")} lang="en" />
          <TextField {...field("unit")} />
          <SelectField
            {...field("status")}
            options={PUBLICATION_STATUSES.map((status) => ({ value: status, label: t(`admin.products.status_${status}`) }))}
          />
        </div>
      </fieldset>
    </>
  );
}
