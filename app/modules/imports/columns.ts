/**
 * The CSV layouts of imports, templates and exports: one per kind of record,
 * the same columns in the same order whichever way a file travels, so an
 * export can be edited and imported again. A header may be written with the
 * column's key ("tax_code") or its Vietnamese or English title; the template
 * and the export use the titles of the page's language.
 */

export const IMPORT_KINDS = ["producers", "products", "certifications"] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export type Column = { key: string; vi: string; en: string; required?: boolean };

export const COLUMNS: Record<ImportKind, readonly Column[]> = {
  producers: [
    { key: "tax_code", vi: "Mã số thuế", en: "Tax code", required: true },
    { key: "legal_name", vi: "Tên chủ thể", en: "Legal name", required: true },
    { key: "type", vi: "Loại hình", en: "Type", required: true },
    { key: "province", vi: "Tỉnh/thành", en: "Province", required: true },
    { key: "commune", vi: "Xã/phường", en: "Commune" },
    { key: "street", vi: "Địa chỉ", en: "Street address" },
    { key: "registration_number", vi: "Số đăng ký kinh doanh", en: "Registration number" },
    { key: "legal_rep_name", vi: "Người đại diện", en: "Legal representative" },
    { key: "legal_rep_title", vi: "Chức vụ người đại diện", en: "Representative's title" },
    { key: "phone", vi: "Điện thoại", en: "Phone" },
    { key: "zalo", vi: "Zalo", en: "Zalo" },
    { key: "email", vi: "Email", en: "Email" },
    { key: "website", vi: "Website", en: "Website" },
    { key: "former_district", vi: "Huyện cũ", en: "Former district" },
    { key: "former_province", vi: "Tỉnh cũ", en: "Former province" },
    { key: "description_vi", vi: "Giới thiệu (tiếng Việt)", en: "Description (Vietnamese)" },
    { key: "description_en", vi: "Giới thiệu (tiếng Anh)", en: "Description (English)" },
    { key: "status", vi: "Trạng thái", en: "Status" },
  ],
  products: [
    { key: "producer_tax_code", vi: "Mã số thuế chủ thể", en: "Producer tax code", required: true },
    { key: "slug", vi: "Mã sản phẩm (slug)", en: "Product slug" },
    { key: "name_vi", vi: "Tên sản phẩm", en: "Name (Vietnamese)", required: true },
    { key: "name_en", vi: "Tên tiếng Anh", en: "Name (English)" },
    { key: "product_set", vi: "Bộ sản phẩm (số)", en: "Product set (number)", required: true },
    { key: "status", vi: "Trạng thái", en: "Status" },
    { key: "packaging_vi", vi: "Quy cách đóng gói", en: "Packaging (Vietnamese)" },
    { key: "packaging_en", vi: "Quy cách đóng gói (tiếng Anh)", en: "Packaging (English)" },
    { key: "unit", vi: "Đơn vị tính", en: "Unit" },
    { key: "description_vi", vi: "Giới thiệu (tiếng Việt)", en: "Description (Vietnamese)" },
    { key: "description_en", vi: "Giới thiệu (tiếng Anh)", en: "Description (English)" },
  ],
  certifications: [
    { key: "producer_tax_code", vi: "Mã số thuế chủ thể", en: "Producer tax code", required: true },
    { key: "product_slug", vi: "Mã sản phẩm (slug)", en: "Product slug", required: true },
    { key: "decision_number", vi: "Số quyết định", en: "Decision number", required: true },
    { key: "stars", vi: "Số sao", en: "Stars", required: true },
    { key: "score", vi: "Điểm", en: "Score" },
    { key: "signed_on", vi: "Ngày ký", en: "Signed on", required: true },
    { key: "valid_until", vi: "Hiệu lực đến", en: "Valid until" },
    { key: "issuer_level", vi: "Cấp công nhận", en: "Issuer level", required: true },
    { key: "issuer_name", vi: "Cơ quan công nhận", en: "Issuer", required: true },
    { key: "evaluation_kind", vi: "Hình thức đánh giá", en: "Evaluation kind" },
    { key: "batch", vi: "Đợt đánh giá", en: "Batch" },
  ],
};

/** The template's example row, by column key (a real-looking record, marked as an example). */
export const EXAMPLE_ROWS: Record<ImportKind, Record<string, string>> = {
  producers: {
    tax_code: "5400123456",
    legal_name: "Hợp tác xã Ví dụ Tân Lạc",
    type: "COOPERATIVE",
    province: "Phú Thọ",
    commune: "",
    street: "Xóm Mới",
    phone: "0218 3880 123",
    description_vi: "Dòng ví dụ: xóa trước khi nhập.",
    status: "PENDING",
  },
  products: {
    producer_tax_code: "5400123456",
    slug: "",
    name_vi: "Bưởi đỏ ví dụ",
    name_en: "Example red pomelo",
    product_set: "1",
    status: "DRAFT",
    unit: "kg",
    description_vi: "Dòng ví dụ: xóa trước khi nhập.",
  },
  certifications: {
    producer_tax_code: "5400123456",
    product_slug: "buoi-do-vi-du",
    decision_number: "1032/QĐ-UBND",
    stars: "4",
    score: "75",
    signed_on: "2025-07-18",
    valid_until: "",
    issuer_level: "PROVINCE",
    issuer_name: "UBND tỉnh Phú Thọ",
    evaluation_kind: "NEW",
    batch: "Đợt 1 năm 2025",
  },
};

export function columnTitle(column: Column, language: "vi" | "en"): string {
  return language === "en" ? column.en : column.vi;
}

/** The header row of a kind's template and export, in `language`. */
export function headerRow(kind: ImportKind, language: "vi" | "en"): string[] {
  return COLUMNS[kind].map((column) => columnTitle(column, language));
}

export function isImportKind(value: unknown): value is ImportKind {
  return (IMPORT_KINDS as readonly unknown[]).includes(value);
}

/** Header cells compare folded (no accents, lower case, spaces and punctuation as one). */
export function foldHeader(value: string): string {
  return value
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}
