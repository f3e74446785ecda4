import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { repoRoot, startProcess } from "../child-process";

export interface WebServer {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

const NEXT = path.join(repoRoot, "node_modules/next/dist/bin/next");
const WEB_ENTRY = path.join(repoRoot, "scripts/web.ts");

/** The production server (`npm run web`) on a free loopback port; builds once if there is no build yet. */
export async function startWebServer({ databaseUrl, progress }: { databaseUrl: string; progress(message: string): void }): Promise<WebServer> {
  if (!existsSync(path.join(repoRoot, ".next/BUILD_ID"))) {
    progress("http: building the web app (no .next build yet)");
    const build = spawnSync(process.execPath, [NEXT, "build"], { cwd: repoRoot, stdio: "inherit" });
    if (build.status !== 0) throw new Error("next build failed");
  }
  const port = await freePort();
  // Its own auth secret and storage, removed with the server.
  const dir = mkdtempSync(path.join(tmpdir(), "automation-web-"));
  const server = startProcess(process.execPath, ["--import", "tsx", WEB_ENTRY, "--hostname", "127.0.0.1", "--port", String(port)], {
    env: {
      NODE_ENV: "production",
      DATABASE_URL: databaseUrl,
      AUTH_SECRET_FILE: path.join(dir, "auth-secret"),
      STORAGE_DIR: path.join(dir, "storage"),
    },
    readyText: "Ready",
  });
  const stop = async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await server.ready;
    return { url: `http://127.0.0.1:${port}`, pid: server.pid, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
