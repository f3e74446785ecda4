import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import {
  connectToDisposableShadowDatabase,
  reportCharColumnsAsText,
  runParameterlessSqlAsScript,
  runScriptsInOneQuery,
} from "./engine-workarounds";
import { migrationPoolConfig } from "./postgres-config";
import type { MigrationProvider } from "./provider";

export interface MigrationAdapterFactory {
  factory: SqlMigrationAwareDriverAdapterFactory;
  /** The engine never disposes its main connection; this closes every connection still open. */
  disposeAll(): Promise<void>;
}

export function createMigrationAdapterFactory(provider: MigrationProvider, url: string): MigrationAdapterFactory {
  const open = new Set<SqlDriverAdapter>();

  // Dispose may come from the engine (shadow databases) and from disposeAll: run it once.
  const track = (adapter: SqlDriverAdapter): SqlDriverAdapter => {
    const dispose = adapter.dispose.bind(adapter);
    let disposed: Promise<void> | undefined;
    adapter.dispose = () => {
      open.delete(adapter);
      disposed ??= dispose();
      return disposed;
    };
    open.add(adapter);
    return adapter;
  };

  const factory = provider === "sqlite" ? sqliteFactory(url, track) : postgresFactory(url, track);
  return {
    factory,
    disposeAll: async () => {
      const results = await Promise.allSettled([...open].map((adapter) => adapter.dispose()));
      const failure = results.find((result) => result.status === "rejected");
      if (failure) throw failure.reason;
    },
  };
}

type Track = (adapter: SqlDriverAdapter) => SqlDriverAdapter;

function sqliteFactory(url: string, track: Track): SqlMigrationAwareDriverAdapterFactory {
  const base = new PrismaBetterSqlite3({ url });
  return {
    provider: base.provider,
    adapterName: base.adapterName,
    connect: async () => track(runParameterlessSqlAsScript(await base.connect())),
    connectToShadowDb: async () => track(runParameterlessSqlAsScript(await base.connectToShadowDb())),
  };
}

function postgresFactory(url: string, track: Track): SqlMigrationAwareDriverAdapterFactory {
  const config = migrationPoolConfig(url);
  const base = new PrismaPg(config);
  const prepare = (adapter: Awaited<ReturnType<PrismaPg["connect"]>>): SqlDriverAdapter => {
    reportCharColumnsAsText(adapter.underlyingDriver());
    return runScriptsInOneQuery(adapter);
  };
  return {
    provider: base.provider,
    adapterName: base.adapterName,
    connect: async () => track(prepare(await base.connect())),
    connectToShadowDb: async () => track(await connectToDisposableShadowDatabase(config, prepare)),
  };
}
