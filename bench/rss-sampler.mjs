// @ts-check
// Worker thread for bench/run.mjs: reads a process's resident memory (VmRSS in
// /proc/<pid>/status) every `intervalMs` and keeps the peak. It runs on its
// own thread so the load generator busy on the main thread cannot delay it.
// The message { row: name } says which benchmark row runs from now on, so the
// summary can say during which row the peak came; "stop" stops it, and it
// answers with the summary.
import { readFileSync } from "node:fs";
import { parentPort, workerData } from "node:worker_threads";

/** @type {{ pid: number, intervalMs: number }} */
const { pid, intervalMs } = workerData;

let peakBytes = 0;
let lastBytes = 0;
let samples = 0;
let row = "start";
/** @type {Record<string, number>} the peak during each row */
const peakByRow = {};

function sample() {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    if (!match) return;
    lastBytes = Number(match[1]) * 1024;
    peakBytes = Math.max(peakBytes, lastBytes);
    peakByRow[row] = Math.max(peakByRow[row] ?? 0, lastBytes);
    samples++;
  } catch {
    // The process is gone, or there is no /proc (not Linux): nothing to read.
  }
}

sample();
const timer = setInterval(sample, intervalMs);

parentPort?.on("message", (message) => {
  if (message && typeof message === "object" && typeof message.row === "string") {
    sample();
    row = message.row;
    return;
  }
  clearInterval(timer);
  sample();
  parentPort?.postMessage({ peakBytes, lastBytes, samples, peakByRow });
  parentPort?.close();
});
