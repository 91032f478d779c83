/** One load run with autocannon: N connections for D seconds, each request to the next (path, cookie) in turn. */
import autocannon, { type AutocannonResult } from "autocannon";

export interface Target {
  path: string;
  cookie: string;
  kind: "heavy" | "typical";
}

export interface LoadResult {
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** autocannon's own figures, for comparison (it has no p95). */
  autocannon: { p50: number; p97_5: number; p99: number; average: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  byKind: Record<"heavy" | "typical", { requests: number; p50: number; p95: number }>;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

const round = (value: number) => Math.round(value * 100) / 100;

export async function runLoad(
  baseUrl: string,
  targets: readonly Target[],
  options: { connections: number; seconds: number },
): Promise<LoadResult> {
  let next = 0;
  const latencies: number[] = [];
  const byKind = { heavy: [] as number[], typical: [] as number[] };
  const result = await new Promise<AutocannonResult>((resolve, reject) => {
    const instance = autocannon(
      {
        url: baseUrl,
        connections: options.connections,
        duration: options.seconds,
        timeout: 30,
        headers: { "accept-encoding": "gzip", accept: "text/html" },
        requests: [
          {
            method: "GET",
            setupRequest: (request, context) => {
              const target = targets[next++ % targets.length]!;
              context.target = target;
              return { ...request, path: target.path, headers: { ...request.headers, cookie: target.cookie } };
            },
          },
        ],
      },
      (error, res) => (error ? reject(error) : resolve(res)),
    );
    // With one request in flight per connection, the connection's context still names the target answered here
    // (autocannon builds the next request after emitting "response").
    instance.on(
      "response",
      (
        client: { requestIterator?: { context?: { target?: Target } } },
        _status: number,
        _bytes: number,
        responseTime: number,
      ) => {
        latencies.push(responseTime);
        const target = client.requestIterator?.context?.target;
        if (target) byKind[target.kind].push(responseTime);
      },
    );
  });
  latencies.sort((a, b) => a - b);
  const kindStats = (values: number[]) => {
    values.sort((a, b) => a - b);
    return { requests: values.length, p50: round(percentile(values, 50)), p95: round(percentile(values, 95)) };
  };
  return {
    requests: latencies.length,
    rps: round(latencies.length / options.seconds),
    p50: round(percentile(latencies, 50)),
    p95: round(percentile(latencies, 95)),
    p99: round(percentile(latencies, 99)),
    max: round(latencies[latencies.length - 1] ?? NaN),
    autocannon: {
      p50: result.latency.p50,
      p97_5: result.latency.p97_5,
      p99: result.latency.p99,
      average: result.latency.average,
    },
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    byKind: { heavy: kindStats(byKind.heavy), typical: kindStats(byKind.typical) },
  };
}
