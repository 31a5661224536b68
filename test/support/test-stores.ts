import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openStore, type Store, type StoreKind } from '../../src/store/database.js';

/**
 * Stores for suites that run on every database: SQLite always (a temporary file), PostgreSQL when
 * TEST_DATABASE_URL is set (a schema of its own, dropped when the store closes, so runs never
 * collide). `describe.each(storeKinds())` runs a suite on each.
 */

export function storeKinds(): StoreKind[] {
  return process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];
}

export async function openTestStore(kind: StoreKind, options: { clock?: () => Date } = {}): Promise<Store> {
  if (kind === 'sqlite') {
    const folder = mkdtempSync(join(tmpdir(), 'invite-challenger-test-store-'));
    const store = await openStore({ sqlitePath: join(folder, 'store.sqlite'), clock: options.clock });
    return withCleanUp(store, async () => rmSync(folder, { recursive: true, force: true }));
  }
  const testDatabaseUrl = process.env.TEST_DATABASE_URL;
  if (!testDatabaseUrl) throw new Error('TEST_DATABASE_URL is not set');
  const schema = `test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Pool({ connectionString: testDatabaseUrl, max: 1 });
  await admin.query(`create schema ${schema}`);
  const url = new URL(testDatabaseUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const store = await openStore({ databaseUrl: url.toString(), clock: options.clock });
  return withCleanUp(store, async () => {
    await admin.query(`drop schema if exists ${schema} cascade`);
    await admin.end();
  });
}

function withCleanUp(store: Store, cleanUp: () => Promise<void>): Store {
  const close = store.close.bind(store);
  return Object.assign(store, {
    close: async () => {
      await close();
      await cleanUp();
    },
  });
}
