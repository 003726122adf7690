/**
 * The admin lists' current filter as CSV, every page of it, in the import
 * template's columns (columns.ts), so a file can be exported, edited in a
 * spreadsheet and imported again. UTF-8 with a BOM for Excel, streamed a
 * few hundred records at a time, and text that a spreadsheet would run as a
 * formula made inert the same way as the audit export (the import removes
 * the apostrophe again).
 */
import { stringify } from "csv-stringify/sync";
import type { Database } from "../../db.server";
import { formatDate } from "../../lib/dates";
import type { Actor } from "../accounts/actor.server";
import { inert } from "../audit/csv.server";
import { certificationIdsForExport, type CertificationListQuery } from "../certifications/admin-list.server";
import { producerIdsForExport, type AdminProducerQuery } from "../producers/admin-list.server";
import { productIdsForExport, type AdminProductQuery } from "../products/admin-list.server";
import { COLUMNS, headerRow, type ImportKind } from "./columns";

export type ExportQuery = { producers: AdminProducerQuery; products: AdminProductQuery; certifications: CertificationListQuery };

type Cells = Record<string, string | number | Date | null | undefined>;

function line(kind: ImportKind, cells: Cells): string[] {
  return COLUMNS[kind].map(({ key }) => {
    const value = cells[key];
    if (value === null || value === undefined) return "";
    if (value instanceof Date) return formatDate(value);
    return typeof value === "number" ? String(value) : inert(value);
  });
}

async function producerRows(db: Database, ids: number[]): Promise<Cells[]> {
  const producers = await db.producer.findMany({
    where: { id: { in: ids } },
    orderBy: { id: "asc" },
    include: { province: { select: { nameVi: true } }, commune: { select: { nameVi: true } } },
  });
  return producers.map((producer) => ({
    tax_code: producer.taxCode,
    legal_name: producer.legalName,
    type: producer.type,
    province: producer.province.nameVi,
    commune: producer.commune?.nameVi,
    street: producer.street,
    registration_number: producer.registrationNumber,
    legal_rep_name: producer.legalRepName,
    legal_rep_title: producer.legalRepTitle,
    phone: producer.phone,
    zalo: producer.zalo,
    email: producer.email,
    website: producer.website,
    former_district: producer.formerDistrict,
    former_province: producer.formerProvince,
    description_vi: producer.descriptionVi,
    description_en: producer.descriptionEn,
    status: producer.status,
  }));
}

async function productRows(db: Database, ids: number[]): Promise<Cells[]> {
  const products = await db.product.findMany({
    where: { id: { in: ids } },
    orderBy: { id: "asc" },
    select: {
      slug: true,
      nameVi: true,
      nameEn: true,
      productSetId: true,
      status: true,
      packagingVi: true,
      packagingEn: true,
      unit: true,
      descriptionVi: true,
      descriptionEn: true,
      producer: { select: { taxCode: true } },
    },
  });
  return products.map((product) => ({
    producer_tax_code: product.producer.taxCode,
    slug: product.slug,
    name_vi: product.nameVi,
    name_en: product.nameEn,
    product_set: product.productSetId,
    status: product.status,
    packaging_vi: product.packagingVi,
    packaging_en: product.packagingEn,
    unit: product.unit,
    description_vi: product.descriptionVi,
    description_en: product.descriptionEn,
  }));
}

async function certificationRows(db: Database, ids: number[]): Promise<Cells[]> {
  const certifications = await db.certification.findMany({
    where: { id: { in: ids } },
    orderBy: { id: "asc" },
    include: { product: { select: { slug: true, producer: { select: { taxCode: true } } } } },
  });
  return certifications.map((cert) => ({
    producer_tax_code: cert.product.producer.taxCode,
    product_slug: cert.product.slug,
    decision_number: cert.decisionNumber,
    stars: cert.stars,
    score: cert.score,
    signed_on: cert.signedOn,
    valid_until: cert.validUntil,
    issuer_level: cert.issuerLevel,
    issuer_name: cert.issuerName,
    evaluation_kind: cert.evaluationKind,
    batch: cert.batch,
  }));
}

function idBatches<K extends ImportKind>(db: Database, actor: Actor, kind: K, query: ExportQuery[K], today: Date): AsyncGenerator<number[]> {
  if (kind === "producers") return producerIdsForExport(db, actor, query as AdminProducerQuery);
  if (kind === "products") return productIdsForExport(db, actor, query as AdminProductQuery, today);
  return certificationIdsForExport(db, actor, query as CertificationListQuery, today);
}

const ROWS: Record<ImportKind, (db: Database, ids: number[]) => Promise<Cells[]>> = {
  producers: producerRows,
  products: productRows,
  certifications: certificationRows,
};

/** The export as batches of CSV text: the header (with the BOM) first. */
async function* csvChunks<K extends ImportKind>(db: Database, actor: Actor, kind: K, query: ExportQuery[K], language: "vi" | "en", today: Date): AsyncGenerator<string> {
  yield "\uFEFF" + stringify([headerRow(kind, language)]);
  for await (const ids of idBatches(db, actor, kind, query, today)) {
    const rows = await ROWS[kind](db, ids);
    yield stringify(rows.map((cells) => line(kind, cells)));
  }
}

/** The export streamed to the browser. */
function exportCsvStream<K extends ImportKind>(db: Database, actor: Actor, kind: K, query: ExportQuery[K], language: "vi" | "en", today: Date): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const chunks = csvChunks(db, actor, kind, query, language, today);
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
}

/** A CSV download that no cache keeps (the admin exports and the templates). */
export function csvDownload(body: BodyInit, fileName: string): Response {
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "Cache-Control": "private, no-store",
    },
  });
}

/** The export as a download named after the kind and the day. */
export function exportCsvResponse<K extends ImportKind>(db: Database, actor: Actor, kind: K, query: ExportQuery[K], language: "vi" | "en", today: Date): Response {
  return csvDownload(exportCsvStream(db, actor, kind, query, language, today), `ocop-${kind}-${formatDate(today)}.csv`);
}

/** The whole export as one string (tests, small exports). */
export async function exportCsv<K extends ImportKind>(db: Database, actor: Actor, kind: K, query: ExportQuery[K], language: "vi" | "en", today: Date): Promise<string> {
  let text = "";
  for await (const chunk of csvChunks(db, actor, kind, query, language, today)) text += chunk;
  return text;
}

/** The template: the header and one example row, in `language`. */
export function templateCsv(kind: ImportKind, example: Record<string, string>, language: "vi" | "en"): string {
  return "\uFEFF" + stringify([headerRow(kind, language), COLUMNS[kind].map(({ key }) => example[key] ?? "")]);
}
