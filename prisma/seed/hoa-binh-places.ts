/**
 * Places of the Hòa Bình demo. Since 1 July 2025 the former Hòa Bình province
 * is part of Phú Thọ and its districts are gone; producers keep the former
 * district as history. Commune names are post-merger names chosen to be
 * plausible; their official codes are not loaded (code stays null).
 */
import type { CommuneKind } from "../../app/db.server";

export const DEMO_PROVINCE_NAME = "Phú Thọ";
export const FORMER_PROVINCE = "tỉnh Hòa Bình";

export type DistrictKey = "CP" | "MC" | "DB" | "LS" | "TL" | "KB" | "LSN" | "YT" | "LT" | "HB";

export type FormerDistrict = {
  key: DistrictKey;
  /** As old documents print it: "huyện Cao Phong", "thành phố Hòa Bình". */
  nameVi: string;
  nameEn: string;
  /** The district People's Committee, issuer of 3★ decisions from Feb 2023 to Jul 2025. */
  issuerVi: string;
  /** Office that registered household businesses and cooperatives. */
  registrationOfficeVi: string;
  /** Letter used in household-business registration numbers. */
  registrationLetter: string;
};

function district(key: DistrictKey, kind: "huyện" | "thành phố", name: string, letter: string): FormerDistrict {
  return {
    key,
    nameVi: `${kind} ${name}`,
    nameEn: kind === "huyện" ? `${name} district` : `${name} city`,
    issuerVi: `UBND ${kind} ${name}`,
    registrationOfficeVi: `Phòng Tài chính - Kế hoạch ${kind} ${name}`,
    registrationLetter: letter,
  };
}

export const FORMER_DISTRICTS: Record<DistrictKey, FormerDistrict> = {
  CP: district("CP", "huyện", "Cao Phong", "G"),
  MC: district("MC", "huyện", "Mai Châu", "H"),
  DB: district("DB", "huyện", "Đà Bắc", "B"),
  LS: district("LS", "huyện", "Lạc Sơn", "K"),
  TL: district("TL", "huyện", "Tân Lạc", "E"),
  KB: district("KB", "huyện", "Kim Bôi", "D"),
  LSN: district("LSN", "huyện", "Lương Sơn", "C"),
  YT: district("YT", "huyện", "Yên Thủy", "M"),
  LT: district("LT", "huyện", "Lạc Thủy", "L"),
  HB: district("HB", "thành phố", "Hòa Bình", "A"),
};

export type DemoCommune = {
  /** Without the "xã"/"phường" prefix. */
  nameVi: string;
  kind: CommuneKind;
  district: DistrictKey;
};

export const DEMO_COMMUNES: readonly DemoCommune[] = [
  { nameVi: "Cao Phong", kind: "COMMUNE", district: "CP" },
  { nameVi: "Mường Thàng", kind: "COMMUNE", district: "CP" },
  { nameVi: "Thung Nai", kind: "COMMUNE", district: "CP" },
  { nameVi: "Mai Châu", kind: "COMMUNE", district: "MC" },
  { nameVi: "Pà Cò", kind: "COMMUNE", district: "MC" },
  { nameVi: "Mai Hạ", kind: "COMMUNE", district: "MC" },
  { nameVi: "Tân Mai", kind: "COMMUNE", district: "MC" },
  { nameVi: "Đà Bắc", kind: "COMMUNE", district: "DB" },
  { nameVi: "Tiền Phong", kind: "COMMUNE", district: "DB" },
  { nameVi: "Lạc Sơn", kind: "COMMUNE", district: "LS" },
  { nameVi: "Mường Vang", kind: "COMMUNE", district: "LS" },
  { nameVi: "Tân Lạc", kind: "COMMUNE", district: "TL" },
  { nameVi: "Mường Bi", kind: "COMMUNE", district: "TL" },
  { nameVi: "Kim Bôi", kind: "COMMUNE", district: "KB" },
  { nameVi: "Mường Động", kind: "COMMUNE", district: "KB" },
  { nameVi: "Lương Sơn", kind: "COMMUNE", district: "LSN" },
  { nameVi: "Cao Dương", kind: "COMMUNE", district: "LSN" },
  { nameVi: "Yên Thủy", kind: "COMMUNE", district: "YT" },
  { nameVi: "Lạc Thủy", kind: "COMMUNE", district: "LT" },
  { nameVi: "Hòa Bình", kind: "WARD", district: "HB" },
  { nameVi: "Kỳ Sơn", kind: "WARD", district: "HB" },
  { nameVi: "Tân Hòa", kind: "WARD", district: "HB" },
  { nameVi: "Thống Nhất", kind: "WARD", district: "HB" },
];

/** "xã Cao Phong" / "phường Hòa Bình". */
export function communeLabelVi(commune: Pick<DemoCommune, "nameVi" | "kind">): string {
  return `${commune.kind === "WARD" ? "phường" : "xã"} ${commune.nameVi}`;
}

/** "Cao Phong commune" / "Hòa Bình ward". */
export function communeLabelEn(commune: Pick<DemoCommune, "nameVi" | "kind">): string {
  return `${commune.nameVi} ${commune.kind === "WARD" ? "ward" : "commune"}`;
}
