/**
 * Backups round-trip on every provider: data and image files are changed,
 * backed up, changed again, restored, and the first state is found (rows and
 * files). A backup of another provider, a damaged archive and a stranger's
 * archive are refused and leave the database and the images as they were.
 * A backup taken during a stream of writes restores to one committed point.
 */
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import SqliteDatabase from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { create } from "tar";
import { configureDatabase, createDatabase, type Database } from "../../app/db.server";
import { sqlitePath } from "../../app/db.config.js";
import { SYSTEM_ACTOR } from "../../app/modules/accounts/actor.server";
import { createBackup } from "../../app/modules/backups/backup.server";
import { BackupError, openBackup } from "../../app/modules/backups/manifest.server";
import { restoreBackup } from "../../app/modules/backups/restore.server";
import { createProducer, updateProducer } from "../../app/modules/producers/service.server";
import { freshDatabase, testProviders, type Provider, type TestDatabase } from "../helpers/databases";
import { loadMinimalReference, makeProducer, makeProduct, nextTaxCode } from "../helpers/fixtures";

const OTHER: Record<Provider, Provider> = { sqlite: "postgresql", postgresql: "sqlite" };

/** Every file under `dir` with its content, by relative path. */
async function filesIn(dir: string): Promise<Record<string, string>> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
  const files: Record<string, string> = {};
  for (const entry of entries.filter((item) => item.isFile())) {
    const full = path.join(entry.parentPath, entry.name);
    files[path.relative(dir, full)] = await readFile(full, "utf8");
  }
  return files;
}

async function catalogueState(db: Database) {
  const [producers, images, audit] = await Promise.all([
    db.producer.findMany({ orderBy: { id: "asc" }, select: { id: true, legalName: true, version: true } }),
    db.productImage.findMany({ orderBy: { id: "asc" }, select: { id: true, storageKey: true } }),
    db.auditEvent.count(),
  ]);
  return { producers, images, audit };
}

describe.each(testProviders())("backups on %s", (provider) => {
  let handle: TestDatabase;
  let db: Database;
  let work: string;
  let mediaDir: string;
  let outDir: string;

  beforeEach(async () => {
    handle = await freshDatabase(provider);
    db = handle.db;
    work = await mkdtemp(path.join(os.tmpdir(), "ocop-backup-test-"));
    mediaDir = path.join(work, "media");
    outDir = path.join(work, "backups");
    await mkdir(path.join(mediaDir, "ab"), { recursive: true });
  });
  afterEach(async () => {
    await handle.dispose();
    await rm(work, { recursive: true, force: true });
  });

  /** The test's client closes before a restore (a restored SQLite file is a new file) and reopens after. */
  async function restore(file: string) {
    await db.$disconnect();
    try {
      return await restoreBackup({ file, databaseUrl: handle.url, mediaDir });
    } finally {
      db = createDatabase(handle.url);
      const previous = handle.dispose;
      handle = { ...handle, db, dispose: async () => { await db.$disconnect(); await previous(); } };
    }
  }

  async function firstState() {
    const { province } = await loadMinimalReference(db);
    const producer = await makeProducer(db, province.id, { legalName: "HTX Trước sao lưu" });
    const product = await makeProduct(db, producer.id, { nameVi: "Bưởi có ảnh" });
    await db.productImage.create({
      data: { productId: product.id, position: 0, storageKey: "ab/buoi", widths: "320,640", width: 640, height: 480, bytes: 20, sourceType: "jpeg", altVi: "Bưởi" },
    });
    await writeFile(path.join(mediaDir, "ab", "buoi-320.webp"), "small picture");
    await writeFile(path.join(mediaDir, "ab", "buoi-640.webp"), "large picture");
    return { province, producer };
  }

  it("restores the rows and image files of the backup after later changes", async () => {
    const { province, producer } = await firstState();
    const before = await catalogueState(db);
    const mediaBefore = await filesIn(mediaDir);

    const { file, manifest } = await createBackup({ databaseUrl: handle.url, mediaDir, outDir });
    expect(path.basename(file)).toMatch(new RegExp(`^ocop-${provider}-\\d{8}T\\d{6}Z\\.tar\\.gz$`));
    expect(manifest).toMatchObject({ provider, counts: { Producer: 1, Product: 1, ProductImage: 1, mediaFiles: 2 } });
    expect(manifest.migrations.length).toBeGreaterThan(0);
    expect(await readdir(outDir)).toEqual([path.basename(file)]);

    // Later changes: a rename, a new producer, an image row and files removed, one file rewritten, one added.
    await updateProducer(db, SYSTEM_ACTOR, producer.id, { type: "COOPERATIVE", legalName: "HTX Sau sao lưu", taxCode: producer.taxCode, provinceId: province.id, version: 1 });
    await createProducer(db, SYSTEM_ACTOR, { type: "ENTERPRISE", legalName: "Công ty mới", taxCode: nextTaxCode(), provinceId: province.id });
    await db.productImage.deleteMany({});
    await rm(path.join(mediaDir, "ab", "buoi-320.webp"));
    await writeFile(path.join(mediaDir, "ab", "buoi-640.webp"), "overwritten");
    await writeFile(path.join(mediaDir, "new-1280.webp"), "added later");
    expect(await catalogueState(db)).not.toEqual(before);

    const result = await restore(file);
    expect(result.pendingMigrations).toEqual([]);
    expect(await catalogueState(db)).toEqual(before);
    expect((await db.producer.findUniqueOrThrow({ where: { id: producer.id } })).legalName).toBe("HTX Trước sao lưu");
    expect(await filesIn(mediaDir)).toEqual(mediaBefore);
    // No leftovers beside the media folder.
    expect((await readdir(work)).sort()).toEqual(["backups", "media"]);
  });

  describe("refusals leave everything as it was", () => {
    let state: Awaited<ReturnType<typeof catalogueState>>;
    let media: Record<string, string>;

    beforeEach(async () => {
      await firstState();
      state = await catalogueState(db);
      media = await filesIn(mediaDir);
    });

    async function expectRefused(file: string, message: RegExp) {
      const error = await restore(file).then(() => null, (caught: unknown) => caught);
      expect(error).toBeInstanceOf(BackupError);
      expect((error as Error).message).toMatch(message);
      expect(await catalogueState(db)).toEqual(state);
      expect(await filesIn(mediaDir)).toEqual(media);
    }

    it("a backup of the other database", async () => {
      const { file } = await createBackup({ databaseUrl: handle.url, mediaDir, outDir });
      // The same archive with its manifest claiming the other provider.
      const opened = await openBackup(file);
      const manifestPath = path.join(opened.dir, "manifest.json");
      const manifest = JSON.parse(await readFile(manifestPath, "utf8")) as { provider: string };
      await writeFile(manifestPath, JSON.stringify({ ...manifest, provider: OTHER[provider], database: OTHER[provider] === "sqlite" ? "database.sqlite" : "database.pgdump" }));
      await writeFile(path.join(opened.dir, OTHER[provider] === "sqlite" ? "database.sqlite" : "database.pgdump"), "x");
      const forged = path.join(work, "other.tar.gz");
      await create({ gzip: true, file: forged, cwd: opened.dir }, await readdir(opened.dir));
      await opened.close();
      await expectRefused(forged, provider === "sqlite" ? /PostgreSQL database, but DATABASE_URL points at SQLite/ : /SQLite database, but DATABASE_URL points at PostgreSQL/);
    });

    it("a truncated archive", async () => {
      const { file } = await createBackup({ databaseUrl: handle.url, mediaDir, outDir });
      const bytes = await readFile(file);
      const truncated = path.join(work, "truncated.tar.gz");
      await writeFile(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
      await expectRefused(truncated, /not a readable backup archive/);
    });

    it("a file that is not an archive, and an archive without a manifest", async () => {
      const junk = path.join(work, "junk.tar.gz");
      await writeFile(junk, "this is not a backup");
      await expectRefused(junk, /not a readable backup archive/);
      const folder = path.join(work, "stranger");
      await mkdir(folder);
      await writeFile(path.join(folder, "notes.txt"), "hello");
      const stranger = path.join(work, "stranger.tar.gz");
      await create({ gzip: true, file: stranger, cwd: folder }, ["notes.txt"]);
      await expectRefused(stranger, /not an OCOP backup/);
    });

    it("a damaged database inside a well-formed archive", async () => {
      const { file } = await createBackup({ databaseUrl: handle.url, mediaDir, outDir });
      const opened = await openBackup(file);
      const part = path.join(opened.dir, opened.manifest.database);
      const bytes = await readFile(part);
      // Keep the start (a plausible header), garble the rest.
      await writeFile(part, Buffer.concat([bytes.subarray(0, 200), Buffer.alloc(bytes.length - 200, 0x5a)]));
      const damaged = path.join(work, "damaged.tar.gz");
      await create({ gzip: true, file: damaged, cwd: opened.dir }, await readdir(opened.dir));
      await opened.close();
      await expectRefused(damaged, provider === "sqlite" ? /integrity check/ : /cannot be read|pg_restore failed/);
    });
  });

  it("a backup taken during a stream of writes restores to one committed point", async () => {
    const { province } = await loadMinimalReference(db);
    if (provider === "sqlite") await configureDatabase(db);
    // A second client writes, as the server would, while the backup runs.
    const writer = createDatabase(handle.url);
    if (provider === "sqlite") await configureDatabase(writer);
    let written = 0;
    let stop = false;
    const stream = (async () => {
      while (!stop) {
        const taxCode = `57${String(written + 1).padStart(8, "0")}`;
        await createProducer(writer, SYSTEM_ACTOR, { type: "COOPERATIVE", legalName: `HTX số ${written + 1}`, taxCode, provinceId: province.id });
        written += 1;
        // A turn of the event loop between writes (SQLite's driver answers in microtasks alone).
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    try {
      while (written < 5) await new Promise((resolve) => setTimeout(resolve, 10));
      const atStart = written;
      const { file, manifest } = await createBackup({ databaseUrl: handle.url, mediaDir, outDir });
      const atEnd = written;
      stop = true;
      await stream;
      // Like the server, the writer stops before a restore.
      await writer.$disconnect();

      // Writes did land while the backup ran.
      expect(atEnd).toBeGreaterThan(atStart);
      const restoredCount = manifest.counts.Producer!;
      expect(restoredCount).toBeGreaterThanOrEqual(atStart);
      expect(restoredCount).toBeLessThanOrEqual(atEnd + 1);
      await restore(file);
      const producers = await db.producer.findMany({ orderBy: { id: "asc" }, select: { legalName: true } });
      // A prefix of the stream, without gaps, and each producer with its audit row (written in the same transaction).
      expect(producers.map((row) => row.legalName)).toEqual(Array.from({ length: restoredCount }, (_, index) => `HTX số ${index + 1}`));
      expect(await db.auditEvent.count({ where: { entityType: "producer", action: "create" } })).toBe(restoredCount);
      if (provider === "sqlite") {
        const check = new SqliteDatabase(sqlitePath(handle.url), { readonly: true });
        expect(check.pragma("integrity_check", { simple: true })).toBe("ok");
        check.close();
      }
    } finally {
      stop = true;
      await stream.catch(() => undefined);
      await writer.$disconnect();
    }
  });
});
