import type { FieldMetadata } from "@conform-to/react";
import { ProductSetField, type ProductGroupOption } from "~/components/admin/product-form-fields";
import { TextAreaField, TextField } from "~/components/forms";
import type { productsVi } from "~/i18n/admin/products";
import { useT } from "~/i18n/translate";

type Fields = Record<string, FieldMetadata<unknown> | undefined>;

/** The fields of a product proposal (ProposalSchema's names): what the producer says about its product. */
export function ProposalFields({ fields, groups }: { fields: Fields; groups: ProductGroupOption[] }) {
  const t = useT();
  const field = (name: keyof typeof productsVi.fields) => ({ meta: fields[name]!, label: t(`admin.products.fields.${name}`) });
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
          <ProductSetField {...field("productSetId")} groups={groups} />
          <TextField {...field("packagingVi")} />
          <TextField {...field("packagingEn")} lang="en" />
          <TextField {...field("unit")} />
        </div>
      </fieldset>
    </>
  );
}
