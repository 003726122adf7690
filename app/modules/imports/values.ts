/**
 * Cell values as people type them in spreadsheets, read into what the form
 * schemas expect: enum codes from Vietnamese or English words, Vietnamese
 * day-first dates, tax codes that lost their leading zero to Excel. Pure.
 */
import { foldHeader } from "./columns";

function words<T extends string>(table: Record<T, string[]>): Map<string, T> {
  const byWord = new Map<string, T>();
  for (const [code, names] of Object.entries(table) as Array<[T, string[]]>) {
    for (const name of [code, ...names]) byWord.set(foldHeader(name), code);
  }
  return byWord;
}

export const ENUM_WORDS = {
  type: words({
    COOPERATIVE: ["Hợp tác xã", "HTX", "Cooperative"],
    COOPERATIVE_GROUP: ["Tổ hợp tác", "THT", "Cooperative group"],
    ENTERPRISE: ["Doanh nghiệp", "Công ty", "Enterprise", "Company"],
    HOUSEHOLD_BUSINESS: ["Hộ kinh doanh", "Hộ sản xuất", "Household business"],
  }),
  producerStatus: words({
    PENDING: ["Chờ duyệt", "Pending"],
    APPROVED: ["Đã duyệt", "Approved"],
    REJECTED: ["Từ chối", "Rejected"],
    SUSPENDED: ["Tạm dừng", "Suspended"],
    ARCHIVED: ["Lưu trữ", "Archived"],
  }),
  productStatus: words({
    DRAFT: ["Nháp", "Bản nháp", "Draft"],
    PENDING_REVIEW: ["Chờ duyệt", "Pending review"],
    PUBLISHED: ["Công khai", "Đã đăng", "Published"],
    REJECTED: ["Từ chối", "Rejected"],
    ARCHIVED: ["Lưu trữ", "Archived"],
  }),
  issuerLevel: words({
    DISTRICT: ["Huyện", "Cấp huyện", "District"],
    PROVINCE: ["Tỉnh", "Cấp tỉnh", "Province"],
    CENTRAL: ["Trung ương", "Cấp trung ương", "Central", "Bộ"],
  }),
  evaluationKind: words({
    NEW: ["Mới", "Đánh giá mới", "New"],
    REEVALUATION: ["Đánh giá lại", "Re-evaluation", "Reevaluation"],
    UPGRADE: ["Nâng hạng", "Nâng sao", "Upgrade"],
  }),
};

export type EnumName = keyof typeof ENUM_WORDS;

/** The enum code a cell names, or null. */
export function enumValue(name: EnumName, cell: string): string | null {
  return ENUM_WORDS[name].get(foldHeader(cell)) ?? null;
}

/** The codes a cell may name, for the error message. */
export function enumCodes(name: EnumName): string {
  return [...new Set(ENUM_WORDS[name].values())].join(", ");
}

/** "18/7/2025" (the Vietnamese day-first order) → "2025-07-18"; anything else is left as typed. */
export function isoDay(cell: string): string {
  const dayFirst = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(cell);
  if (dayFirst) return `${dayFirst[3]}-${dayFirst[2]!.padStart(2, "0")}-${dayFirst[1]!.padStart(2, "0")}`;
  const isoish = /^(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})$/.exec(cell);
  if (isoish) return `${isoish[1]}-${isoish[2]!.padStart(2, "0")}-${isoish[3]!.padStart(2, "0")}`;
  return cell;
}

/**
 * A tax code without spaces. Tax codes begin with the province's two digits,
 * "01" for Hà Nội: Excel reads such a cell as a number and drops the zero,
 * so nine digits (or nine and a branch suffix) get it back.
 */
export function taxCodeOf(cell: string): string {
  const compact = cell.replace(/\s+/g, "");
  return /^\d{9}(-\d{3})?$/.test(compact) ? `0${compact}` : compact;
}

/** Folded place name without its administrative prefix: "Tỉnh Phú Thọ" → "phu tho". */
export function placeKey(name: string): string {
  return foldHeader(name).replace(/^(tinh|thanh pho|tp|xa|phuong|dac khu|thi tran)\s+/, "");
}
