import type { Database } from "../../db.server";
import { vietnamToday } from "../../lib/dates";
import { writeCatalogue } from "../catalogue/changes.server";
import { refreshRepointedEntries } from "../catalogue/entries.server";
import { refreshDueStandings } from "./standing.server";

const HOUR_MS = 60 * 60 * 1000;

/**
 * Lets a certificate entered ahead of its signing day take over as standing
 * when the day comes: once at start-up, then hourly. Returns a stop function.
 */
export function startStandingRefresh(db: Database, log: (message: string) => void = console.log): () => void {
  const run = async () => {
    try {
      const changed = await db.$transaction((tx) => refreshDueStandings(tx, vietnamToday()));
      if (changed > 0) {
        await writeCatalogue(db, (tx) => refreshRepointedEntries(tx));
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
