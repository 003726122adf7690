/**
 * Large generated catalogues for load tests: N products across all 34
 * provinces, ~0.4 N producers, a few communes per province, 1–2
 * certifications (no images: the pages draw the placeholder). Deterministic for a given seed
 * and database state. Rows get explicit ids after the current maximum so they
 * link up without being read back, and are written with createMany in chunks
 * inside one transaction.
 */
import type { CommuneKind, Database, EvaluationKind, IssuerLevel, Prisma, ProducerType, PublicationStatus, ReviewStatus } from "../../app/db.server";
import { refreshAllStandings } from "../../app/modules/certifications/standing.server";
import { refreshCatalogueEntries } from "../../app/modules/catalogue/entries.server";
import { addDays } from "../../app/lib/dates";
import { defaultValidUntil, type Stars } from "../../app/modules/certifications/rules";
import { producerSearchKey, productNameKeys, productSearchKey } from "../../app/modules/catalogue/search-keys.server";
import { foldText, slugify } from "../../app/modules/text/vietnamese.server";
import { avoidTransitionGap, batchLabelOfDate, decisionNumberFor, issuerLevelFor, issuerNameFor, scoreFor } from "./certificates";
import { bulkInsert, maxIds, syncIdSequences, type SeedDb } from "./db";
import { SET_PACKAGING, SET_SENTENCES } from "./set-texts";
import { at, createRandom, hashString, scaleVerificationCode, type Random } from "./random";
import {
  BRANDS,
  CITY_NAMES,
  COOP_ACTIVITIES,
  DISTRICT_NAMES,
  ENTERPRISE_FIELDS,
  ENTERPRISE_FORMS,
  FEMALE_GIVEN,
  FEMALE_MIDDLE,
  hamletWord,
  MALE_GIVEN,
  MALE_MIDDLE,
  PLACE_NAMES,
  PROVINCE_REGIONS,
  PRODUCT_KINDS,
  qualifiersFor,
  SURNAMES,
  type ProductKind,
  type Region,
} from "./scale-vocabulary";

export const SCALE_SEED = 7_300_000;
export const PRODUCERS_PER_PRODUCT = 0.4;
const PRODUCT_BATCH = 10_000;

export type ScaleOptions = {
  products: number;
  today: Date;
  seed?: number;
  /** Rows per createMany call. */
  chunkSize?: number;
  onProgress?: (done: number, total: number, label: string) => void;
};

export type ScaleResult = {
  communes: number;
  producers: number;
  products: number;
  images: number;
  certifications: number;
  rows: number;
};

type ProvinceInfo = {
  id: number;
  slug: string;
  nameVi: string;
  formedFrom: string[];
  region: Region;
  weight: number;
  communes: CommuneInfo[];
};

type CommuneInfo = { id: number; nameVi: string; kind: CommuneKind; formerDistrict: string };

const PRODUCER_TYPES: readonly ProducerType[] = ["COOPERATIVE", "ENTERPRISE", "HOUSEHOLD_BUSINESS", "COOPERATIVE_GROUP"];
const PRODUCER_TYPE_WEIGHTS = [32, 22, 40, 6];
/** Products per producer lean on enterprises and cooperatives. */
const PRODUCT_SHARE_BY_TYPE: Record<ProducerType, number> = {
  COOPERATIVE: 3,
  ENTERPRISE: 4,
  HOUSEHOLD_BUSINESS: 1,
  COOPERATIVE_GROUP: 1.5,
};
const FIRST_YEAR_WEIGHTS: ReadonlyArray<readonly [number, number]> = [
  [2019, 3],
  [2020, 6],
  [2021, 10],
  [2022, 14],
  [2023, 16],
  [2024, 18],
  [2025, 18],
  [2026, 15],
];

const provinceLabel = (name: string) => `${CITY_NAMES.has(name) ? "thành phố" : "tỉnh"} ${name}`;
const communeLabel = (c: CommuneInfo) => `${c.kind === "WARD" ? "phường" : "xã"} ${c.nameVi}`;
const communeLabelEn = (c: CommuneInfo) => `${c.nameVi} ${c.kind === "WARD" ? "ward" : "commune"}`;
const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

const MERGER = Date.UTC(2025, 6, 1);

/** Issuer by the rules of the day: the former district or province before the 2025 merger, else the current province. */
function issuerOf(
  level: IssuerLevel,
  signedOn: Date,
  producer: { formerProvince: string; province: { nameVi: string }; commune: { formerDistrict: string } },
): string {
  if (level === "CENTRAL") return issuerNameFor(level, signedOn, "");
  if (level === "DISTRICT") return `UBND ${producer.commune.formerDistrict}`;
  return signedOn.getTime() < MERGER ? `UBND ${producer.formerProvince}` : `UBND ${provinceLabel(producer.province.nameVi)}`;
}

/** Unique, digit-only tax codes in the 9xxxxxxxxx range, which the demo never uses. */
export function scaleTaxCode(producerId: number): string {
  return `9${String((producerId * 48271 + 12345) % 1_000_000_000).padStart(9, "0")}`;
}

function personName(random: Random): { name: string; female: boolean } {
  const female = random.chance(0.45);
  const middle = random.pick(female ? FEMALE_MIDDLE : MALE_MIDDLE);
  const given = random.pick(female ? FEMALE_GIVEN : MALE_GIVEN);
  return { name: `${random.pick(SURNAMES)} ${middle} ${given}`, female };
}

/** Cumulative weights for fast weighted picks. */
function cumulative(weights: readonly number[]): Float64Array {
  const out = new Float64Array(weights.length);
  let sum = 0;
  weights.forEach((w, i) => (out[i] = sum += w));
  return out;
}

function pickCumulative<T>(random: Random, items: readonly T[], sums: Float64Array): T {
  const roll = random.next() * (sums[sums.length - 1] ?? 0);
  let lo = 0;
  let hi = sums.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sums[mid] ?? 0) > roll) hi = mid;
    else lo = mid + 1;
  }
  return at(items, lo);
}

/** Kind weights per region: specialities of the region dominate, sets outside food appear less. */
function kindWeights(region: Region): Float64Array {
  return cumulative(
    PRODUCT_KINDS.map((kind) => {
      const local = kind.regions === "*" ? 3 : kind.regions.includes(region) ? 8 : 0.4;
      const setFactor = kind.set >= 21 ? 0.5 : kind.set === 16 ? 0.3 : 1;
      return local * setFactor;
    }),
  );
}

/** Communes a province gets in generated catalogues: the same names on every run. */
function desiredCommunes(seed: number, province: { slug: string }): Array<{ nameVi: string; kind: CommuneKind; formerDistrict: string }> {
  const random = createRandom(hashString(`${seed}:communes:${province.slug}`));
  const count = random.int(4, 6);
  const names = random.shuffle([...PLACE_NAMES]).slice(0, count);
  return names.map((nameVi, index) => ({
    nameVi,
    kind: index === 0 ? "WARD" : "COMMUNE",
    formerDistrict: `${index === 0 ? "thị xã" : "huyện"} ${random.pick(DISTRICT_NAMES)}`,
  }));
}

async function loadProvinces(db: SeedDb, seed: number, nextCommuneId: number) {
  const provinces = await db.province.findMany({ orderBy: { id: "asc" }, select: { id: true, slug: true, nameVi: true, formedFromVi: true } });
  if (provinces.length === 0) throw new Error("No provinces: load reference data first");
  const existing = await db.commune.findMany({ select: { id: true, provinceId: true, slug: true, nameVi: true, kind: true } });
  const existingByKey = new Map(existing.map((c) => [`${c.provinceId}|${c.slug}`, c]));
  const newCommunes: Array<Prisma.CommuneCreateManyInput & { id: number; nameVi: string; kind: CommuneKind }> = [];
  let communeId = nextCommuneId;
  const infos: ProvinceInfo[] = provinces.map((province) => {
    const communes = desiredCommunes(seed, province).map((wanted): CommuneInfo => {
      const slug = slugify(wanted.nameVi);
      const found = existingByKey.get(`${province.id}|${slug}`);
      if (found) return { id: found.id, nameVi: found.nameVi, kind: found.kind, formerDistrict: wanted.formerDistrict };
      const row = { id: ++communeId, provinceId: province.id, kind: wanted.kind, nameVi: wanted.nameVi, slug, searchKey: foldText(wanted.nameVi), isDemo: true };
      newCommunes.push(row);
      existingByKey.set(`${province.id}|${slug}`, { ...row });
      return { id: row.id, nameVi: row.nameVi, kind: row.kind, formerDistrict: wanted.formerDistrict };
    });
    return {
      id: province.id,
      slug: province.slug,
      nameVi: province.nameVi,
      formedFrom: province.formedFromVi.split(";").map((name) => name.trim()).filter(Boolean),
      region: PROVINCE_REGIONS[province.slug] ?? "RRD",
      // Larger merged provinces have more producers.
      weight: 1 + province.formedFromVi.split(";").length * 0.6 + (hashString(province.slug) % 5) / 5,
      communes,
    };
  });
  return { provinces: infos, newCommunes };
}

/** Returns `wanted` with a numeric tail added where it clashes with a taken value. */
async function freeValues(
  wanted: string[],
  findTaken: (values: string[]) => Promise<string[]>,
  branchStyle = false,
): Promise<string[]> {
  const taken = new Set<string>();
  for (let start = 0; start < wanted.length; start += 2000) {
    for (const value of await findTaken(wanted.slice(start, start + 2000))) taken.add(value);
  }
  if (taken.size === 0) return wanted;
  const claimed = new Set(wanted);
  return wanted.map((value) => {
    if (!taken.has(value)) return value;
    for (let n = 2; ; n++) {
      const candidate = branchStyle ? `${value}-${String(n).padStart(3, "0")}` : `${value}-${n}`;
      if (!taken.has(candidate) && !claimed.has(candidate)) {
        claimed.add(candidate);
        return candidate;
      }
    }
  });
}

export async function seedScale(db: Database, options: ScaleOptions): Promise<ScaleResult> {
  const total = Math.floor(options.products);
  if (!Number.isFinite(total) || total < 1) throw new RangeError(`products must be a positive number, got ${options.products}`);
  return db.$transaction((tx) => writeScale(tx, { ...options, products: total }), { maxWait: 60_000, timeout: 60 * 60_000 });
}

async function writeScale(db: SeedDb, options: ScaleOptions): Promise<ScaleResult> {
  const { today, onProgress } = options;
  const seed = options.seed ?? SCALE_SEED;
  const chunkSize = options.chunkSize ?? 2000;
  const productCount = options.products;
  const producerCount = Math.max(1, Math.round(productCount * PRODUCERS_PER_PRODUCT));
  const random = createRandom(seed);

  const ids = await maxIds(db);
  const { provinces, newCommunes } = await loadProvinces(db, seed, ids.Commune);
  const sets = await db.productSet.findMany({ select: { id: true, nameVi: true, group: { select: { code: true } } } });
  const setById = new Map(sets.map((s) => [s.id, { nameVi: s.nameVi, groupCode: s.group.code.toLowerCase() }]));
  for (const kind of PRODUCT_KINDS) {
    if (!setById.has(kind.set)) throw new Error(`Product set ${kind.set} is missing: load reference data first`);
  }

  // ---- Producers ----
  const producerRandom = random.fork("producers");
  const provinceSums = cumulative(provinces.map((p) => p.weight));
  const typeSums = cumulative(PRODUCER_TYPE_WEIGHTS);
  type ProducerPlan = {
    id: number;
    type: ProducerType;
    legalName: string;
    province: ProvinceInfo;
    commune: CommuneInfo;
    formerProvince: string;
    status: ReviewStatus;
  };
  const producerPlans: ProducerPlan[] = [];
  const producerRows: Array<Prisma.ProducerCreateManyInput & { slug: string; taxCode: string }> = [];
  for (let i = 0; i < producerCount; i++) {
    const id = ids.Producer + i + 1;
    const province = pickCumulative(producerRandom, provinces, provinceSums);
    const commune = producerRandom.pick(province.communes);
    const type = pickCumulative(producerRandom, PRODUCER_TYPES, typeSums);
    const owner = personName(producerRandom);
    let legalName: string;
    let activity: readonly [string, string] = ["sản xuất và kinh doanh đặc sản địa phương", "making and selling local specialities"];
    if (type === "COOPERATIVE") {
      activity = producerRandom.pick(COOP_ACTIVITIES);
      legalName = `Hợp tác xã ${activity[0]} ${commune.nameVi}`;
      activity = [activity[0].toLowerCase(), activity[1]];
    } else if (type === "COOPERATIVE_GROUP") {
      activity = producerRandom.pick(COOP_ACTIVITIES);
      legalName = `Tổ hợp tác ${activity[0].toLowerCase()} ${hamletWord(province.region).toLowerCase()} ${producerRandom.pick(PLACE_NAMES)}`;
      activity = [activity[0].toLowerCase(), activity[1]];
    } else if (type === "ENTERPRISE") {
      const field = producerRandom.pick(ENTERPRISE_FIELDS);
      legalName = `${producerRandom.pick(ENTERPRISE_FORMS)} ${field} ${producerRandom.pick(BRANDS)}${producerRandom.chance(0.3) ? ` ${province.nameVi}` : ""}`;
    } else {
      legalName = `Hộ kinh doanh ${owner.name}`;
    }
    const formerName = producerRandom.pick(province.formedFrom.length > 0 ? province.formedFrom : [province.nameVi]);
    // Huế became a city only in January 2025; older documents say "tỉnh Thừa Thiên Huế".
    const formerProvince = formerName === "Huế" ? "tỉnh Thừa Thiên Huế" : provinceLabel(formerName);
    const status: ReviewStatus = producerRandom.chance(0.02) ? "PENDING" : producerRandom.chance(0.005) ? "SUSPENDED" : "APPROVED";
    const hamlet = hamletWord(province.region) === "Bản" ? producerRandom.pick(["Bản", "Xóm", "Thôn"]) : hamletWord(province.region);
    const street = producerRandom.chance(0.5) ? `${hamlet} ${producerRandom.int(1, 12)}` : `${hamlet} ${producerRandom.pick(PLACE_NAMES)}`;
    const phone = `0${producerRandom.pick(["9", "9", "8", "3", "7"])}${String(producerRandom.int(0, 99)).padStart(2, "0")} ${String(producerRandom.int(0, 999)).padStart(3, "0")} ${String(producerRandom.int(0, 999)).padStart(3, "0")}`;
    const repTitle = type === "HOUSEHOLD_BUSINESS" ? "Chủ hộ kinh doanh" : type === "COOPERATIVE_GROUP" ? "Tổ trưởng" : "Giám đốc";
    const rep = type === "HOUSEHOLD_BUSINESS" ? owner.name : personName(producerRandom).name;
    producerPlans.push({ id, type, legalName, province, commune, formerProvince, status });
    producerRows.push({
      id,
      slug: `${slugify(legalName, 70)}-${id.toString(36)}`,
      type,
      legalName,
      taxCode: scaleTaxCode(id),
      registrationNumber: type === "HOUSEHOLD_BUSINESS" ? `${String(province.id).padStart(2, "0")}A8${String(id % 1_000_000).padStart(6, "0")}` : scaleTaxCode(id),
      registrationDate: addDays(new Date(Date.UTC(2005, 0, 1)), producerRandom.int(0, 6000)),
      registrationOffice: type === "ENTERPRISE" ? `Phòng Đăng ký kinh doanh ${provinceLabel(formerName)}` : `UBND ${commune.formerDistrict}`,
      legalRepName: rep,
      legalRepTitle: repTitle,
      phone,
      zalo: producerRandom.chance(0.7) ? phone : null,
      email: producerRandom.chance(0.5) ? `lienhe${id}@example.com` : null,
      website: type === "ENTERPRISE" && producerRandom.chance(0.3) ? `https://ocop-${id}.example` : null,
      street,
      communeId: commune.id,
      provinceId: province.id,
      formerDistrict: commune.formerDistrict,
      formerProvince,
      descriptionVi: `${legalName} có địa chỉ tại ${street}, ${communeLabel(commune)}, ${provinceLabel(province.nameVi)}, chuyên ${activity[0]}. Dữ liệu mẫu sinh tự động.`,
      descriptionEn: `${legalName} is based in ${street}, ${communeLabelEn(commune)}, ${province.nameVi}, specialising in ${activity[1]}. Generated sample data.`,
      status,
      statusReason: status === "SUSPENDED" ? "Tạm ngừng hiển thị trong khi rà soát hồ sơ." : null,
      searchKey: producerSearchKey({
        legalName,
        communeName: commune.nameVi,
        provinceName: province.nameVi,
        formerDistrict: commune.formerDistrict,
        formerProvince,
      }),
      isDemo: true,
    });
  }

  // Slugs and tax codes already used by other rows (rare) get a tail.
  const producerSlugs = await freeValues(
    producerRows.map((r) => r.slug),
    async (values) => (await db.producer.findMany({ where: { slug: { in: values } }, select: { slug: true } })).map((r) => r.slug),
  );
  const taxCodes = await freeValues(
    producerRows.map((r) => r.taxCode),
    async (values) => (await db.producer.findMany({ where: { taxCode: { in: values } }, select: { taxCode: true } })).map((r) => r.taxCode),
    true,
  );
  producerRows.forEach((row, index) => {
    row.slug = at(producerSlugs, index);
    row.taxCode = at(taxCodes, index);
  });

  // Progress counts communes, producers and products; images and certifications ride along with products.
  const totalUnits = newCommunes.length + producerRows.length + productCount;
  let done = 0;
  const report = (label: string) => (count: number) => {
    done += count;
    onProgress?.(done, totalUnits, label);
  };
  // Bookkeeping timestamps record the real time of writing, as Prisma's own writes do.
  const writtenAt = new Date();
  await bulkInsert(db, "Commune", newCommunes, { chunkSize, onChunk: report("communes") });
  await bulkInsert(db, "Producer", producerRows, { chunkSize, timestamps: writtenAt, onChunk: report("producers") });

  // ---- Products, images, certifications ----
  const productRandom = random.fork("products");
  const certRandom = random.fork("certifications");
  const weightsByRegion = new Map<Region, Float64Array>();
  const producerSums = cumulative(producerPlans.map((p) => PRODUCT_SHARE_BY_TYPE[p.type]));
  const yearSums = cumulative(FIRST_YEAR_WEIGHTS.map(([, w]) => w));
  const years = FIRST_YEAR_WEIGHTS.map(([y]) => y);
  let certId = ids.Certification;
  const todayTime = today.getTime();

  const images = 0; // generated products have no pictures: the pages draw the placeholder
  let certifications = 0;

  // Products are generated and written a batch at a time, so memory stays flat at 100,000 products.
  for (let batchStart = 0; batchStart < productCount; batchStart += PRODUCT_BATCH) {
    const batchEnd = Math.min(productCount, batchStart + PRODUCT_BATCH);
    const productRows: Array<Prisma.ProductCreateManyInput & { slug: string }> = [];
    const certRows: Prisma.CertificationCreateManyInput[] = [];
    for (let i = batchStart; i < batchEnd; i++) {
      const id = ids.Product + i + 1;
      // Every producer gets a product first; the rest go by producer size.
      const producer = i < producerPlans.length ? at(producerPlans, i) : pickCumulative(productRandom, producerPlans, producerSums);
      const region = producer.province.region;
      let sums = weightsByRegion.get(region);
      if (!sums) weightsByRegion.set(region, (sums = kindWeights(region)));
      const kind: ProductKind = pickCumulative(productRandom, PRODUCT_KINDS, sums);
      const qualifiers = qualifiersFor(kind.set);
      const qualifier = qualifiers.length > 0 && productRandom.chance(0.4) ? productRandom.pick(qualifiers) : null;
      const place = productRandom.chance(0.45) ? producer.province.nameVi : producer.commune.nameVi;
      const nameVi = `${kind.vi}${qualifier ? ` ${qualifier[0]}` : ""} ${place}`;
      const nameEn = productRandom.chance(0.03) ? null : `${place} ${qualifier ? `${qualifier[1]} ` : ""}${kind.en}`;
      const set = setById.get(kind.set)!;
      const [packagingVi, packagingEn, unit] = productRandom.pick(SET_PACKAGING[kind.set] ?? [["Hộp", "Box", "hộp"]]);
      const [sentenceVi, sentenceEn] = SET_SENTENCES[kind.set] ?? ["", ""];
      const roll = productRandom.next();
      const status: PublicationStatus =
        producer.status === "PENDING" ? "PENDING_REVIEW" : roll < 0.02 ? "DRAFT" : roll < 0.035 ? "PENDING_REVIEW" : roll < 0.04 ? "ARCHIVED" : "PUBLISHED";

      // Stars of the newest certificate: ~70% 3★, ~28% 4★, a handful of 5★.
      const starRoll = certRandom.next();
      const target: Stars = starRoll < 0.003 ? 5 : starRoll < 0.283 ? 4 : 3;
      const year = pickCumulative(certRandom, years, yearSums);
      const yearStart = Date.UTC(year, 0, 1);
      const yearEnd = Math.min(Date.UTC(year, 11, 31), todayTime - 86_400_000);
      let first = avoidTransitionGap(new Date(yearStart + Math.floor(certRandom.next() * Math.max(1, (yearEnd - yearStart) / 86_400_000)) * 86_400_000));
      if (first.getTime() > todayTime) first = addDays(today, -30);
      const plan: Array<{ stars: Stars; kind: EvaluationKind; signedOn: Date }> = [];
      const firstExpiry = defaultValidUntil(first).getTime();
      if (firstExpiry < todayTime && certRandom.chance(0.85)) {
        const renewal = avoidTransitionGap(addDays(new Date(firstExpiry), -certRandom.int(0, 120)));
        plan.push({ stars: target === 5 ? 4 : target, kind: "NEW", signedOn: first });
        plan.push({ stars: target, kind: target === 5 ? "UPGRADE" : "REEVALUATION", signedOn: renewal });
      } else if (target === 4 && certRandom.chance(0.3)) {
        const upgrade = avoidTransitionGap(addDays(first, certRandom.int(365, 900)));
        if (upgrade.getTime() < todayTime) {
          plan.push({ stars: 3, kind: "NEW", signedOn: first });
          plan.push({ stars: 4, kind: "UPGRADE", signedOn: upgrade });
        } else {
          plan.push({ stars: 4, kind: "NEW", signedOn: first });
        }
      } else {
        plan.push({ stars: target, kind: "NEW", signedOn: first });
      }

      const newest = at(plan, plan.length - 1).signedOn;
      productRows.push({
        id,
        slug: `${slugify(nameVi, 70)}-${id.toString(36)}`,
        nameVi,
        nameEn,
        descriptionVi: `${nameVi} của ${producer.legalName}, ${communeLabel(producer.commune)}, ${provinceLabel(producer.province.nameVi)}. ${sentenceVi} Dữ liệu mẫu sinh tự động.`,
        descriptionEn: nameEn
          ? `${capitalize(nameEn)} from ${producer.legalName}, ${communeLabelEn(producer.commune)}, ${producer.province.nameVi}. ${sentenceEn} Generated sample data.`
          : null,
        productSetId: kind.set,
        producerId: producer.id,
        packagingVi,
        packagingEn: nameEn ? packagingEn : null,
        unit,
        status,
        statusReason: null,
        publishedAt: status === "PUBLISHED" || status === "ARCHIVED" ? new Date(Math.min(addDays(newest, productRandom.int(3, 60)).getTime(), todayTime)) : null,
        ...productNameKeys(nameVi),
        searchKey: productSearchKey({
          nameVi,
          nameEn,
          producerName: producer.legalName,
          productSetNameVi: set.nameVi,
          communeName: producer.commune.nameVi,
          provinceName: producer.province.nameVi,
          formerDistrict: producer.commune.formerDistrict,
        }),
        isDemo: true,
      });

      const productDecisions = new Set<string>();
      for (const cert of plan) {
        const certificationId = ++certId;
        const level = issuerLevelFor(cert.stars, cert.signedOn);
        const issuerName = issuerOf(level, cert.signedOn, producer);
        // A product's decisions are distinct (its natural key in imports); numbers restart every year.
        let decisionNumber = decisionNumberFor(level, issuerName, cert.signedOn);
        for (let retry = 1; productDecisions.has(decisionNumber); retry++) {
          decisionNumber = decisionNumberFor(level, `${issuerName}|${retry}`, cert.signedOn);
        }
        productDecisions.add(decisionNumber);
        certRows.push({
          id: certificationId,
          productId: id,
          verificationCode: scaleVerificationCode(certificationId),
          stars: cert.stars,
          score: scoreFor(certRandom, cert.stars),
          evaluationKind: cert.kind,
          decisionNumber,
          batch: batchLabelOfDate(cert.signedOn),
          signedOn: cert.signedOn,
          issuerLevel: level,
          issuerName,
          validUntil: defaultValidUntil(cert.signedOn),
          isDemo: true,
        });
      }
    }

    const productSlugs = await freeValues(
      productRows.map((r) => r.slug),
      async (values) => (await db.product.findMany({ where: { slug: { in: values } }, select: { slug: true } })).map((r) => r.slug),
    );
    productRows.forEach((row, index) => (row.slug = at(productSlugs, index)));
    await bulkInsert(db, "Product", productRows, { chunkSize, timestamps: writtenAt, onChunk: report("products") });
    await bulkInsert(db, "Certification", certRows, { chunkSize, timestamps: writtenAt });
    certifications += certRows.length;
  }

  await refreshAllStandings(db, today);
  await refreshCatalogueEntries(db, "all");
  await syncIdSequences(db);

  return {
    communes: newCommunes.length,
    producers: producerRows.length,
    products: productCount,
    images,
    certifications,
    rows: newCommunes.length + producerRows.length + productCount + images + certifications,
  };
}
