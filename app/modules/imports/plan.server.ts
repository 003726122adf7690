/**
 * What an import would do, row by row, without writing anything: each row is
 * read into the admin form's own schema (producers/forms.ts, products/forms.ts,
 * certifications/forms.ts, with the certification rules), its references are
 * resolved by natural key, and it is compared with the stored record of the
 * same key: create, update (with the changed columns), unchanged, or error
 * (with the column and a translated message key). The same plan, made again
 * inside the apply's transaction, drives the writes (apply.server.ts).
 *
 * Natural keys: a producer is its tax code; a product is its producer's tax
 * code and its slug (a row without a slug matches the producer's product of
 * the same name, so re-importing it creates nothing new); a certificate is
 * its product and its decision number. Existing rows are read a few hundred
 * keys per query.
 */
import type { z } from "zod";
import type { Database, Prisma } from "../../db.server";
import { slugSchema } from "../../lib/query-params.server";
import { mayUseProvince, type Actor } from "../accounts/actor.server";
import { changedFields, type Changes } from "../audit/trail.server";
import { CertificationInputSchema } from "../certifications/forms";
import { CERTIFICATION_INPUT_FIELDS as CERTIFICATION_FIELDS } from "../certifications/service.server";
import { defaultValidUntil } from "../certifications/rules";
import { ProducerCreateSchema, ProducerInputSchema } from "../producers/forms";
import { PRODUCER_INPUT_FIELDS as PRODUCER_FIELDS } from "../producers/service.server";
import { ProductInputSchema } from "../products/forms";
import { PRODUCT_INPUT_FIELDS as PRODUCT_FIELDS } from "../products/service.server";
import { foldText } from "../text/vietnamese.server";
import type { ImportKind } from "./columns";
import type { ParsedFile, ParsedRow } from "./parse.server";
import { enumCodes, enumValue, isoDay, placeKey, taxCodeOf, type EnumName } from "./values";
import { chunks } from "../../lib/batches";

type Reader = Database | Prisma.TransactionClient;

export type RowIssue = { column: string | null; message: string; values?: Record<string, string | number> };

export type RowAction = "create" | "update" | "unchanged" | "error";

export type RowOutcome = {
  row: number;
  action: RowAction;
  /** The natural key as text ("5400123456", "5400123456 / buoi-do", "1032/QĐ-UBND · buoi-do"). */
  key: string;
  label: string;
  /** Changed columns (updates). */
  changed: string[];
  issues: RowIssue[];
};

export type ImportCounts = Record<RowAction, number>;

type ProducerInput = z.output<typeof ProducerInputSchema>;
type ProductInput = z.output<typeof ProductInputSchema>;
type CertificationFields = Omit<z.output<typeof CertificationInputSchema>, "validUntil"> & { validUntil: Date };

export type Places = { provinceName: string; communeName: string | null };

export type ProducerWrite = {
  row: number;
  input: ProducerInput;
  status: "PENDING" | "APPROVED";
  places: Places;
  existing: { id: number; version: number } | null;
  changes: Changes;
};

export type ProducerForProducts = {
  id: number;
  taxCode: string;
  provinceId: number;
  legalName: string;
  formerDistrict: string | null;
  commune: { nameVi: string } | null;
  province: { nameVi: string };
};

export type ProductWrite = {
  row: number;
  input: ProductInput;
  /** The slug the row gives (create), or null to generate one. */
  slug: string | null;
  producer: ProducerForProducts;
  productSetNameVi: string;
  existing: { id: number; version: number; publishedAt: Date | null } | null;
  changes: Changes;
};

export type CertificationWrite = {
  row: number;
  fields: CertificationFields;
  product: { id: number; nameVi: string; provinceId: number };
  existing: { id: number; version: number } | null;
  changes: Changes;
};

export type ImportPlan = {
  kind: ImportKind;
  outcomes: RowOutcome[];
  counts: ImportCounts;
  unknownHeaders: string[];
  producers: ProducerWrite[];
  products: ProductWrite[];
  certifications: CertificationWrite[];
};

/** The column a form field is read from. */
const FIELD_COLUMNS: Record<string, string> = {
  provinceId: "province",
  communeId: "commune",
  productSetId: "product_set",
  producerId: "producer_tax_code",
  productId: "product_slug",
};

export function columnOfField(field: string): string {
  return FIELD_COLUMNS[field] ?? field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}


async function readInBatches<K, R>(keys: K[], read: (batch: K[]) => Promise<R[]>): Promise<R[]> {
  const rows: R[] = [];
  for (const batch of chunks([...new Set(keys)])) rows.push(...(await read(batch)));
  return rows;
}

/** A row being read: its raw input for the schema, and its issues so far. */
class RowReader {
  readonly issues: RowIssue[] = [];
  constructor(readonly parsed: ParsedRow) {}

  has(column: string): boolean {
    return column in this.parsed.cells;
  }

  cell(column: string): string {
    return this.parsed.cells[column] ?? "";
  }

  issue(column: string | null, message: string, values?: RowIssue["values"]) {
    this.issues.push({ column, message, ...(values ? { values } : {}) });
  }

  /** An enum cell as its code; an unknown word is an issue. Empty: undefined. */
  enum(column: string, name: EnumName): string | undefined {
    const cell = this.cell(column);
    if (!cell) return undefined;
    const code = enumValue(name, cell);
    if (!code) this.issue(column, "admin.imports.unknownValue", { value: cell, allowed: enumCodes(name) });
    return code ?? undefined;
  }

  /** Parses `raw` with `schema`; its issues become the row's, by column. */
  parse<S extends z.ZodType>(schema: S, raw: Record<string, unknown>): z.output<S> | null {
    const result = schema.safeParse(raw);
    if (result.success) return result.data;
    for (const issue of result.error.issues) {
      const field = String(issue.path[0] ?? "");
      const params = (issue as { params?: Record<string, string | number> }).params;
      const column = field ? columnOfField(field) : null;
      // A cell already refused (an unknown word or place) is not refused again as missing.
      if (column && this.issues.some((known) => known.column === column)) continue;
      this.issue(column, issue.message, params);
    }
    return null;
  }
}

/** Sets `raw[field]` from the cell when the file has the column (an empty cell clears the field). */
function fromCell(raw: Record<string, unknown>, reader: RowReader, column: string, field: string, read: (cell: string) => unknown = (cell) => cell) {
  if (!reader.has(column)) return;
  const cell = reader.cell(column);
  if (cell === "") delete raw[field];
  else raw[field] = read(cell);
}

/** A stored record as raw input: its non-null fields (what a column missing from the file keeps). */
function rawOf(record: Record<string, unknown> | null, fields: readonly string[]): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  if (!record) return raw;
  for (const field of fields) {
    const value = record[field];
    if (value !== null && value !== undefined) raw[field] = value instanceof Date ? value.toISOString().slice(0, 10) : value;
  }
  return raw;
}

function emptyPlan(kind: ImportKind, file: ParsedFile): ImportPlan {
  return {
    kind,
    outcomes: [],
    counts: { create: 0, update: 0, unchanged: 0, error: 0 },
    unknownHeaders: file.unknownHeaders,
    producers: [],
    products: [],
    certifications: [],
  };
}

function record(plan: ImportPlan, reader: RowReader, key: string, label: string, action: Exclude<RowAction, "error">, changes: Changes = {}) {
  const outcome: RowOutcome = reader.issues.length
    ? { row: reader.parsed.row, action: "error", key, label, changed: [], issues: reader.issues }
    : { row: reader.parsed.row, action, key, label, changed: Object.keys(changes).map(columnOfField), issues: [] };
  plan.outcomes.push(outcome);
  plan.counts[outcome.action] += 1;
  return outcome.action !== "error";
}

/** Rows whose key an earlier row already used: an issue naming that row. */
function duplicateCheck() {
  const firstRow = new Map<string, number>();
  return (reader: RowReader, key: string, column: string) => {
    const first = firstRow.get(key);
    if (first !== undefined) reader.issue(column, "admin.imports.duplicateInFile", { row: first });
    else firstRow.set(key, reader.parsed.row);
  };
}

// ---------- Places ----------

type PlaceIndex = {
  province: (cell: string) => { id: number; nameVi: string } | null;
  commune: (provinceId: number, cell: string) => { id: number; nameVi: string } | null;
};

async function placeIndex(db: Reader, provinceCells: string[]): Promise<PlaceIndex> {
  const provinces = await db.province.findMany({ select: { id: true, code: true, slug: true, nameVi: true, nameEn: true } });
  const provinceBy = new Map<string, (typeof provinces)[number]>();
  for (const province of provinces) {
    for (const name of [province.slug, province.code, placeKey(province.nameVi), placeKey(province.nameEn)]) if (name) provinceBy.set(name, province);
  }
  const province = (cell: string) => provinceBy.get(cell) ?? provinceBy.get(placeKey(cell)) ?? null;
  const provinceIds = [...new Set(provinceCells.map((cell) => province(cell)?.id).filter((id): id is number => id !== undefined))];
  const communes = provinceIds.length
    ? await db.commune.findMany({ where: { provinceId: { in: provinceIds } }, select: { id: true, code: true, slug: true, nameVi: true, provinceId: true } })
    : [];
  const communeBy = new Map<string, (typeof communes)[number]>();
  for (const commune of communes) {
    for (const name of [commune.slug, commune.code, placeKey(commune.nameVi)]) if (name) communeBy.set(`${commune.provinceId}|${name}`, commune);
  }
  return {
    province,
    commune: (provinceId, cell) => communeBy.get(`${provinceId}|${cell}`) ?? communeBy.get(`${provinceId}|${placeKey(cell)}`) ?? null,
  };
}

// ---------- Producers ----------

const producerSelect = {
  ...(Object.fromEntries(PRODUCER_FIELDS.map((field) => [field, true])) as Record<(typeof PRODUCER_FIELDS)[number], true>),
  id: true,
  version: true,
  province: { select: { nameVi: true } },
  commune: { select: { nameVi: true } },
} as const;

const PRODUCER_TEXT_COLUMNS: Array<[string, string]> = [
  ["legal_name", "legalName"],
  ["street", "street"],
  ["registration_number", "registrationNumber"],
  ["legal_rep_name", "legalRepName"],
  ["legal_rep_title", "legalRepTitle"],
  ["phone", "phone"],
  ["zalo", "zalo"],
  ["email", "email"],
  ["website", "website"],
  ["former_district", "formerDistrict"],
  ["former_province", "formerProvince"],
  ["description_vi", "descriptionVi"],
  ["description_en", "descriptionEn"],
];

async function planProducers(db: Reader, actor: Actor, file: ParsedFile): Promise<ImportPlan> {
  const plan = emptyPlan("producers", file);
  const places = await placeIndex(db, file.rows.map((row) => row.cells.province ?? ""));
  const taxCodes = file.rows.map((row) => taxCodeOf(row.cells.tax_code ?? "")).filter(Boolean);
  const existing = await readInBatches(taxCodes, (batch) => db.producer.findMany({ where: { taxCode: { in: batch } }, select: producerSelect }));
  const byTaxCode = new Map(existing.map((producer) => [producer.taxCode, producer]));
  const seen = duplicateCheck();

  for (const parsed of file.rows) {
    const reader = new RowReader(parsed);
    const taxCode = taxCodeOf(reader.cell("tax_code"));
    const before = byTaxCode.get(taxCode) ?? null;
    if (taxCode) seen(reader, taxCode, "tax_code");
    if (before && !mayUseProvince(actor, before.provinceId)) reader.issue("tax_code", "forms.outsideYourProvince");

    const raw = rawOf(before, PRODUCER_FIELDS);
    raw.taxCode = taxCode || undefined;
    for (const [column, field] of PRODUCER_TEXT_COLUMNS) fromCell(raw, reader, column, field);
    const type = reader.enum("type", "type");
    if (type) raw.type = type;
    else if (reader.has("type") && !reader.cell("type")) delete raw.type;

    let provinceName = "";
    if (reader.cell("province")) {
      const province = places.province(reader.cell("province"));
      if (!province) reader.issue("province", "forms.unknownProvince");
      else {
        raw.provinceId = province.id;
        provinceName = province.nameVi;
        if (!mayUseProvince(actor, province.id)) reader.issue("province", "forms.outsideYourProvince");
      }
    } else delete raw.provinceId;

    let communeName: string | null = null;
    if (reader.has("commune")) {
      delete raw.communeId;
      const cell = reader.cell("commune");
      if (cell && typeof raw.provinceId === "number") {
        const commune = places.commune(raw.provinceId, cell);
        if (!commune) reader.issue("commune", "forms.communeNotInProvince");
        else {
          raw.communeId = commune.id;
          communeName = commune.nameVi;
        }
      }
    }

    let status: "PENDING" | "APPROVED" = "PENDING";
    if (!before) {
      const code = reader.enum("status", "producerStatus");
      const parsedStatus = reader.parse(ProducerCreateSchema.pick({ status: true }), code ? { status: code } : {});
      if (parsedStatus) status = parsedStatus.status;
    }
    const input = reader.parse(ProducerInputSchema, raw);
    const label = input?.legalName ?? reader.cell("legal_name");
    if (!input) {
      record(plan, reader, taxCode, label, "create");
      continue;
    }
    const fields = { ...input, communeId: input.communeId ?? null };
    const changes = changedFields(before, fields, PRODUCER_FIELDS);
    const action = !before ? "create" : Object.keys(changes).length ? "update" : "unchanged";
    if (!record(plan, reader, taxCode, label, action, before ? changes : {}) || action === "unchanged") continue;
    // A commune or province typed in the row and resolved above, or kept from the stored record.
    if (input.communeId !== undefined && communeName === null && before?.communeId === input.communeId) communeName = before.commune?.nameVi ?? null;
    if (!provinceName && before?.provinceId === input.provinceId) provinceName = before.province.nameVi;
    plan.producers.push({
      row: parsed.row,
      input,
      status,
      places: { provinceName, communeName },
      existing: before ? { id: before.id, version: before.version } : null,
      changes: before ? changes : changedFields(null, { ...fields, status }, [...PRODUCER_FIELDS, "status"]),
    });
  }
  return plan;
}

// ---------- Products ----------

const producerForProductsSelect = {
  id: true,
  taxCode: true,
  provinceId: true,
  legalName: true,
  formerDistrict: true,
  commune: { select: { nameVi: true } },
  province: { select: { nameVi: true } },
} as const;

async function producersByTaxCode(db: Reader, actor: Actor, cells: string[]) {
  const producers = await readInBatches(cells.map(taxCodeOf).filter(Boolean), (batch) =>
    db.producer.findMany({ where: { taxCode: { in: batch } }, select: producerForProductsSelect }),
  );
  const byTaxCode = new Map(producers.map((producer) => [producer.taxCode, producer]));
  /** The producer a row names, or an issue on its column. */
  return (reader: RowReader, column: string): ProducerForProducts | null => {
    const taxCode = taxCodeOf(reader.cell(column));
    if (!taxCode) {
      reader.issue(column, "forms.required");
      return null;
    }
    const producer = byTaxCode.get(taxCode);
    if (!producer) reader.issue(column, "forms.unknownProducer");
    else if (!mayUseProvince(actor, producer.provinceId)) reader.issue(column, "forms.outsideYourProvince");
    else return producer;
    return null;
  };
}

const productSelect = {
  ...(Object.fromEntries(PRODUCT_FIELDS.map((field) => [field, true])) as Record<(typeof PRODUCT_FIELDS)[number], true>),
  id: true,
  slug: true,
  version: true,
  publishedAt: true,
  nameFolded: true,
} as const;

const PRODUCT_TEXT_COLUMNS: Array<[string, string]> = [
  ["name_vi", "nameVi"],
  ["name_en", "nameEn"],
  ["packaging_vi", "packagingVi"],
  ["packaging_en", "packagingEn"],
  ["unit", "unit"],
  ["description_vi", "descriptionVi"],
  ["description_en", "descriptionEn"],
  ["product_set", "productSetId"],
];

async function planProducts(db: Reader, actor: Actor, file: ParsedFile): Promise<ImportPlan> {
  const plan = emptyPlan("products", file);
  const producerOf = await producersByTaxCode(db, actor, file.rows.map((row) => row.cells.producer_tax_code ?? ""));
  const productSets = new Map((await db.productSet.findMany({ select: { id: true, nameVi: true } })).map((set) => [set.id, set.nameVi]));
  const slugs = file.rows.map((row) => row.cells.slug ?? "").filter(Boolean);
  const bySlug = new Map(
    (await readInBatches(slugs, (batch) => db.product.findMany({ where: { slug: { in: batch } }, select: productSelect }))).map((product) => [product.slug, product]),
  );
  // Rows without a slug match their producer's product of the same name.
  const unnamed = file.rows.filter((row) => !row.cells.slug && row.cells.name_vi);
  const byName = new Map<string, Array<(typeof bySlug extends Map<string, infer P> ? P : never)>>();
  for (const product of await readInBatches(
    unnamed.map((row) => foldText(row.cells.name_vi!)),
    (batch) => db.product.findMany({ where: { nameFolded: { in: batch } }, select: productSelect }),
  )) {
    const key = `${product.producerId}|${product.nameFolded}`;
    byName.set(key, [...(byName.get(key) ?? []), product]);
  }
  const seen = duplicateCheck();

  for (const parsed of file.rows) {
    const reader = new RowReader(parsed);
    const producer = producerOf(reader, "producer_tax_code");
    const slugCell = reader.cell("slug");
    if (slugCell && !slugSchema.safeParse(slugCell).success) reader.issue("slug", "admin.imports.badSlug");
    let before = slugCell ? (bySlug.get(slugCell) ?? null) : null;
    if (before && producer && before.producerId !== producer.id) {
      reader.issue("slug", "admin.imports.slugOfAnotherProducer");
      before = null;
    }
    if (!slugCell && producer && reader.cell("name_vi")) {
      const matches = byName.get(`${producer.id}|${foldText(reader.cell("name_vi"))}`) ?? [];
      if (matches.length > 1) reader.issue("name_vi", "admin.imports.ambiguousName");
      before = matches.length === 1 ? matches[0]! : null;
    }
    // Slugs are unique across producers; a row without one is known by its producer and name.
    if (slugCell || before) seen(reader, `slug|${slugCell || before!.slug}`, slugCell ? "slug" : "name_vi");
    else if (producer) seen(reader, `name|${producer.id}|${foldText(reader.cell("name_vi"))}`, "name_vi");

    const raw = rawOf(before, PRODUCT_FIELDS);
    if (producer) raw.producerId = producer.id;
    for (const [column, field] of PRODUCT_TEXT_COLUMNS) fromCell(raw, reader, column, field);
    const status = reader.enum("status", "productStatus");
    if (status) raw.status = status;
    else if (reader.has("status") && !reader.cell("status")) delete raw.status;

    const input = reader.parse(ProductInputSchema, raw);
    const key = `${taxCodeOf(reader.cell("producer_tax_code"))} / ${slugCell || before?.slug || "—"}`;
    const label = input?.nameVi ?? reader.cell("name_vi");
    if (!input || !producer) {
      if (!reader.issues.length) reader.issue("producer_tax_code", "forms.unknownProducer");
      record(plan, reader, key, label, "create");
      continue;
    }
    const productSetNameVi = productSets.get(input.productSetId);
    if (!productSetNameVi) reader.issue("product_set", "forms.unknownProductSet");
    const changes = changedFields(before, input, PRODUCT_FIELDS);
    const action = !before ? "create" : Object.keys(changes).length ? "update" : "unchanged";
    if (!record(plan, reader, key, label, action, before ? changes : {}) || action === "unchanged") continue;
    plan.products.push({
      row: parsed.row,
      input,
      slug: before ? before.slug : slugCell || null,
      producer,
      productSetNameVi: productSetNameVi!,
      existing: before ? { id: before.id, version: before.version, publishedAt: before.publishedAt } : null,
      changes: before ? changes : changedFields(null, input, PRODUCT_FIELDS),
    });
  }
  // A slug two new rows both give, or one a new row gives that is already used elsewhere, is caught above.
  return plan;
}

// ---------- Certifications ----------

const certificationSelect = {
  ...(Object.fromEntries(CERTIFICATION_FIELDS.map((field) => [field, true])) as Record<(typeof CERTIFICATION_FIELDS)[number], true>),
  id: true,
  version: true,
} as const;

const CERTIFICATION_COLUMNS: Array<[string, string, ((cell: string) => unknown)?]> = [
  ["decision_number", "decisionNumber"],
  ["stars", "stars"],
  ["score", "score"],
  ["signed_on", "signedOn", isoDay],
  ["valid_until", "validUntil", isoDay],
  ["issuer_name", "issuerName"],
  ["batch", "batch"],
];

async function planCertifications(db: Reader, actor: Actor, file: ParsedFile, today: Date): Promise<ImportPlan> {
  const plan = emptyPlan("certifications", file);
  const producerOf = await producersByTaxCode(db, actor, file.rows.map((row) => row.cells.producer_tax_code ?? ""));
  const products = await readInBatches(
    file.rows.map((row) => row.cells.product_slug ?? "").filter(Boolean),
    (batch) => db.product.findMany({ where: { slug: { in: batch } }, select: { id: true, slug: true, nameVi: true, producerId: true } }),
  );
  const productBySlug = new Map(products.map((product) => [product.slug, product]));
  const existing = await readInBatches(
    products.map((product) => product.id),
    (batch) => db.certification.findMany({ where: { productId: { in: batch } }, select: certificationSelect }),
  );
  const byKey = new Map(existing.map((cert) => [`${cert.productId}|${cert.decisionNumber}`, cert]));
  const seen = duplicateCheck();

  for (const parsed of file.rows) {
    const reader = new RowReader(parsed);
    const producer = producerOf(reader, "producer_tax_code");
    const slug = reader.cell("product_slug");
    const product = slug ? productBySlug.get(slug) : undefined;
    if (!slug) reader.issue("product_slug", "forms.required");
    else if (producer && (!product || product.producerId !== producer.id)) reader.issue("product_slug", "forms.productNotFound");

    const raw: Record<string, unknown> = { productId: product?.id };
    for (const [column, field, read] of CERTIFICATION_COLUMNS) fromCell(raw, reader, column, field, read);
    for (const [column, field, name] of [
      ["issuer_level", "issuerLevel", "issuerLevel"],
      ["evaluation_kind", "evaluationKind", "evaluationKind"],
    ] as const) {
      const code = reader.enum(column, name);
      if (code) raw[field] = code;
    }
    const parsedInput = reader.parse(CertificationInputSchema, raw);
    const decision = parsedInput?.decisionNumber ?? reader.cell("decision_number");
    const key = `${decision} · ${slug}`;
    const label = product ? `${decision} · ${product.nameVi}` : decision;
    if (product && decision) seen(reader, `${product.id}|${decision}`, "decision_number");
    if (parsedInput && parsedInput.signedOn.getTime() > today.getTime()) reader.issue("signed_on", "forms.signedInFuture");
    if (!parsedInput || !product || !producer) {
      record(plan, reader, key, label, "create");
      continue;
    }
    const fields: CertificationFields = { ...parsedInput, validUntil: parsedInput.validUntil ?? defaultValidUntil(parsedInput.signedOn) };
    const before = byKey.get(`${product.id}|${fields.decisionNumber}`) ?? null;
    const changes = changedFields(before, fields, CERTIFICATION_FIELDS);
    const action = !before ? "create" : Object.keys(changes).length ? "update" : "unchanged";
    if (!record(plan, reader, key, label, action, before ? changes : {}) || action === "unchanged") continue;
    plan.certifications.push({
      row: parsed.row,
      fields,
      product: { id: product.id, nameVi: product.nameVi, provinceId: producer.provinceId },
      existing: before ? { id: before.id, version: before.version } : null,
      changes: before ? changes : changedFields(null, fields, CERTIFICATION_FIELDS),
    });
  }
  return plan;
}

/** The plan for a parsed file, as `actor` on `today`; reads only. */
export function planImport(db: Reader, actor: Actor, file: ParsedFile, today: Date): Promise<ImportPlan> {
  if (file.kind === "producers") return planProducers(db, actor, file);
  if (file.kind === "products") return planProducts(db, actor, file);
  return planCertifications(db, actor, file, today);
}

/** The plan's outcome without the write data, for a page or a test. */
export function planSummary(plan: ImportPlan) {
  return { kind: plan.kind, counts: plan.counts, outcomes: plan.outcomes, unknownHeaders: plan.unknownHeaders };
}

export type ImportSummary = ReturnType<typeof planSummary>;
