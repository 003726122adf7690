import { useT } from "~/i18n/translate";
import { useLanguage } from "~/i18n/use-language";
import type { ComparisonRow } from "~/modules/reviews/comparison";

type ProductSetName = { id: number; nameVi: string; nameEn: string };

/**
 * The proposal beside the live record: field | live | proposed, changed rows
 * marked in words (not by colour alone) and the proposed value highlighted.
 */
export function ReviewComparison({
  rows,
  fieldLabel,
  productSets,
}: {
  rows: ComparisonRow[];
  fieldLabel: (field: string) => string;
  productSets: ProductSetName[];
}) {
  const t = useT();
  const language = useLanguage();
  const show = (field: string, value: ComparisonRow["live"]) => {
    if (value === null || value === "") return <em>{t("admin.reviews.empty")}</em>;
    if (field === "productSetId") {
      const set = productSets.find((candidate) => candidate.id === Number(value));
      return set ? `${set.id}. ${language === "en" ? set.nameEn : set.nameVi}` : String(value);
    }
    return String(value);
  };
  return (
    <div className="admin-table-wrap">
      <table className="admin-table" data-testid="revision-comparison">
        <caption className="admin-table__caption">{t("admin.reviews.compareCaption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("admin.reviews.colField")}</th>
            <th scope="col">{t("admin.reviews.colLive")}</th>
            <th scope="col">{t("admin.reviews.colProposed")}</th>
            <th scope="col">{t("admin.reviews.colChanged")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.field} data-testid="comparison-row" data-field={row.field} data-changed={row.changed}>
              <th scope="row">{fieldLabel(row.field)}</th>
              <td>{show(row.field, row.live)}</td>
              <td>{row.changed ? <mark>{show(row.field, row.proposed)}</mark> : show(row.field, row.proposed)}</td>
              <td>{row.changed ? <strong>{t("admin.reviews.changedYes")}</strong> : t("admin.reviews.changedNo")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
