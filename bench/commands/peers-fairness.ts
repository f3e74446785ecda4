import { createBenchDatabase } from "../bench-database";
import { formatNumber, formatRepeated, markdownTable } from "../format";
import { automationFairness } from "../peers/automation-fairness";
import { automationSpreadDrain, type SpreadDrainResult } from "../peers/automation-spread-drain";
import { fairnessLoad, MANY_BUSINESSES, runsPerManyBusiness, totalRuns, type FairnessLoad, type FairnessResult } from "../peers/fairness-load";
import { peerFairness } from "../peers/peer-fairness";
import { FIFO_PEER } from "../peers/peer-systems";
import { describeShape } from "../worker-shapes";
import type { BenchCommand } from "./command";
import { measureInTurns, withDatabase, withPeers } from "./measurement-loop";

export const peersFairness: BenchCommand = {
  name: "peers-fairness",
  summary: "small businesses' wait behind one big backlog: Automation vs a first-in-first-out queue",
  async run(context) {
    const load = fairnessLoad(context.quick);
    const results = await withDatabase(createBenchDatabase(context.serverUrl, load.smallBusinesses + 1), (automation) =>
      withPeers(context.serverUrl, [FIFO_PEER], ([fifo]) =>
        measureInTurns<FairnessResult>(context, [
          { label: "peers-fairness: Automation", measure: () => automationFairness({ url: automation.url, businessIds: automation.businessIds, load }) },
          { label: `peers-fairness: ${FIFO_PEER.name}`, measure: () => peerFairness(fifo!.peer, load) },
        ]),
      ),
    );
    const rows = [`Automation`, `${FIFO_PEER.name} (first in, first out)`].map((name, system) => {
      const runs = results[system]!;
      const cell = (pick: (result: FairnessResult) => number, digits = 0) => formatRepeated(runs, pick, digits);
      return [name, cell((r) => r.smallP50), cell((r) => r.smallP95), cell((r) => r.bigP50), cell((r) => r.drainedSeconds, 1)];
    });
    const spread = await withDatabase(createBenchDatabase(context.serverUrl, MANY_BUSINESSES), (many) =>
      measureInTurns<SpreadDrainResult>(context, [
        { label: `peers-fairness: Automation, ${MANY_BUSINESSES} businesses`, measure: () => automationSpreadDrain({ url: many.url, businessIds: many.businessIds, load }) },
      ]),
    );
    const smallRuns = load.smallBusinesses * load.runsPerSmallBusiness;
    return [
      `## Fairness: ${load.smallBusinesses} small businesses behind one big backlog (${formatNumber(load.bigRuns)} + ${load.smallBusinesses} × ${load.runsPerSmallBusiness} runs of ${load.workMs} ms, ${describeShape(load)} workers)`,
      "",
      ...markdownTable(["system", "small businesses p50 wait (ms)", "small businesses p95 wait (ms)", "big business p50 wait (ms)", "all drained after (s)"], rows),
      "",
      `One business queues ${formatNumber(load.bigRuns)} runs, then ${load.smallBusinesses} others queue ${load.runsPerSmallBusiness} each (${formatNumber(smallRuns)} in all), ` +
        "back to back while the workers are already waiting. Wait = handler start − enqueue time. " +
        `${FIFO_PEER.name} runs as it ships, with the business only in each job's payload. ${FIFO_PEER.setup}.`,
      "",
      ...manyBusinessesSection(load, results[0]!, spread[0]!),
    ];
  },
};

/** Automation's drain rate with the same work spread over many businesses, beside the few-business drain above. */
function manyBusinessesSection(load: FairnessLoad, few: readonly FairnessResult[], many: readonly SpreadDrainResult[]): string[] {
  const runs = totalRuns(load);
  const fewRate = (result: FairnessResult) => runs / result.drainedSeconds;
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const ratio = median(many.map((result) => result.runsPerSecond)) / median(few.map(fewRate));
  const perBusiness = runsPerManyBusiness(load);
  return [
    `### Automation with ${formatNumber(MANY_BUSINESSES)} businesses (${formatNumber(MANY_BUSINESSES)} × ${perBusiness} runs of ${load.workMs} ms, ${describeShape(load)} workers)`,
    "",
    ...markdownTable(
      ["businesses with queued runs", "runs", "drain throughput (runs/s)", "vs few businesses"],
      [
        [`${load.smallBusinesses + 1}`, formatNumber(runs), formatRepeated(few, fewRate), "1.00×"],
        [formatNumber(MANY_BUSINESSES), formatNumber(perBusiness * MANY_BUSINESSES), formatRepeated(many, (result) => result.runsPerSecond), `${ratio.toFixed(2)}×`],
      ],
    ),
    "",
    `The same total work as the Automation row above, queued at once but spread evenly over ${formatNumber(MANY_BUSINESSES)} businesses, ` +
      "so that every claim chooses among them all: it measures whether the fair claim's cost stays with the batch rather than with " +
      "the number of businesses (target: at least 0.9× the few-business throughput; ratio of the medians).",
  ];
}
