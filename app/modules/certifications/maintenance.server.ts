import type { Database } from "../../db.server";
import { refreshRepointedEntries } from "../catalogue/entries.server";
import { invalidateCatalogueReads } from "../catalogue/read-cache.server";
import { refreshLapsedStandings } from "./current.server";
import { vietnamToday } from "./rules.server";

const HOUR_MS = 60 * 60 * 1000;

/**
 * Keeps each product's standing certification right as certificates lapse:
 * once at start-up, then hourly. Returns a stop function.
 */
export function startStandingRefresh(db: Database, log: (message: string) => void = console.log): () => void {
  const run = async () => {
    try {
      const changed = await refreshLapsedStandings(db, vietnamToday());
      if (changed > 0) {
        await refreshRepointedEntries(db);
        invalidateCatalogueReads();
        log(`standing refresh: ${changed} product(s) re-pointed`);
      }
    } catch (error) {
      console.error("standing refresh failed:", error);
    }
  };
  void run();
  const timer = setInterval(run, HOUR_MS);
  timer.unref();
  return () => clearInterval(timer);
}
