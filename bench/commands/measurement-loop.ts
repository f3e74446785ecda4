import type { InstalledPeer, PeerSystem } from "../peers/peer-system";
import type { BenchContext } from "./command";

/** Runs `use` on a database made for it, and drops the database however `use` ends. */
export async function withDatabase<Database extends { drop(): Promise<void> }, T>(
  created: Promise<Database>,
  use: (database: Database) => Promise<T>,
): Promise<T> {
  const database = await created;
  try {
    return await use(database);
  } finally {
    await database.drop();
  }
}

export interface InstalledSystem {
  system: PeerSystem;
  peer: InstalledPeer;
}

/** Installs each peer system in a database of its own on the server, and removes them all however `use` ends. */
export async function withPeers<T>(serverUrl: string, systems: readonly PeerSystem[], use: (installed: InstalledSystem[]) => Promise<T>): Promise<T> {
  const installed: InstalledSystem[] = [];
  try {
    for (const system of systems) installed.push({ system, peer: await system.install(serverUrl) });
    return await use(installed);
  } finally {
    for (const { peer } of installed) await peer.remove().catch((error: unknown) => console.error(`Could not remove a peer database: ${String(error)}`));
  }
}

export interface Contender<T> {
  /** Names the measurement in progress messages. */
  label: string;
  measure(): Promise<T>;
}

/**
 * Each contender measured `repeat` times, its results in the order given. The contenders take
 * turns within each repetition, so a noisy stretch of time hits them alike.
 */
export async function measureInTurns<T>({ repeat, progress }: BenchContext, contenders: readonly Contender<T>[]): Promise<T[][]> {
  const results = contenders.map((): T[] => []);
  for (let index = 0; index < repeat; index++) {
    for (const [contender, { label, measure }] of contenders.entries()) {
      progress(`${label}, repetition ${index + 1}`);
      results[contender]!.push(await measure());
    }
  }
  return results;
}

/** One measurement taken `repeat` times. */
export async function repeatMeasurement<T>(context: BenchContext, label: string, measure: () => Promise<T>): Promise<T[]> {
  const [results] = await measureInTurns(context, [{ label, measure }]);
  return results!;
}
