import { createBenchDatabase } from "../bench-database";
import { formatNumber, formatRepeated, markdownTable } from "../format";
import { automationFairness } from "../peers/automation-fairness";
import { fairnessLoad, type FairnessResult } from "../peers/fairness-load";
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
    const smallRuns = load.smallBusinesses * load.runsPerSmallBusiness;
    return [
      `## Fairness: ${load.smallBusinesses} small businesses behind one big backlog (${formatNumber(load.bigRuns)} + ${load.smallBusinesses} × ${load.runsPerSmallBusiness} runs of ${load.workMs} ms, ${describeShape(load)} workers)`,
      "",
      ...markdownTable(["system", "small businesses p50 wait (ms)", "small businesses p95 wait (ms)", "big business p50 wait (ms)", "all drained after (s)"], rows),
      "",
      `One business queues ${formatNumber(load.bigRuns)} runs, then ${load.smallBusinesses} others queue ${load.runsPerSmallBusiness} each (${formatNumber(smallRuns)} in all), ` +
        "back to back while the workers are already waiting. Wait = handler start − enqueue time. " +
        `${FIFO_PEER.name} runs as it ships, with the business only in each job's payload. ${FIFO_PEER.setup}.`,
    ];
  },
};
