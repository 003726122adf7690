/**
 * Applying an import: the plan is made again inside one transaction (what
 * was checked is what is written, even if the records changed since the dry
 * run), then every create and update is written a few hundred rows per
 * statement, with one audit row per record and one for the import, the
 * products' standing certificates and catalogue entries refreshed set-wise,
 * and the catalogue's change signal bumped (writeCatalogue). Any error rolls
 * everything back: all rows or none. A file with nothing to change writes
 * nothing at all (no audit row, no version bump: its read-only transaction rolls back).
 */
import { providerOfDatabase, type Database } from "../../db.server";
import { Prisma } from "../../generated/sqlite/client";
import { DomainError } from "../../lib/errors.server";
import type { Actor } from "../accounts/actor.server";
import type { Changes } from "../audit/trail.server";
import { newVerificationCode } from "../certifications/service.server";
import { standingCertificationIdSql } from "../catalogue/visibility.server";
import { writeCatalogue } from "../catalogue/changes.server";
import { refreshCatalogueEntries } from "../catalogue/entries.server";
import { invalidateCatalogueReads } from "../catalogue/read-cache.server";
import { producerSearchKey, productNameKeys, productSearchKey } from "../catalogue/search-keys.server";
import { slugify } from "../text/vietnamese.server";
import { insertRows, type InsertColumn } from "./bulk.server";
import type { ImportKind } from "./columns";
import type { ParsedFile } from "./parse.server";
import { planImport, planSummary, type ImportPlan, type ImportSummary } from "./plan.server";
import { chunks } from "../../lib/batches";

type Transaction = Prisma.TransactionClient;

/** Rows per INSERT and per progress step. */
const WRITE_BATCH = 250;
/** The transaction may run this long (Prisma's default is 5 s). */
const TRANSACTION_TIMEOUT_MS = 10 * 60 * 1000;

const ENTITY: Record<ImportKind, "producer" | "product" | "certification"> = {
  producers: "producer",
  products: "product",
  certifications: "certification",
};

export type ImportProgress = (done: number, total: number) => void;

export type ImportOutcome =
  | { status: "invalid"; summary: ImportSummary }
  | { status: "unchanged"; summary: ImportSummary }
  | { status: "applied"; summary: ImportSummary; importAuditId: number };

/** Nothing is written: a row has errors, or nothing changes (the transaction rolls back having written nothing). */
class ImportRefused extends Error {
  constructor(
    readonly status: "invalid" | "unchanged",
    readonly summary: ImportSummary,
  ) {
    super(`Nothing to write: ${status}`);
  }
}

type AuditRow = Prisma.AuditEventCreateManyInput;

function auditRow(actor: Actor, row: { action: string; entityType: string; entityId: number | null; entityLabel: string; provinceId: number | null; changes: Changes }): AuditRow {
  return {
    actorId: actor.userId,
    actorEmail: actor.email,
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    entityLabel: row.entityLabel,
    provinceId: row.provinceId,
    changes: Object.keys(row.changes).length ? JSON.stringify(row.changes) : null,
    ip: actor.ip,
    requestId: actor.requestId,
  };
}

const AUDIT_COLUMNS: InsertColumn[] = ["at", "actorId", "actorEmail", "action", "entityType", "entityId", "entityLabel", "provinceId", "changes", "ip", "requestId"].map((name) => ({ name }));

async function writeAudit(tx: Transaction, provider: Provider, rows: AuditRow[]) {
  const at = new Date();
  for (const batch of chunks(rows, WRITE_BATCH)) {
    await insertRows(
      tx,
      provider,
      "AuditEvent",
      AUDIT_COLUMNS,
      batch.map((row) => [at, row.actorId ?? null, row.actorEmail ?? null, row.action, row.entityType, row.entityId ?? null, row.entityLabel ?? null, row.provinceId ?? null, row.changes ?? null, row.ip ?? null, row.requestId ?? null]),
      ["id"],
    );
  }
}

type Provider = "sqlite" | "postgresql";

/**
 * Free slugs for `names`, as the services choose them (slugify, then "-2",
 * "-3", …), read from the table in a few queries instead of one per name.
 */
async function freeSlugs(names: string[], taken: Set<string>, existing: (candidates: string[]) => Promise<string[]>): Promise<string[]> {
  const bases = names.map((name) => slugify(name));
  const checked = new Set<string>();
  const read = async (candidates: string[]) => {
    const fresh = [...new Set(candidates)].filter((candidate) => !checked.has(candidate));
    for (const candidate of fresh) checked.add(candidate);
    for (const batch of chunks(fresh)) for (const slug of await existing(batch)) taken.add(slug);
  };
  // Most names are new: read the plain slugs, then the numbered ones only for those already taken.
  await read(bases);
  const uses = new Map<string, number>();
  for (const base of bases) uses.set(base, (uses.get(base) ?? 0) + 1);
  await read([...uses].filter(([base, count]) => taken.has(base) || count > 1).flatMap(([base]) => Array.from({ length: 8 }, (_, n) => `${base}-${n + 2}`)));
  const chosen: string[] = [];
  for (const base of bases) {
    let slug = base;
    for (let n = 2; ; n++) {
      // A candidate not read above (past -9, or another name's numbered slug) is asked about on its own.
      await read([slug]);
      if (!taken.has(slug)) break;
      slug = `${base}-${n}`;
    }
    taken.add(slug);
    chosen.push(slug);
  }
  return chosen;
}

class Writer {
  done = 0;
  readonly audit: AuditRow[] = [];
  readonly now = new Date();
  constructor(
    readonly tx: Transaction,
    readonly provider: Provider,
    readonly actor: Actor,
    readonly total: number,
    readonly onProgress: ImportProgress,
  ) {}

  /**
   * Counts a written batch and lets the server answer other requests (the
   * progress poll among them): with SQLite every query resolves at once, so
   * without this the whole import would run as one unbroken chain of promises.
   */
  async step(rows: number) {
    this.done += rows;
    this.onProgress(this.done, this.total);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }

  /** Flushes the audit rows gathered so far (they are written with the rows, not at the end). */
  async flushAudit() {
    await writeAudit(this.tx, this.provider, this.audit.splice(0));
  }
}

/**
 * An update matched no row at the version read in this transaction: another
 * writer changed the record meanwhile (PostgreSQL reads committed rows).
 * The whole import rolls back rather than overwrite it.
 */
function staleRow(entity: string, id: number): DomainError {
  return new DomainError(`The ${entity} ${id} changed during the import; nothing was imported`, 409);
}

const columns = (...names: string[]): InsertColumn[] =>
  names.map((name) => {
    const [column, enumType] = name.split(":");
    return enumType ? { name: column!, enumType } : { name: column! };
  });

const PRODUCER_COLUMNS = columns(
  "slug", "type:ProducerType", "legalName", "taxCode", "registrationNumber", "legalRepName", "legalRepTitle", "phone", "zalo", "email", "website",
  "street", "communeId", "provinceId", "formerDistrict", "formerProvince", "descriptionVi", "descriptionEn", "status:ReviewStatus", "searchKey",
  "createdAt", "updatedAt",
);

const PRODUCT_COLUMNS = columns(
  "slug", "nameVi", "nameEn", "descriptionVi", "descriptionEn", "productSetId", "producerId", "packagingVi", "packagingEn", "unit",
  "status:PublicationStatus", "publishedAt", "searchKey", "nameLower", "nameFolded", "createdAt", "updatedAt",
);

const CERTIFICATION_COLUMNS = columns(
  "productId", "verificationCode", "stars", "score", "evaluationKind:EvaluationKind", "decisionNumber", "batch", "signedOn",
  "issuerLevel:IssuerLevel", "issuerName", "validUntil", "createdAt", "updatedAt",
);

// ---------- Producers ----------

async function writeProducers(w: Writer, plan: ImportPlan) {
  const { tx, actor } = w;
  const creates = plan.producers.filter((write) => !write.existing);
  const slugs = await freeSlugs(
    creates.map((write) => write.input.legalName),
    new Set(),
    async (candidates) => (await tx.producer.findMany({ where: { slug: { in: candidates } }, select: { slug: true } })).map((row) => row.slug),
  );
  for (const [batchIndex, batch] of chunks(creates, WRITE_BATCH).entries()) {
    const created = await insertRows(
      tx,
      w.provider,
      "Producer",
      PRODUCER_COLUMNS,
      batch.map((write, index) => {
        const input = write.input;
        return [
          slugs[batchIndex * WRITE_BATCH + index]!,
          input.type,
          input.legalName,
          input.taxCode,
          input.registrationNumber,
          input.legalRepName,
          input.legalRepTitle,
          input.phone,
          input.zalo,
          input.email,
          input.website,
          input.street,
          input.communeId ?? null,
          input.provinceId,
          input.formerDistrict,
          input.formerProvince,
          input.descriptionVi,
          input.descriptionEn,
          write.status,
          producerSearchKey({ ...input, ...write.places }),
          w.now,
          w.now,
        ];
      }),
      ["id", "taxCode"],
    );
    const idOf = new Map(created.map((row) => [String(row.taxCode), Number(row.id)]));
    for (const write of batch) {
      w.audit.push(
        auditRow(actor, {
          action: "create",
          entityType: "producer",
          entityId: idOf.get(write.input.taxCode) ?? null,
          entityLabel: write.input.legalName,
          provinceId: write.input.provinceId,
          changes: write.changes,
        }),
      );
    }
    await w.flushAudit();
    await w.step(batch.length);
  }

  const updates = plan.producers.filter((write) => write.existing);
  for (const batch of chunks(updates, WRITE_BATCH)) {
    for (const write of batch) {
      const { id, version } = write.existing!;
      const { count } = await tx.producer.updateMany({
        where: { id, version },
        data: {
          ...write.input,
          communeId: write.input.communeId ?? null,
          searchKey: producerSearchKey({ ...write.input, ...write.places }),
          version: { increment: 1 },
        },
      });
      if (count === 0) throw staleRow("producer", id);
      w.audit.push(
        auditRow(actor, { action: "update", entityType: "producer", entityId: id, entityLabel: write.input.legalName, provinceId: write.input.provinceId, changes: write.changes }),
      );
    }
    await w.flushAudit();
    await w.step(batch.length);
  }

  // Product search keys carry the producer's name and places; catalogue entries its province and commune.
  const producerIds = updates.map((write) => write.existing!.id);
  for (const batch of chunks(producerIds)) {
    const products = await tx.product.findMany({
      where: { producerId: { in: batch } },
      select: {
        id: true,
        nameVi: true,
        nameEn: true,
        searchKey: true,
        productSet: { select: { nameVi: true } },
        producer: { select: { legalName: true, formerDistrict: true, commune: { select: { nameVi: true } }, province: { select: { nameVi: true } } } },
      },
    });
    for (const product of products) {
      const searchKey = productSearchKey({
        nameVi: product.nameVi,
        nameEn: product.nameEn,
        producerName: product.producer.legalName,
        productSetNameVi: product.productSet.nameVi,
        communeName: product.producer.commune?.nameVi,
        provinceName: product.producer.province.nameVi,
        formerDistrict: product.producer.formerDistrict,
      });
      if (searchKey !== product.searchKey) await tx.product.update({ where: { id: product.id }, data: { searchKey } });
    }
    for (const ids of chunks(products.map((product) => product.id))) await refreshCatalogueEntries(tx, { productIds: ids });
  }
}

// ---------- Products ----------

async function writeProducts(w: Writer, plan: ImportPlan) {
  const { tx, actor, now } = w;
  const creates = plan.products.filter((write) => !write.existing);
  const given = new Set(creates.flatMap((write) => (write.slug ? [write.slug] : [])));
  const unnamed = creates.filter((write) => !write.slug);
  const generated = await freeSlugs(
    unnamed.map((write) => write.input.nameVi),
    new Set(given),
    async (candidates) => (await tx.product.findMany({ where: { slug: { in: candidates } }, select: { slug: true } })).map((row) => row.slug),
  );
  unnamed.forEach((write, index) => (write.slug = generated[index]!));
  const searchKeyOf = (write: (typeof creates)[number]) =>
    productSearchKey({
      nameVi: write.input.nameVi,
      nameEn: write.input.nameEn,
      producerName: write.producer.legalName,
      productSetNameVi: write.productSetNameVi,
      communeName: write.producer.commune?.nameVi,
      provinceName: write.producer.province.nameVi,
      formerDistrict: write.producer.formerDistrict,
    });
  const touched: number[] = [];

  for (const batch of chunks(creates, WRITE_BATCH)) {
    const created = await insertRows(
      tx,
      w.provider,
      "Product",
      PRODUCT_COLUMNS,
      batch.map((write) => {
        const input = write.input;
        const keys = productNameKeys(input.nameVi);
        return [
          write.slug!,
          input.nameVi,
          input.nameEn,
          input.descriptionVi,
          input.descriptionEn,
          input.productSetId,
          input.producerId,
          input.packagingVi,
          input.packagingEn,
          input.unit,
          input.status,
          input.status === "PUBLISHED" ? now : null,
          searchKeyOf(write),
          keys.nameLower,
          keys.nameFolded,
          now,
          now,
        ];
      }),
      ["id", "slug"],
    );
    const idOf = new Map(created.map((row) => [String(row.slug), Number(row.id)]));
    for (const write of batch) {
      const id = idOf.get(write.slug!) ?? null;
      if (id !== null) touched.push(id);
      w.audit.push(auditRow(actor, { action: "create", entityType: "product", entityId: id, entityLabel: write.input.nameVi, provinceId: write.producer.provinceId, changes: write.changes }));
    }
    await w.flushAudit();
    await w.step(batch.length);
  }

  for (const batch of chunks(plan.products.filter((write) => write.existing), WRITE_BATCH)) {
    for (const write of batch) {
      const { id, version, publishedAt } = write.existing!;
      const { count } = await tx.product.updateMany({
        where: { id, version },
        data: {
          ...write.input,
          publishedAt: write.input.status === "PUBLISHED" ? (publishedAt ?? now) : publishedAt,
          searchKey: searchKeyOf(write),
          ...productNameKeys(write.input.nameVi),
          version: { increment: 1 },
        },
      });
      if (count === 0) throw staleRow("product", id);
      touched.push(id);
      w.audit.push(auditRow(actor, { action: "update", entityType: "product", entityId: id, entityLabel: write.input.nameVi, provinceId: write.producer.provinceId, changes: write.changes }));
    }
    await w.flushAudit();
    await w.step(batch.length);
  }
  for (const ids of chunks(touched)) await refreshCatalogueEntries(tx, { productIds: ids });
}

// ---------- Certifications ----------

async function writeCertifications(w: Writer, plan: ImportPlan, today: Date) {
  const { tx, actor } = w;
  const touched = new Set<number>();
  const label = (write: ImportPlan["certifications"][number]) => `${write.fields.decisionNumber} · ${write.product.nameVi}`;

  for (const batch of chunks(plan.certifications.filter((write) => !write.existing), WRITE_BATCH)) {
    const codes = batch.map(() => newVerificationCode());
    const created = await insertRows(
      tx,
      w.provider,
      "Certification",
      CERTIFICATION_COLUMNS,
      batch.map((write, index) => {
        const fields = write.fields;
        return [
          fields.productId,
          codes[index]!,
          fields.stars,
          fields.score,
          fields.evaluationKind,
          fields.decisionNumber,
          fields.batch,
          fields.signedOn,
          fields.issuerLevel,
          fields.issuerName,
          fields.validUntil,
          w.now,
          w.now,
        ];
      }),
      ["id", "verificationCode"],
    );
    const idOf = new Map(created.map((row) => [String(row.verificationCode), Number(row.id)]));
    batch.forEach((write, index) => {
      touched.add(write.product.id);
      w.audit.push(
        auditRow(actor, { action: "create", entityType: "certification", entityId: idOf.get(codes[index]!) ?? null, entityLabel: label(write), provinceId: write.product.provinceId, changes: write.changes }),
      );
    });
    await w.flushAudit();
    await w.step(batch.length);
  }

  for (const batch of chunks(plan.certifications.filter((write) => write.existing), WRITE_BATCH)) {
    for (const write of batch) {
      const { id, version } = write.existing!;
      const { count } = await tx.certification.updateMany({ where: { id, version }, data: { ...write.fields, version: { increment: 1 } } });
      if (count === 0) throw staleRow("certification", id);
      touched.add(write.product.id);
      w.audit.push(auditRow(actor, { action: "update", entityType: "certification", entityId: id, entityLabel: label(write), provinceId: write.product.provinceId, changes: write.changes }));
    }
    await w.flushAudit();
    await w.step(batch.length);
  }

  // The newest signed certificate stands (standing.server.ts), for every touched product at once.
  for (const ids of chunks([...touched])) {
    await tx.$executeRaw`UPDATE "Product" SET "standingCertificationId" = ${standingCertificationIdSql(today)} WHERE "id" IN (${Prisma.join(ids)})`;
    await refreshCatalogueEntries(tx, { productIds: ids });
  }
}

// ---------- The import ----------

export type ApplyOptions = {
  fileName: string;
  sha256: string;
  onProgress?: ImportProgress;
};

/**
 * Applies `file` as `actor` on `today`: all rows or none. Returns the dry
 * run's summary when a row has errors (nothing written) or nothing changes.
 */
export async function applyImport(db: Database, actor: Actor, file: ParsedFile, today: Date, options: ApplyOptions): Promise<ImportOutcome> {
  const onProgress = options.onProgress ?? (() => {});
  try {
    return await writeCatalogue(
      db,
      async (tx) => {
        // Checked once, inside the transaction: what is checked is what is written.
        const plan = await planImport(tx, actor, file, today);
        if (plan.counts.error) throw new ImportRefused("invalid", planSummary(plan));
        if (!plan.counts.create && !plan.counts.update) throw new ImportRefused("unchanged", planSummary(plan));
        const writer = new Writer(tx, providerOfDatabase(db), actor, plan.counts.create + plan.counts.update, onProgress);
        onProgress(0, writer.total);
        if (plan.kind === "producers") await writeProducers(writer, plan);
        else if (plan.kind === "products") await writeProducts(writer, plan);
        else await writeCertifications(writer, plan, today);
        const summary = await tx.auditEvent.create({
          data: auditRow(actor, {
            action: "import",
            entityType: ENTITY[plan.kind],
            entityId: null,
            entityLabel: options.fileName,
            provinceId: actor.provinceId,
            changes: {
              file: [null, options.fileName],
              sha256: [null, options.sha256],
              rows: [null, file.rows.length],
              created: [null, plan.counts.create],
              updated: [null, plan.counts.update],
              unchanged: [null, plan.counts.unchanged],
            },
          }),
          select: { id: true },
        });
        return { status: "applied" as const, summary: planSummary(plan), importAuditId: summary.id };
      },
      { timeout: TRANSACTION_TIMEOUT_MS, maxWait: 30_000 },
    );
  } catch (error) {
    // On SQLite, readers share the writing connection and may have cached rows that were rolled back.
    invalidateCatalogueReads();
    if (error instanceof ImportRefused) return { status: error.status, summary: error.summary };
    throw error;
  }
}
