import autocannon from "autocannon";
import { percentile } from "../statistics";
import type { MixedRequest } from "./http-request-mix";

export interface LatencySummary {
  requests: number;
  p50: number;
  p95: number;
  p99: number;
  non2xx: number;
}

export interface LoadResult {
  overall: LatencySummary;
  byLabel: Map<string, LatencySummary>;
  /** Connection errors, timeouts included. */
  errors: number;
  timeouts: number;
  seconds: number;
}

// autocannon paces each connection to whole seconds, all of them at the same moment: 50 req/s
// from one instance arrive as one burst of 50 each second. Ten instances started a tenth of a
// second apart spread the same rate evenly over the second.
const STAGGERED_INSTANCES = 10;

/**
 * A fixed request rate for a fixed time (autocannon), cycling through the mix: one connection per
 * request per second, each waiting for its answer before it sends again, so a server slower than
 * a second per answer gets fewer requests; the result says how many were sent. Latency is each
 * response's own time.
 */
export async function runLoad({ baseUrl, mix, rate, seconds }: { baseUrl: string; mix: MixedRequest[]; rate: number; seconds: number }): Promise<LoadResult> {
  const times = new Map<string, number[]>();
  const failures = new Map<string, number>();
  // autocannon calls a request's onResponse, then emits "response" with its time, synchronously
  // and one request at a time per connection (no pipelining): the label pairs with the time.
  let answered = "";
  const requests = mix.map((request) => ({
    method: "GET" as const,
    path: request.path,
    headers: { cookie: request.cookie },
    onResponse: (status: number) => {
      answered = request.label;
      if (status < 200 || status >= 300) failures.set(request.label, (failures.get(request.label) ?? 0) + 1);
    },
  }));
  // Every connection starts the mix at a different point, or a short run would only ever send its first few requests.
  let started = 0;
  const setupClient = (client: autocannon.Client) => {
    const offset = Math.floor((started++ * requests.length) / rate) % requests.length;
    client.setRequests([...requests.slice(offset), ...requests.slice(0, offset)]);
  };
  const record = (responseTime: number) => {
    const list = times.get(answered) ?? [];
    list.push(responseTime);
    times.set(answered, list);
  };

  const results = await Promise.all(
    Array.from({ length: STAGGERED_INSTANCES }, async (_, index) => {
      await new Promise((resolve) => setTimeout(resolve, (index * 1000) / STAGGERED_INSTANCES));
      const share = Math.floor(rate / STAGGERED_INSTANCES) + (index < rate % STAGGERED_INSTANCES ? 1 : 0);
      return share === 0 ? null : runInstance({ url: baseUrl, connections: share, overallRate: share, duration: seconds, requests, setupClient, timeout: 30 }, record);
    }),
  );
  const finished = results.filter((result): result is autocannon.Result => result !== null);
  const summarize = (values: number[], non2xx: number): LatencySummary => ({
    requests: values.length,
    p50: percentile(values, 50),
    p95: percentile(values, 95),
    p99: percentile(values, 99),
    non2xx,
  });
  const byLabel = new Map([...times].sort(([a], [b]) => a.localeCompare(b)).map(([label, values]) => [label, summarize(values, failures.get(label) ?? 0)]));
  const total = (pick: (result: autocannon.Result) => number) => finished.reduce((sum, result) => sum + pick(result), 0);
  return {
    overall: summarize([...times.values()].flat(), total((result) => result.non2xx)),
    byLabel,
    errors: total((result) => result.errors),
    timeouts: total((result) => result.timeouts),
    seconds: Math.max(...finished.map((result) => result.duration)),
  };
}

function runInstance(options: autocannon.Options, record: (responseTime: number) => void): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(options, (error, result) => (error ? reject(error) : resolve(result)));
    instance.on("response", (_client, _status, _bytes, responseTime) => record(responseTime));
  });
}
