/** Seed entry points for the CLI, tests and scripts. */
import type { Database } from "../../app/db.server";
import { mediaStore, type MediaStore } from "../../app/modules/media/store.server";
import { seedDemoImages } from "./illustrations";
import { seedHoaBinhDemo, type DemoResult } from "./hoa-binh";
import { loadReferenceData, type ReferenceSummary } from "./reference";

export { loadReferenceData, referenceDir, readProductSets, readProvinces } from "./reference";
export { seedHoaBinhDemo, isHoaBinhDemoPresent, planHoaBinhDemo, DEMO_SEED } from "./hoa-binh";
export { seedScale, SCALE_SEED, type ScaleOptions, type ScaleResult } from "./scale";
export { resetCatalogue } from "./reset";
export { seedDemoImages, DEMO_IMAGE_PRODUCTS } from "./illustrations";

export type SeedDemoResult = { reference: ReferenceSummary; demo: DemoResult };

/**
 * Reference data plus the Hòa Bình demo, in one transaction, then the demo's
 * pictures through the image pipeline into `media` (MEDIA_DIR by default;
 * null leaves them out). Safe to repeat: reference rows are upserted, the
 * demo is skipped when already there, and so are its pictures.
 */
export async function seedDemo(db: Database, options: { today: Date; media?: MediaStore | null }): Promise<SeedDemoResult> {
  const result = await db.$transaction(
    async (tx) => {
      const reference = await loadReferenceData(tx);
      const demo = await seedHoaBinhDemo(tx, { today: options.today });
      return { reference, demo };
    },
    { maxWait: 30_000, timeout: 300_000 },
  );
  // Each picture is its own write (files, then row and audit in a transaction), like an upload.
  if (options.media !== null) result.demo.images = await seedDemoImages(db, options.media ?? mediaStore(), options.today);
  return result;
}
