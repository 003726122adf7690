import { Link } from "@remix-run/react";
import { useT } from "~/i18n/translate";
import { formatDay } from "~/i18n/format";
import { useLanguage, useLocalizedPath } from "~/i18n/use-language";
import type { ReviewItem } from "~/modules/conversations/conversation.server";

export type QueueRow = {
  kind: ReviewItem;
  id: number;
  label: string;
  revisionOf: "producer" | "product" | null;
  producer: { id: number; legalName: string };
  province: { nameVi: string; nameEn: string };
  since: string | Date;
  path: string;
};

/** Items of the review queue, each linking to its review page. */
export function ReviewQueueTable({ rows, caption, sinceLabel, testId }: { rows: QueueRow[]; caption: string; sinceLabel: string; testId: string }) {
  const t = useT();
  const language = useLanguage();
  const to = useLocalizedPath();
  return (
    <div className="admin-table-wrap">
      <table className="admin-table" data-testid={testId}>
        <caption className="admin-table__caption">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("admin.reviews.colItem")}</th>
            <th scope="col">{t("admin.reviews.colKind")}</th>
            <th scope="col">{t("admin.reviews.colProducer")}</th>
            <th scope="col">{t("admin.reviews.colProvince")}</th>
            <th scope="col">{sinceLabel}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={`${row.kind}-${row.id}`} data-testid="review-row" data-kind={row.kind} data-id={row.id}>
              <th scope="row">
                <Link to={to(row.path)}>{row.label}</Link>
              </th>
              <td>
                {t(`admin.reviews.kind_${row.kind}`)}
                {row.revisionOf ? <span className="admin-table__sub"> ({t(`admin.reviews.revisionOf_${row.revisionOf}`)})</span> : null}
              </td>
              <td>{row.kind === "producer" ? "—" : row.producer.legalName}</td>
              <td>{language === "en" ? row.province.nameEn : row.province.nameVi}</td>
              <td>{formatDay(language, row.since)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
