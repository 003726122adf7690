/**
 * Reference data: the 6 product groups, 26 product sets and 34 provinces from
 * the CSV files in ./reference (copies of ../shared/domain), plus the demo
 * communes of the Hòa Bình demo. Every write is an upsert, so it is safe to run
 * again and again.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { normalizeText } from "../../app/lib/fields";
import { foldText, slugify } from "../../app/modules/text/vietnamese.server";
import { parseCsvRecords } from "./csv";
import type { SeedDb } from "./db";
import { DEMO_COMMUNES, DEMO_PROVINCE_NAME } from "./hoa-binh-places";

const seedDir = path.dirname(fileURLToPath(import.meta.url));
export const projectRoot = path.resolve(seedDir, "../..");

/**
 * Folder holding ocop-product-sets.csv and provinces-2025.csv: the copies in
 * prisma/seed/reference, unless OCOP_SHARED_DIR names another folder (e.g.
 * `../shared/domain` to load the shared originals).
 */
export function referenceDir(env: Record<string, string | undefined> = process.env): string {
  const override = env.OCOP_SHARED_DIR?.trim();
  return override ? path.resolve(projectRoot, override) : path.join(seedDir, "reference");
}

const ROMAN = ["I", "II", "III", "IV", "V", "VI"] as const;

export function groupIdOf(code: string): number {
  const index = (ROMAN as readonly string[]).indexOf(code.trim());
  if (index < 0) throw new RangeError(`Unknown product group code: ${code}`);
  return index + 1;
}

export type ProductSetRow = {
  id: number;
  groupId: number;
  groupCode: string;
  groupVi: string;
  groupEn: string;
  subgroupVi: string;
  nameVi: string;
  nameEn: string;
};

export type ProvinceRow = { slug: string; nameVi: string; nameEn: string; formedFromVi: string };

function readCsv(dir: string, file: string): Array<Record<string, string>> {
  const fullPath = path.join(dir, file);
  let text: string;
  try {
    text = readFileSync(fullPath, "utf8");
  } catch (error) {
    throw new Error(`Cannot read reference data ${fullPath}: ${(error as Error).message}`);
  }
  return parseCsvRecords(text);
}

function required(record: Record<string, string>, column: string, file: string): string {
  const value = normalizeText(record[column] ?? "");
  if (!value) throw new Error(`${file}: empty "${column}" in ${JSON.stringify(record)}`);
  return value;
}

export function readProductSets(dir = referenceDir()): ProductSetRow[] {
  const file = "ocop-product-sets.csv";
  return readCsv(dir, file).map((record) => {
    const groupCode = required(record, "group_no", file);
    const id = Number(required(record, "set_no", file));
    if (!Number.isInteger(id) || id < 1) throw new Error(`${file}: bad set_no ${record.set_no}`);
    return {
      id,
      groupId: groupIdOf(groupCode),
      groupCode,
      groupVi: required(record, "group_vi", file),
      groupEn: required(record, "group_en", file),
      subgroupVi: required(record, "subgroup_vi", file),
      nameVi: required(record, "set_vi", file),
      nameEn: required(record, "set_en", file),
    };
  });
}

export function readProvinces(dir = referenceDir()): ProvinceRow[] {
  const file = "provinces-2025.csv";
  return readCsv(dir, file).map((record) => {
    const nameVi = required(record, "name_vi", file);
    return {
      slug: slugify(nameVi),
      nameVi,
      nameEn: required(record, "name_en", file),
      formedFromVi: required(record, "formed_from_vi", file),
    };
  });
}

export type ReferenceSummary = { groups: number; sets: number; provinces: number; communes: number };

export async function loadReferenceData(db: SeedDb, options: { dir?: string } = {}): Promise<ReferenceSummary> {
  const dir = options.dir ?? referenceDir();
  const sets = readProductSets(dir);
  const provinces = readProvinces(dir);

  const groups = new Map<number, { code: string; nameVi: string; nameEn: string }>();
  for (const set of sets) {
    if (!groups.has(set.groupId)) groups.set(set.groupId, { code: set.groupCode, nameVi: set.groupVi, nameEn: set.groupEn });
  }
  for (const [id, group] of groups) {
    await db.productGroup.upsert({ where: { id }, create: { id, ...group }, update: group });
  }
  for (const set of sets) {
    const data = { groupId: set.groupId, subgroupVi: set.subgroupVi, nameVi: set.nameVi, nameEn: set.nameEn };
    await db.productSet.upsert({ where: { id: set.id }, create: { id: set.id, ...data }, update: data });
  }

  const provinceIds = new Map<string, number>();
  for (const province of provinces) {
    const data = { nameVi: province.nameVi, nameEn: province.nameEn, formedFromVi: province.formedFromVi, searchKey: foldText(province.nameVi) };
    const row = await db.province.upsert({
      where: { slug: province.slug },
      create: { slug: province.slug, ...data },
      update: data,
      select: { id: true },
    });
    provinceIds.set(province.slug, row.id);
  }

  const demoProvinceId = provinceIds.get(slugify(DEMO_PROVINCE_NAME));
  if (!demoProvinceId) throw new Error(`${DEMO_PROVINCE_NAME} is missing from provinces-2025.csv`);
  for (const commune of DEMO_COMMUNES) {
    const slug = slugify(commune.nameVi);
    // A commune already there (say, from an official list) is reused as it is.
    await db.commune.upsert({
      where: { provinceId_slug: { provinceId: demoProvinceId, slug } },
      create: {
        provinceId: demoProvinceId,
        slug,
        kind: commune.kind,
        nameVi: commune.nameVi,
        searchKey: foldText(commune.nameVi),
        isDemo: true,
      },
      update: {},
    });
  }

  return { groups: groups.size, sets: sets.length, provinces: provinces.length, communes: DEMO_COMMUNES.length };
}
