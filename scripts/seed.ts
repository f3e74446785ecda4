import { disconnectDb, getDb } from "../lib/db";
import { seedDemo } from "../lib/demo-data/seed-demo";

const result = await seedDemo(getDb());
console.log(
  result.runsInserted
    ? `Demo data ready: ${result.businesses} businesses, ${result.users} users, ${result.runsInserted} runs added`
    : "Demo data already present",
);
await disconnectDb();
