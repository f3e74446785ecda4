import { createBenchDatabase } from "../bench-database";
import { formatNumber, formatSpread, markdownTable } from "../format";
import { automationFairness } from "../peers/automation-fairness";
import { fairnessLoad, type FairnessResult } from "../peers/fairness-load";
import { peerFairness } from "../peers/peer-fairness";
import { FIFO_PEER } from "../peers/peer-systems";
import { describeShape } from "../peers/worker-shapes";
import { spread } from "../statistics";
import type { BenchCommand } from "./command";

export const peersFairness: BenchCommand = {
  name: "peers-fairness",
  summary: "small businesses' wait behind one big backlog: Automation vs a first-in-first-out queue",
  async run({ serverUrl, repeat, quick, progress }) {
    const load = fairnessLoad(quick);
    const automation = await createBenchDatabase(serverUrl, load.smallBusinesses + 1);
    const fifo = await FIFO_PEER.install(serverUrl).catch(async (error: unknown) => {
      await automation.drop();
      throw error;
    });
    try {
      const results: FairnessResult[][] = [[], []];
      for (let index = 0; index < repeat; index++) {
        progress(`peers-fairness: Automation, repetition ${index + 1}`);
        results[0]!.push(await automationFairness({ url: automation.url, businessIds: automation.businessIds, load }));
        progress(`peers-fairness: ${FIFO_PEER.name}, repetition ${index + 1}`);
        results[1]!.push(await peerFairness(fifo, load));
      }
      const rows = [`Automation`, `${FIFO_PEER.name} (first in, first out)`].map((name, systemIndex) => {
        const runs = results[systemIndex]!;
        const cell = (pick: (result: FairnessResult) => number, digits = 0) => formatSpread(spread(runs.map(pick)), digits);
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
    } finally {
      await fifo.remove().catch((error: unknown) => console.error(`Could not remove the peer database: ${String(error)}`));
      await automation.drop();
    }
  },
};
