import { stringify } from "csv-stringify/sync";
import { formatDate } from "../../lib/dates";
import type { ProductCard } from "./search.server";

const COLUMNS = [
  "slug",
  "name_vi",
  "name_en",
  "product_set",
  "group",
  "producer",
  "commune",
  "province",
  "stars",
  "status",
  "decision_number",
  "signed_on",
  "valid_until",
  "verification_code",
  "url",
] as const;

/** CSV (UTF-8 with a BOM so spreadsheet apps read Vietnamese correctly). */
export function catalogueCsv(items: ProductCard[], origin: string): string {
  const rows = items.map((item) => [
    item.slug,
    item.nameVi,
    item.nameEn ?? "",
    item.productSet.id,
    item.productSet.group.code,
    item.producer.legalName,
    item.producer.commune?.nameVi ?? "",
    item.producer.province.nameVi,
    item.certification.stars,
    item.certification.status,
    item.certification.decisionNumber,
    formatDate(item.certification.signedOn),
    formatDate(item.certification.validUntil),
    item.certification.verificationCode,
    `${origin}/products/${item.slug}`,
  ]);
  return "\uFEFF" + stringify([[...COLUMNS], ...rows]);
}
