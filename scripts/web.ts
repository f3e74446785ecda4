// The web app's production server: Next.js's request handler behind a small HTTP server that passes
// each connection's own address on to the app (see lib/process/web-server.ts).
//   tsx scripts/web.ts [--port 3000] [--hostname 0.0.0.0]
import { parseArgs } from "node:util";
import { readEnv } from "../lib/config/env";
import { createWebServer } from "../lib/process/web-server";

const { values } = parseArgs({
  options: { port: { type: "string", default: process.env.PORT ?? "3000" }, hostname: { type: "string", default: "0.0.0.0" } },
});
const port = Number(values.port);
if (!Number.isInteger(port) || port < 1 || port > 65_535) {
  console.error("--port must be a whole number from 1 to 65535");
  process.exit(2);
}
// Stops on a bad setting (TRUST_PROXY included) before serving anything.
readEnv();

// React and Next.js pick their production builds from NODE_ENV when first loaded, so it is set
// before Next.js is imported.
Object.assign(process.env, { NODE_ENV: "production" });
const { default: next } = await import("next");
const app = next({ dev: false, hostname: values.hostname, port });
await app.prepare();
const handle = app.getRequestHandler();
const server = createWebServer((req, res) => handle(req, res));
server.listen(port, values.hostname, () => {
  console.log(`▸ Ready on http://${values.hostname}:${port}`);
});

function stop(): void {
  server.close(() => process.exit(0));
  // Keep-alive connections would hold close() open; they carry no work worth waiting for.
  server.closeAllConnections();
}
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
