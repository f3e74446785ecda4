import { databaseProvider } from "../../lib/config/env";
import { postgresSink } from "./postgres-sink";
import { sqliteSink } from "./sqlite-sink";
import { BUSINESSES } from "./tables";

/** Adds `count` active businesses to an empty database and returns their ids. */
export async function addBusinesses(url: string, count: number): Promise<string[]> {
  const rows = Array.from({ length: count }, (_, index) => ({
    id: crypto.randomUUID(),
    name: `Worker Business ${index + 1}`,
    slug: `worker-${index + 1}`,
    createdAt: Date.now(),
  }));
  const sink = databaseProvider(url) === "postgresql" ? await postgresSink(url) : sqliteSink(url);
  try {
    await sink.insert(BUSINESSES, rows);
    await sink.finish();
  } finally {
    await sink.close();
  }
  return rows.map((row) => row.id);
}
