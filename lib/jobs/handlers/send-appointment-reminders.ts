import { z } from "zod";
import { defineJob } from "../define-job";
import { abortableSleep } from "../abortable-sleep";

export const sendAppointmentReminders = defineJob({
  type: "send-appointment-reminders",
  title: "Send appointment reminders",
  description: "Sends reminders for upcoming appointments, in batches.",
  scope: "tenant",
  triggeredBy: "member",
  params: z
    .object({
      daysAhead: z.number().int().min(1).max(14).default(1).describe("Remind appointments this many days ahead"),
      channel: z.enum(["email", "sms"]).default("email"),
      batches: z.number().int().min(1).max(50).default(5),
      batchDelayMs: z.number().int().min(0).max(10_000).default(400).describe("Pause between batches"),
    })
    .strict(),
  maxAttempts: 3,
  timeoutMs: 10 * 60 * 1000,
  async run({ params, progress, log, signal }) {
    let sent = 0;
    for (let batch = 1; batch <= params.batches; batch++) {
      await abortableSleep(params.batchDelayMs, signal);
      sent += 25;
      log.info(`Batch ${batch}/${params.batches}: ${sent} ${params.channel} reminders sent`);
      await progress(batch / params.batches, `Batch ${batch} of ${params.batches}`);
    }
    return { sent, channel: params.channel, daysAhead: params.daysAhead };
  },
});
