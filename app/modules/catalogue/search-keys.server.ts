import { normalizeText } from "../../lib/fields";
import { foldText, searchKeyOf } from "../text/vietnamese.server";

/** What a product's search key covers: its names, producer, product set and places. */
export type ProductSearchParts = {
  nameVi: string;
  nameEn?: string | null;
  producerName: string;
  productSetNameVi: string;
  communeName?: string | null;
  provinceName?: string | null;
  formerDistrict?: string | null;
};

export function productSearchKey(parts: ProductSearchParts): string {
  return searchKeyOf(
    parts.nameVi,
    parts.nameEn,
    parts.producerName,
    parts.productSetNameVi,
    parts.communeName,
    parts.formerDistrict,
    parts.provinceName,
  );
}

/** A product name as search ranks it: lower case with its accents, and folded. */
export function productNameKeys(nameVi: string): { nameLower: string; nameFolded: string } {
  return { nameLower: lowerWithAccents(nameVi), nameFolded: foldText(nameVi) };
}

/** Lower case that keeps Vietnamese marks ("Bưởi ĐỎ" → "bưởi đỏ"), in NFC like stored text. */
export function lowerWithAccents(value: string): string {
  return normalizeText(value).toLocaleLowerCase("vi");
}

export type ProducerSearchParts = {
  legalName: string;
  communeName?: string | null;
  provinceName?: string | null;
  formerDistrict?: string | null;
  formerProvince?: string | null;
};

export function producerSearchKey(parts: ProducerSearchParts): string {
  return searchKeyOf(parts.legalName, parts.communeName, parts.formerDistrict, parts.provinceName, parts.formerProvince);
}
