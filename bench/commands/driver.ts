import { connectAsAdmin, createBenchDatabase } from "../bench-database";
import { measureCallers, type CallerFigures } from "../driver/concurrent-callers";
import { openQueueDrivers } from "../driver/queue-drivers";
import { WORKER_STATEMENTS } from "../driver/worker-statements";
import { formatNumber, formatRepeated, markdownTable } from "../format";
import { spread } from "../statistics";
import type { BenchCommand } from "./command";
import { measureInTurns, withDatabase } from "./measurement-loop";

/** Concurrent callers, each with a connection of its own in either driver's pool: 16 workers' claim loops, or one worker's 16 runs. */
const CALLERS = 16;
const BUSINESSES = 10;
const WARM_UP_CALLS = 3;

/** Calls per caller for each statement, in the order of WORKER_STATEMENTS. */
const CALLS = { quick: [8, 40, 30], full: [20, 120, 80] };

export const driverLatency: BenchCommand = {
  name: "driver",
  summary: "the worker's claim, heartbeat and complete statements: Prisma with the pg adapter vs node-postgres prepared statements",
  async run(context) {
    const calls = context.quick ? CALLS.quick : CALLS.full;
    return withDatabase(createBenchDatabase(context.serverUrl, BUSINESSES), async (database) => {
      const admin = await connectAsAdmin(database.url);
      const { drivers, close } = await openQueueDrivers(database.url, CALLERS);
      try {
        const contenders = WORKER_STATEMENTS.flatMap((statement, position) =>
          drivers.map((driver) => ({
            label: `driver: ${statement.name}, ${driver.name}`,
            measure: async () => {
              const measured = calls[position]!;
              const call = await statement.arrange({ admin, businessIds: database.businessIds, callers: CALLERS, calls: WARM_UP_CALLS + measured });
              return measureCallers({ callers: CALLERS, warmUp: WARM_UP_CALLS, measured, statement: call(driver.queue) });
            },
          })),
        );
        const measured = await measureInTurns(context, contenders);
        return report(measured, drivers.map((driver) => driver.name), calls);
      } finally {
        await close();
        await admin.end();
      }
    });
  },
};

function report(measured: CallerFigures[][], driverNames: string[], calls: number[]): string[] {
  const of = (statement: number, driver: number) => measured[statement * driverNames.length + driver]!;
  const rows = WORKER_STATEMENTS.flatMap((statement, position) =>
    driverNames.map((name, driver) => {
      const figures = of(position, driver);
      return [
        statement.name,
        name,
        formatRepeated(figures, (f) => f.p50Ms, 2),
        formatRepeated(figures, (f) => f.p95Ms, 2),
        formatRepeated(figures, (f) => f.statementsPerSecond),
        formatRepeated(figures, (f) => f.rowsPerStatement, 1),
      ];
    }),
  );
  const change = (statement: number, pick: (f: CallerFigures) => number) => {
    const median = (driver: number) => spread(of(statement, driver).map(pick)).median;
    const percent = (median(1) / median(0) - 1) * 100;
    return `${percent > 0 ? "+" : "−"}${formatNumber(Math.abs(percent))} %`;
  };
  return [
    `## Database driver on the worker's statements (${CALLERS} concurrent callers, ${CALLERS} connections per driver; ms per statement)`,
    "",
    ...markdownTable(["statement", "driver", "p50", "p95", "statements/s", "rows per statement"], rows),
    "",
    ...markdownTable(
      ["statement", "p50, node-postgres vs Prisma", "p95", "statements/s"],
      WORKER_STATEMENTS.map((statement, position) => [
        statement.name,
        change(position, (f) => f.p50Ms),
        change(position, (f) => f.p95Ms),
        change(position, (f) => f.statementsPerSecond),
      ]),
    ),
    "",
    `Each statement is built by the product's RunQueue (claim, heartbeat, complete with a start line and the closing line) and sent by either driver: ` +
      `Prisma's \`$queryRaw\` as the worker sends it (the claim and the heartbeat as named prepared statements, a single run's completion unnamed, parsed and planned every time), ` +
      `or node-postgres with the same SQL text ` +
      `and values as a named prepared statement (parsed once per connection, its plan reusable). Both drivers' connections start as the queue's all-businesses access ` +
      `has them (TimeZone=UTC, app.bypass_rls=on, checked before measuring), so neither sends a settings statement per query. ` +
      `Each measurement starts from a freshly filled queue (${BUSINESSES} businesses; ${calls.join(", ")} timed calls per caller after ${WARM_UP_CALLS} untimed ones); ` +
      "the drivers take turns within each repetition.",
  ];
}
