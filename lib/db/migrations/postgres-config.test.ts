import pg from "pg";
import { describe, expect, it } from "vitest";
import { migrationPoolConfig } from "./postgres-config";

const URL = "postgresql://app:s3cret@db.internal:6543/automation?sslmode=disable";

describe("migrationPoolConfig", () => {
  it("reads the URL's server, user and database", () => {
    expect(migrationPoolConfig(URL)).toMatchObject({
      host: "db.internal",
      port: 6543,
      user: "app",
      password: "s3cret",
      database: "automation",
    });
  });

  // Creating a database and the engine's shadow database both connect with `{ ...config, database }`.
  it("lets a client built from it connect to another database on the same server", () => {
    const client = new pg.Client({ ...migrationPoolConfig(URL), database: "shadow" });

    expect(client.database).toBe("shadow");
    expect({ host: client.host, port: client.port, user: client.user }).toEqual({
      host: "db.internal",
      port: 6543,
      user: "app",
    });
  });

  it("refuses Prisma's ?schema= parameter", () => {
    expect(() => migrationPoolConfig(`${URL}&schema=tenant`)).toThrow(/schema= URL parameter is not supported/);
  });
});
