import { z } from "zod";
import { defineJob } from "../define-job";
import { abortableSleep } from "../abortable-sleep";

export const syncCalendar = defineJob({
  type: "sync-calendar",
  title: "Sync calendar",
  description: "Pulls bookings from a connected calendar.",
  scope: "tenant",
  triggeredBy: "member",
  params: z
    .object({
      calendar: z.string().trim().min(1).max(100).describe("Name of the connected calendar"),
      fullResync: z.boolean().default(false),
    })
    .strict(),
  maxAttempts: 5,
  timeoutMs: 2 * 60 * 1000,
  async run({ params, progress, log, signal }) {
    const pages = params.fullResync ? 6 : 2;
    for (let page = 1; page <= pages; page++) {
      await abortableSleep(250, signal);
      await progress(page / pages, `Page ${page} of ${pages}`);
    }
    log.info(`Synced ${pages * 50} events from ${params.calendar}`);
    return { calendar: params.calendar, events: pages * 50 };
  },
});
