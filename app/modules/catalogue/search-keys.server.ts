import { searchKeyOf } from "../text/vietnamese.server";

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
