import { createDb } from "../lib/db/client";
import { seedDemo } from "../lib/demo-data/seed-demo";

/**
 * Seeds the demo data into the database at `url` through a client of its own, so the process's
 * shared client stays free for whatever DATABASE_URL the code under test uses.
 */
export async function seedDemoDatabase(url: string): Promise<void> {
  const db = createDb(url);
  try {
    await seedDemo(db);
  } finally {
    await db.$disconnect();
  }
}
