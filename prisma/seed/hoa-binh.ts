/**
 * The Hòa Bình demo: ~45 producers and ~160 products of the former Hòa Bình
 * province (now part of Phú Thọ), with star histories that stay true relative
 * to `today`: some expired, some expiring within 90 days, one revoked.
 * Every row is isDemo. Requires loadReferenceData first.
 */
import type { EvaluationKind, IssuerLevel, ProducerType, PublicationStatus, ReviewStatus } from "../../app/db.server";
import { refreshAllStandings } from "../../app/modules/certifications/standing.server";
import { refreshCatalogueEntries } from "../../app/modules/catalogue/entries.server";
import { addDays, addMonths } from "../../app/lib/dates";
import { defaultValidUntil, type Stars } from "../../app/modules/certifications/rules";
import { producerSearchKey, productNameKeys, productSearchKey } from "../../app/modules/catalogue/search-keys.server";
import { foldText, slugify } from "../../app/modules/text/vietnamese.server";
import {
  avoidTransitionGap,
  batchesOfYear,
  batchLabel,
  batchLabelOfDate,
  decisionNumberFor,
  issuerLevelFor,
  issuerNameFor,
  scoreFor,
  signingDate,
  type Batch,
} from "./certificates";
import { insertInChunks, maxIds, syncIdSequences, type SeedDb } from "./db";
import { DEMO_PRODUCERS, type DemoProducerSpec, type DemoProductSpec, type HistoryPlan } from "./hoa-binh-data";
import { SET_PACKAGING, SET_SENTENCES } from "./set-texts";
import {
  communeLabelEn,
  communeLabelVi,
  DEMO_COMMUNES,
  DEMO_PROVINCE_NAME,
  FORMER_DISTRICTS,
  FORMER_PROVINCE,
  type DemoCommune,
} from "./hoa-binh-places";
import { at, createRandom, demoVerificationCode, type Random } from "./random";

export const DEMO_SEED = 20190616;

// ---------- What the demo looks like, independent of the database ----------

type CertPlan = {
  stars: Stars;
  kind: EvaluationKind;
  signedOn: Date;
  batch: string;
  /** Fixed decision number (the ministry's 2024 decision), else derived. */
  decisionNumber?: string;
  revoked?: { on: Date; reason: string; decision: string };
};

export type PlannedProduct = {
  spec: DemoProductSpec;
  producerIndex: number;
  plan: HistoryPlan;
  certs: CertPlan[];
  status: PublicationStatus;
  statusReason: string | null;
};

/** Share of each first-certification year among products with an ongoing history. */
const FIRST_YEAR_WEIGHTS: ReadonlyArray<readonly [year: number, weight: number]> = [
  [2019, 16],
  [2020, 22],
  [2021, 28],
  [2022, 30],
  [2023, 26],
  [2024, 13],
  [2025, 6],
  [2026, 3],
];

const EXPIRED_COUNT = 10;
const EXPIRING_COUNT = 5;
const EXTRA_UPGRADES = 6;
const DOWNGRADES = 2;
const EXTRA_FOUR_STAR = 18;
const KIM_BOI_FIVE_STAR_DATE = new Date(Date.UTC(2024, 2, 12));
const EARLIEST_TODAY = new Date(Date.UTC(2024, 6, 1));
const REVOCATION_REASON =
  "Kết quả kiểm tra, giám sát sau chứng nhận: mẫu sản phẩm không đạt chỉ tiêu an toàn thực phẩm đã công bố; cơ sở không khắc phục trong thời hạn.";

const CHAIN_PLANS: ReadonlySet<HistoryPlan> = new Set(["new3", "new4", "up34", "down43"]);

function allBatchesUpTo(lastYear: number): Batch[] {
  const batches: Batch[] = [];
  for (let year = 2019; year <= lastYear; year++) batches.push(...batchesOfYear(year));
  return batches;
}

/** Assigns a history plan to every product: named ones keep theirs, the rest share a fixed mix. */
function assignPlans(random: Random): Array<{ spec: DemoProductSpec; producerIndex: number; plan: HistoryPlan }> {
  const items = DEMO_PRODUCERS.flatMap((producer, producerIndex) =>
    producer.products.map((spec) => ({ spec, producerIndex, plan: spec.plan })),
  );
  const open = random.shuffle(items.filter((item) => !item.plan));
  const special: HistoryPlan[] = [
    ...Array<HistoryPlan>(EXPIRED_COUNT).fill("expired"),
    ...Array<HistoryPlan>(EXPIRING_COUNT).fill("expiring"),
  ];
  // Lapses go to products without a known first year; named ones stay current.
  for (const item of open) {
    if (special.length === 0) break;
    if (item.spec.since === undefined) item.plan = special.shift();
  }
  const chain = random.shuffle([
    ...Array<HistoryPlan>(EXTRA_UPGRADES).fill("up34"),
    ...Array<HistoryPlan>(DOWNGRADES).fill("down43"),
    ...Array<HistoryPlan>(EXTRA_FOUR_STAR).fill("new4"),
  ]);
  for (const item of open) {
    if (!item.plan) item.plan = chain.shift() ?? "new3";
  }
  return items.map((item) => ({ ...item, plan: item.plan ?? "new3" }));
}

/** First-certification years for chain products, matching FIRST_YEAR_WEIGHTS overall. */
function yearPool(random: Random, chainCount: number, fixedYears: number[]): number[] {
  const total = FIRST_YEAR_WEIGHTS.reduce((sum, [, w]) => sum + w, 0);
  const pool: number[] = [];
  for (const [year, weight] of FIRST_YEAR_WEIGHTS) {
    const wanted = Math.round((weight * chainCount) / total) - fixedYears.filter((y) => y === year).length;
    for (let i = 0; i < wanted; i++) pool.push(year);
  }
  return random.shuffle(pool);
}

export function planHoaBinhDemo(today: Date, seed = DEMO_SEED): PlannedProduct[] {
  if (today.getTime() < EARLIEST_TODAY.getTime()) {
    throw new RangeError(`The demo's history runs to mid-2024; "today" must be ${EARLIEST_TODAY.toISOString().slice(0, 10)} or later`);
  }
  const random = createRandom(seed);
  const assigned = assignPlans(random.fork("plans"));
  const chainItems = assigned.filter((item) => CHAIN_PLANS.has(item.plan));
  const years = yearPool(
    random.fork("years"),
    chainItems.length,
    chainItems.flatMap((item) => (item.spec.since === undefined ? [] : [item.spec.since])),
  );
  const todayYear = today.getUTCFullYear();
  const batches = allBatchesUpTo(todayYear + 1);
  const certRandom = random.fork("certs");
  let revokedSeen = 0;
  let archived = false;
  let extraDraft = false;

  const takeYear = (maxYear: number): number => {
    const index = years.findIndex((year) => year <= maxYear);
    if (index < 0) return Math.min(2021, maxYear);
    return at(years.splice(index, 1), 0);
  };

  const planned = assigned.map(({ spec, producerIndex, plan }): PlannedProduct => {
    const district = FORMER_DISTRICTS[at(DEMO_PRODUCERS, producerIndex).district];
    const sign = (batch: Batch, stars: Stars) => {
      const level = issuerLevelFor(stars, batch.date);
      return avoidTransitionGap(signingDate(batch, level, district.key));
    };
    const certs: CertPlan[] = [];
    const push = (stars: Stars, kind: EvaluationKind, signedOn: Date, batch: string, extra: Partial<CertPlan> = {}) =>
      certs.push({ stars, kind, signedOn, batch, ...extra });

    if (plan === "expired") {
      const stars: Stars = certRandom.chance(0.2) ? 4 : 3;
      const signedOn = avoidTransitionGap(addDays(addMonths(today, -36), -certRandom.int(20, 540)));
      push(stars, "NEW", signedOn, batchLabelOfDate(signedOn));
    } else if (plan === "expiring") {
      const stars: Stars = certRandom.chance(0.25) ? 4 : 3;
      const signedOn = avoidTransitionGap(addDays(addMonths(today, -36), certRandom.int(15, 75)));
      if (certRandom.chance(0.5)) {
        const earlier = avoidTransitionGap(addDays(addMonths(signedOn, -36), -certRandom.int(5, 40)));
        push(stars, "NEW", earlier, batchLabelOfDate(earlier));
        push(stars, "REEVALUATION", signedOn, batchLabelOfDate(signedOn));
      } else {
        push(stars, "NEW", signedOn, batchLabelOfDate(signedOn));
      }
    } else if (plan === "revoked") {
      const cutoff = addDays(today, -60).getTime();
      const batch = [...batches].reverse().find((b) => b.year <= 2024 && sign(b, 3).getTime() <= cutoff);
      if (!batch) throw new Error("No certification round to revoke");
      const signedOn = sign(batch, 3);
      // Revoked about ten months later, or two weeks before `today` if that is sooner.
      const latest = Math.min(addDays(signedOn, 310).getTime(), addDays(today, -14).getTime());
      const on = new Date(Math.max(addDays(signedOn, 1).getTime(), latest));
      const level = issuerLevelFor(3, on);
      const issuer = issuerNameFor(level, on, district.issuerVi);
      push(3, "NEW", signedOn, batchLabel(batch.no, batch.year), {
        revoked: { on, reason: REVOCATION_REASON, decision: decisionNumberFor(level, `${issuer}|revocation`, on) },
      });
      revokedSeen++;
    } else if (plan === "five") {
      const first = at(batchesOfYear(2021), 1);
      push(4, "NEW", sign(first, 4), batchLabel(first.no, first.year), {});
      push(5, "UPGRADE", KIM_BOI_FIVE_STAR_DATE, batchLabel(1, 2024), { decisionNumber: "377/QĐ-BNN-VPĐP" });
    } else {
      // Chain plans: a first certificate on a round, then upgrades and renewals on later rounds.
      const needsRoom = plan === "up34" || plan === "down43";
      const year = spec.since ?? takeYear(needsRoom ? Math.min(2022, todayYear - 2) : todayYear);
      const firstStars: Stars = plan === "new4" || plan === "down43" ? 4 : 3;
      const candidates = batchesOfYear(year).filter((b) => sign(b, firstStars).getTime() <= today.getTime());
      const first = candidates.length > 0 ? certRandom.pick(candidates) : [...batches].reverse().find((b) => sign(b, firstStars) <= today);
      if (!first) throw new Error(`No certification round before ${today.toISOString()}`);
      push(firstStars, "NEW", sign(first, firstStars), batchLabel(first.no, first.year));
      if (plan === "up34") {
        const firstSigned = at(certs, 0).signedOn;
        const from = addMonths(firstSigned, 12).getTime();
        const to = addMonths(firstSigned, 30).getTime();
        const options = batches.filter((b) => b.date.getTime() >= from && b.date.getTime() <= to && sign(b, 4) <= today);
        if (options.length > 0) {
          // One of the later rounds, so the renewal after it still runs past `today`.
          const upgrade = certRandom.pick(options.slice(-2));
          push(4, "UPGRADE", sign(upgrade, 4), batchLabel(upgrade.no, upgrade.year));
        }
      }
    }

    // The ministry re-evaluates 5★ products on its own calendar, shortly before expiry.
    if (plan === "five") {
      const renewal = addDays(defaultValidUntil(KIM_BOI_FIVE_STAR_DATE), -20);
      if (renewal.getTime() <= today.getTime()) push(5, "REEVALUATION", renewal, batchLabelOfDate(renewal));
    }

    // Renewals: re-evaluated on the last round before the newest certificate runs out.
    if (plan !== "expired" && plan !== "expiring" && plan !== "revoked" && plan !== "five") {
      let downgraded = false;
      while (certs.length < 3) {
        const last = at(certs, certs.length - 1);
        const validUntil = defaultValidUntil(last.signedOn);
        const stars: Stars = plan === "down43" && !downgraded ? 3 : last.stars;
        const floor = addMonths(validUntil, -8).getTime();
        const round = [...batches]
          .reverse()
          .find((b) => sign(b, stars).getTime() < validUntil.getTime() && b.date.getTime() >= floor);
        if (!round) break;
        const signedOn = sign(round, stars);
        if (signedOn.getTime() > today.getTime()) break;
        push(stars, "REEVALUATION", signedOn, batchLabel(round.no, round.year));
        downgraded = true;
      }
    }

    return { spec, producerIndex, plan, certs, status: "PUBLISHED", statusReason: null };
  });

  if (revokedSeen !== 1) throw new Error(`The demo must have exactly one revoked certificate, has ${revokedSeen}`);

  // Publication states: the data names a few; one lapsed product is archived and one more is a draft.
  for (const product of planned) {
    if (product.spec.status) {
      product.status = product.spec.status;
      product.statusReason = product.spec.statusReason ?? null;
    } else if (!archived && product.plan === "expired") {
      product.status = "ARCHIVED";
      product.statusReason = "Cơ sở ngừng sản xuất sản phẩm này sau khi chứng nhận hết hiệu lực.";
      archived = true;
    }
  }
  for (const product of [...planned].reverse()) {
    if (!extraDraft && product.plan === "new3" && product.status === "PUBLISHED" && !product.spec.since) {
      product.status = "DRAFT";
      extraDraft = true;
    }
  }
  return planned;
}

// ---------- Producer details ----------

type ProducerDetails = {
  taxCode: string;
  registrationNumber: string;
  registrationOffice: string;
  phone: string;
  zalo: string | null;
  email: string | null;
};

const ENTERPRISE_OFFICE = "Phòng Đăng ký kinh doanh - Sở Kế hoạch và Đầu tư tỉnh Hòa Bình";

function digits(random: Random, count: number): string {
  let out = "";
  for (let i = 0; i < count; i++) out += String(random.int(0, 9));
  return out;
}

function mobile(random: Random): string {
  const prefix = random.pick(["09", "09", "08", "03"]);
  return `${prefix}${digits(random, 2)} ${digits(random, 3)} ${digits(random, 3)}`;
}

/** The mailbox part of an address made from a legal name: "Hợp tác xã Hà Phong" → "htxhaphong". */
function mailbox(legalName: string): string {
  const short = foldText(legalName)
    .replace(/^hop tac xa /, "htx ")
    .replace(/^to hop tac /, "tht ")
    .replace(/^ho kinh doanh /, "hkd ")
    .replace(/^cong ty (co phan|tnhh) /, "")
    .replace(/^chi nhanh cong ty (co phan|tnhh) /, "");
  return short.replace(/[^a-z0-9]/g, "").slice(0, 24);
}

/** Tax codes of the demo producers; stable, so they also tell whether the demo is loaded. */
export function demoProducerDetails(seed = DEMO_SEED): ProducerDetails[] {
  const random = createRandom(seed).fork("producers");
  const used = new Set<string>();
  return DEMO_PRODUCERS.map((spec) => {
    let taxCode: string;
    if (spec.branchOf) {
      taxCode = `${spec.branchOf[0]}-${spec.branchOf[1]}`;
    } else {
      do taxCode = `54${random.int(0, 1) === 0 ? "00" : "01"}${digits(random, 6)}`;
      while (used.has(taxCode));
    }
    used.add(taxCode);
    const district = FORMER_DISTRICTS[spec.district];
    const registrationNumber =
      spec.type === "HOUSEHOLD_BUSINESS"
        ? `25${district.registrationLetter}8${digits(random, 6)}`
        : spec.type === "COOPERATIVE_GROUP"
          ? `${String(random.int(1, 60)).padStart(3, "0")}/HĐHTX`
          : taxCode;
    const registrationOffice =
      spec.type === "ENTERPRISE"
        ? ENTERPRISE_OFFICE
        : spec.type === "COOPERATIVE_GROUP"
          ? `UBND xã ${spec.commune}`
          : district.registrationOfficeVi;
    const landline = spec.type === "ENTERPRISE" && random.chance(0.7);
    const phone = landline ? `02183 ${digits(random, 3)} ${digits(random, 3)}` : mobile(random);
    const zalo = landline ? null : random.chance(0.8) ? phone : null;
    const domain = spec.website ? new URL(spec.website).hostname : null;
    const email = domain
      ? `lienhe@${domain}`
      : spec.type === "HOUSEHOLD_BUSINESS" && random.chance(0.5)
        ? null
        : `${mailbox(spec.legalName)}@example.com`;
    return { taxCode, registrationNumber, registrationOffice, phone, zalo, email };
  });
}

export function demoTaxCodes(seed = DEMO_SEED): string[] {
  return demoProducerDetails(seed).map((details) => details.taxCode);
}

export async function isHoaBinhDemoPresent(db: SeedDb): Promise<boolean> {
  const found = await db.producer.count({ where: { taxCode: { in: demoTaxCodes() } } });
  return found > 0;
}

function producerDescription(spec: DemoProducerSpec, commune: DemoCommune): { vi: string; en: string } {
  const district = FORMER_DISTRICTS[spec.district];
  return {
    vi:
      `${spec.legalName} có địa chỉ tại ${spec.street}, ${communeLabelVi(commune)}, tỉnh ${DEMO_PROVINCE_NAME} ` +
      `(trước đây thuộc ${district.nameVi}, ${FORMER_PROVINCE}), chuyên ${spec.about[0]}. ` +
      "Thông tin trong hồ sơ này là dữ liệu minh họa.",
    en:
      `${spec.legalName} is based in ${spec.street}, ${communeLabelEn(commune)}, ${DEMO_PROVINCE_NAME} province ` +
      `(formerly ${district.nameEn}, Hòa Bình province), specialising in ${spec.about[1]}. ` +
      "The details in this profile are demo data.",
  };
}

function productDescription(
  spec: DemoProductSpec,
  producer: DemoProducerSpec,
  commune: DemoCommune,
): { vi: string; en: string | null } {
  const district = FORMER_DISTRICTS[producer.district];
  const tourism = spec.set === 26;
  const [setVi, setEn] = SET_SENTENCES[spec.set] ?? ["", ""];
  const vi = [
    `${spec.nameVi} ${tourism ? "do" : "của"} ${producer.legalName}${tourism ? " tổ chức" : ""}, ` +
      `${communeLabelVi(commune)}, tỉnh ${DEMO_PROVINCE_NAME} (trước đây thuộc ${district.nameVi}, ${FORMER_PROVINCE}).`,
    spec.note?.[0],
    setVi,
    "Dữ liệu minh họa.",
  ]
    .filter(Boolean)
    .join(" ");
  if (!spec.nameEn) return { vi, en: null };
  const en = [
    `${spec.nameEn}, ${tourism ? "run" : "made"} by ${producer.legalName} in ${communeLabelEn(commune)}, ` +
      `${DEMO_PROVINCE_NAME} province (formerly ${district.nameEn}, Hòa Bình province).`,
    spec.note?.[1],
    setEn,
    "Demo data.",
  ]
    .filter(Boolean)
    .join(" ");
  return { vi, en };
}

// ---------- Writing it ----------

export type DemoResult = {
  created: boolean;
  producers: number;
  products: number;
  images: number;
  certifications: number;
};

type ReferenceLookups = {
  provinceId: number;
  communeIds: Map<string, number>;
  sets: Map<number, { nameVi: string; groupCode: string }>;
};

async function lookups(db: SeedDb): Promise<ReferenceLookups> {
  const province = await db.province.findUnique({ where: { slug: slugify(DEMO_PROVINCE_NAME) }, select: { id: true } });
  if (!province) throw new Error("Reference data is missing (no Phú Thọ province); run loadReferenceData first");
  const communes = await db.commune.findMany({
    where: { provinceId: province.id, slug: { in: DEMO_COMMUNES.map((c) => slugify(c.nameVi)) } },
    select: { id: true, slug: true },
  });
  const bySlug = new Map(communes.map((c) => [c.slug, c.id]));
  const communeIds = new Map<string, number>();
  for (const commune of DEMO_COMMUNES) {
    const id = bySlug.get(slugify(commune.nameVi));
    if (id === undefined) throw new Error(`Demo commune ${commune.nameVi} is missing; run loadReferenceData first`);
    communeIds.set(commune.nameVi, id);
  }
  const sets = await db.productSet.findMany({ select: { id: true, nameVi: true, group: { select: { code: true } } } });
  if (sets.length === 0) throw new Error("Reference data is missing (no product sets); run loadReferenceData first");
  return {
    provinceId: province.id,
    communeIds,
    sets: new Map(sets.map((s) => [s.id, { nameVi: s.nameVi, groupCode: s.group.code }])),
  };
}

/** The first free slug per name, given the slugs already taken (updated in place). */
function claimSlug(name: string, taken: Set<string>): string {
  const base = slugify(name);
  let slug = base;
  for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
  taken.add(slug);
  return slug;
}

export async function seedHoaBinhDemo(
  db: SeedDb,
  options: { today: Date; seed?: number },
): Promise<DemoResult> {
  const { today } = options;
  const seed = options.seed ?? DEMO_SEED;
  if (await isHoaBinhDemoPresent(db)) return { created: false, producers: 0, products: 0, images: 0, certifications: 0 };

  const refs = await lookups(db);
  const planned = planHoaBinhDemo(today, seed);
  const details = demoProducerDetails(seed);
  const random = createRandom(seed).fork("rows");
  const scoreRandom = createRandom(seed).fork("scores");
  const communeOf = (spec: DemoProducerSpec): DemoCommune => {
    const commune = DEMO_COMMUNES.find((c) => c.nameVi === spec.commune);
    if (!commune) throw new Error(`Unknown demo commune ${spec.commune}`);
    return commune;
  };

  // Names that are already taken by other rows keep theirs; the demo gets "-2".
  const producerSlugs = DEMO_PRODUCERS.map((spec) => slugify(spec.legalName));
  const productSlugs = planned.map((product) => slugify(product.spec.nameVi));
  const [takenProducers, takenProducts] = await Promise.all([
    db.producer.findMany({ where: { slug: { in: producerSlugs } }, select: { slug: true } }),
    db.product.findMany({ where: { slug: { in: productSlugs } }, select: { slug: true } }),
  ]);
  const producerSlugSet = new Set(takenProducers.map((row) => row.slug));
  const productSlugSet = new Set(takenProducts.map((row) => row.slug));

  const ids = await maxIds(db);
  const producerRows = DEMO_PRODUCERS.map((spec, index) => {
    const commune = communeOf(spec);
    const district = FORMER_DISTRICTS[spec.district];
    const description = producerDescription(spec, commune);
    const status: ReviewStatus = spec.status ?? "APPROVED";
    return {
      id: ids.Producer + index + 1,
      slug: claimSlug(spec.legalName, producerSlugSet),
      type: spec.type satisfies ProducerType,
      legalName: spec.legalName,
      ...at(details, index),
      registrationDate: new Date(`${spec.registeredOn}T00:00:00Z`),
      legalRepName: spec.rep[0],
      legalRepTitle: spec.rep[1],
      website: spec.website ?? null,
      street: spec.street,
      communeId: refs.communeIds.get(commune.nameVi) ?? null,
      provinceId: refs.provinceId,
      formerDistrict: district.nameVi,
      formerProvince: FORMER_PROVINCE,
      descriptionVi: description.vi,
      descriptionEn: description.en,
      status,
      statusReason: spec.statusReason ?? null,
      searchKey: producerSearchKey({
        legalName: spec.legalName,
        communeName: commune.nameVi,
        provinceName: DEMO_PROVINCE_NAME,
        formerDistrict: district.nameVi,
        formerProvince: FORMER_PROVINCE,
      }),
      isDemo: true,
    };
  });

  const codeRandom = random.fork("codes");
  const usedCodes = new Set<string>();
  const productRows = [];
  const certRows = [];
  let certId = ids.Certification;

  for (const [index, product] of planned.entries()) {
    const producerSpec = at(DEMO_PRODUCERS, product.producerIndex);
    const producer = at(producerRows, product.producerIndex);
    const commune = communeOf(producerSpec);
    const set = refs.sets.get(product.spec.set);
    if (!set) throw new Error(`Unknown product set ${product.spec.set}`);
    const id = ids.Product + index + 1;
    const [packagingVi, packagingEn, unit] = product.spec.pack ?? random.pick(SET_PACKAGING[product.spec.set] ?? [["Hộp", "Box", "hộp"]]);
    const description = productDescription(product.spec, producerSpec, commune);
    const newest = at(product.certs, product.certs.length - 1);
    const published = product.status === "PUBLISHED" || product.status === "ARCHIVED";
    const publishedAt = published ? new Date(Math.min(addDays(newest.signedOn, random.int(7, 45)).getTime(), today.getTime())) : null;

    productRows.push({
      id,
      slug: claimSlug(product.spec.nameVi, productSlugSet),
      nameVi: product.spec.nameVi,
      nameEn: product.spec.nameEn,
      descriptionVi: description.vi,
      descriptionEn: description.en,
      productSetId: product.spec.set,
      producerId: producer.id,
      packagingVi,
      packagingEn: product.spec.nameEn ? packagingEn : null,
      unit,
      status: product.status,
      statusReason: product.statusReason,
      publishedAt,
      ...productNameKeys(product.spec.nameVi),
      searchKey: productSearchKey({
        nameVi: product.spec.nameVi,
        nameEn: product.spec.nameEn,
        producerName: producerSpec.legalName,
        productSetNameVi: set.nameVi,
        communeName: commune.nameVi,
        provinceName: DEMO_PROVINCE_NAME,
        formerDistrict: producer.formerDistrict,
      }),
      isDemo: true,
    });

    for (const cert of product.certs) {
      const level: IssuerLevel = issuerLevelFor(cert.stars, cert.signedOn);
      const issuerName = issuerNameFor(level, cert.signedOn, FORMER_DISTRICTS[producerSpec.district].issuerVi);
      let verificationCode: string;
      do verificationCode = demoVerificationCode(codeRandom);
      while (usedCodes.has(verificationCode));
      usedCodes.add(verificationCode);
      certRows.push({
        id: ++certId,
        productId: id,
        verificationCode,
        stars: cert.stars,
        score: scoreFor(scoreRandom, cert.stars),
        evaluationKind: cert.kind,
        decisionNumber: cert.decisionNumber ?? decisionNumberFor(level, issuerName, cert.signedOn),
        batch: cert.batch,
        signedOn: cert.signedOn,
        issuerLevel: level,
        issuerName,
        validUntil: defaultValidUntil(cert.signedOn),
        revokedOn: cert.revoked?.on ?? null,
        revocationReason: cert.revoked?.reason ?? null,
        revocationDecision: cert.revoked?.decision ?? null,
        isDemo: true,
      });
    }
  }

  await insertInChunks(producerRows, 500, (chunk) => db.producer.createMany({ data: chunk }));
  await insertInChunks(productRows, 500, (chunk) => db.product.createMany({ data: chunk }));
  await insertInChunks(certRows, 1000, (chunk) => db.certification.createMany({ data: chunk }));
  await refreshAllStandings(db, today);
  await refreshCatalogueEntries(db, "all");
  await syncIdSequences(db);

  return {
    created: true,
    producers: producerRows.length,
    products: productRows.length,
    images: 0,
    certifications: certRows.length,
  };
}
