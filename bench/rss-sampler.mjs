// @ts-check
// Worker thread for bench/run.mjs: reads a process's resident memory (VmRSS in
// /proc/<pid>/status) every `intervalMs` and keeps the peak. It runs on its
// own thread so the load generator busy on the main thread cannot delay it.
// Any message from the parent stops it; it answers with the summary.
import { readFileSync } from "node:fs";
import { parentPort, workerData } from "node:worker_threads";

/** @type {{ pid: number, intervalMs: number }} */
const { pid, intervalMs } = workerData;

let peakBytes = 0;
let lastBytes = 0;
let samples = 0;

function sample() {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    if (!match) return;
    lastBytes = Number(match[1]) * 1024;
    peakBytes = Math.max(peakBytes, lastBytes);
    samples++;
  } catch {
    // The process is gone, or there is no /proc (not Linux): nothing to read.
  }
}

sample();
const timer = setInterval(sample, intervalMs);

parentPort?.once("message", () => {
  clearInterval(timer);
  sample();
  parentPort?.postMessage({ peakBytes, lastBytes, samples });
  parentPort?.close();
});
