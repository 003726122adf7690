// The part of autocannon 8's programmatic API that bench/run.mjs uses
// (autocannon ships no types; see node_modules/autocannon/README.md, "Results").
declare module "autocannon" {
  /** hdr-histogram-percentiles-obj: min, max, average, stddev and p2_5 … p99_999. */
  export type Histogram = {
    average: number;
    mean: number;
    stddev: number;
    min: number;
    max: number;
    /** On `requests`: the number of responses received. */
    total: number;
    p50: number;
    p90: number;
    p99: number;
  };

  export type Result = {
    url: string;
    requests: Histogram;
    latency: Histogram;
    throughput: Histogram;
    duration: number;
    errors: number;
    timeouts: number;
    non2xx: number;
    statusCodeStats?: Record<string, { count: number }>;
  };

  export type Options = {
    url: string;
    connections?: number;
    /** Seconds. */
    duration?: number;
    /** Sent with every request. */
    headers?: Record<string, string>;
    /** Seconds before a request counts as timed out (default 10). */
    timeout?: number;
  };

  export default function autocannon(options: Options): Promise<Result>;
}
