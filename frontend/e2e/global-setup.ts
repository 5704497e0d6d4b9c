/**
 * The end-to-end run's own API: a fresh embedded PostgreSQL in .optio/e2e (reset, migrated and
 * seeded by `optio dev`), serving the built app from frontend/dist on a free port.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdirSync, openSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { ARTIFACTS, REPO } from "./paths";

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitForHealth(base: string, api: ChildProcess, seconds: number): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    if (api.exitCode !== null) throw new Error(`the API exited with ${api.exitCode}; see ${ARTIFACTS}/e2e-api.log`);
    try {
      const response = await fetch(`${base}/api/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the API did not answer within ${seconds}s; see ${ARTIFACTS}/e2e-api.log`);
}

export default async function globalSetup(): Promise<() => Promise<void>> {
  const optio = process.env.OPTIO_BIN ?? join(REPO, ".venv", "bin", "optio");
  const dataDir = join(REPO, ".optio", "e2e");
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  rmSync(join(dataDir, "storage"), { recursive: true, force: true });
  mkdirSync(ARTIFACTS, { recursive: true });
  const env = {
    ...process.env,
    OPTIO_ENV: "development",
    OPTIO_DATA_DIR: dataDir,
    DATABASE_URL: "",
    STORAGE_DIR: join(dataDir, "storage"),
    FRONTEND_URL: base,
    BCRYPT_ROUNDS: "4",
    // Every sign-up and log-in of the run comes from one address.
    RATE_LIMIT_AUTH: "1000/minute",
    RATE_LIMIT_DEFAULT: "100000/minute",
    LOG_LEVEL: "WARNING",
  };
  const cwd = join(REPO, "backend");
  const reset = spawnSync(optio, ["db", "reset", "--yes"], { cwd, env, encoding: "utf8" });
  if (reset.status !== 0) throw new Error(`optio db reset failed:\n${reset.stdout}\n${reset.stderr}`);

  const log = openSync(join(ARTIFACTS, "e2e-api.log"), "w");
  const api = spawn(optio, ["dev", "--port", String(port)], { cwd, env, stdio: ["ignore", log, log], detached: true });
  await waitForHealth(base, api, 120);
  process.env.E2E_BASE_URL = base;

  return async () => {
    if (!api.pid || api.exitCode !== null) return;
    // SIGINT lets the API exit normally, which stops its embedded PostgreSQL too.
    process.kill(-api.pid, "SIGINT");
    const exited = new Promise((r) => api.once("exit", r));
    const late = setTimeout(() => process.kill(-api.pid!, "SIGKILL"), 15_000);
    await exited;
    clearTimeout(late);
  };
}
