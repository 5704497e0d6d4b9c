// One load run: autocannon against one endpoint, its requests taken in turn from a list.
// Reads {url, connections, duration or amount, variants: [{method, path, headers, body}]} as
// JSON on stdin and prints autocannon's result as JSON on stdout (driven by bench/load_test.py).
import autocannon from "autocannon";

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const spec = JSON.parse(Buffer.concat(chunks).toString());

let next = 0;
const result = await autocannon({
  url: spec.url,
  connections: spec.connections,
  // A number of requests, when given (then it stops after those), or a number of seconds.
  ...(spec.amount ? { amount: spec.amount } : { duration: spec.duration }),
  timeout: 10,
  requests: [
    {
      // Every request, across all connections, takes the next variant: a POST that may run
      // once per user and task gets a fresh pair each time.
      setupRequest: (request) => {
        const variant = spec.variants[next++ % spec.variants.length];
        return { ...request, ...variant };
      },
    },
  ],
});
process.stdout.write(
  JSON.stringify({
    requests: result.requests.total,
    duration: result.duration,
    rps: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    statuses: result.statusCodeStats,
  }),
);
