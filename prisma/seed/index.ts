/** Seed entry points for the CLI, tests and scripts. */
import type { Database } from "../../app/db.server";
import { seedHoaBinhDemo, type DemoResult } from "./hoa-binh";
import { loadReferenceData, type ReferenceSummary } from "./reference";

export { loadReferenceData, referenceDir, readProductSets, readProvinces } from "./reference";
export { seedHoaBinhDemo, isHoaBinhDemoPresent, planHoaBinhDemo, DEMO_SEED } from "./hoa-binh";
export { seedScale, SCALE_SEED, type ScaleOptions, type ScaleResult } from "./scale";
export { resetCatalogue } from "./reset";

export type SeedDemoResult = { reference: ReferenceSummary; demo: DemoResult };

/**
 * Reference data plus the Hòa Bình demo, in one transaction. Safe to repeat:
 * reference rows are upserted and the demo is skipped when already there.
 */
export async function seedDemo(db: Database, options: { today: Date }): Promise<SeedDemoResult> {
  return db.$transaction(
    async (tx) => {
      const reference = await loadReferenceData(tx);
      const demo = await seedHoaBinhDemo(tx, { today: options.today });
      return { reference, demo };
    },
    { maxWait: 30_000, timeout: 300_000 },
  );
}
