import { createDatabaseRuntime, dbConfigFromEnv, openPostgres, quoteIdent } from '@tenantry/db';
import { migrationPlan, prepareDatabase } from '@tenantry/platform';
import type { TestProject } from 'vitest/node';
import { testAppLogin, testServerUrl, urlForDatabase } from './servers';

import './provided-context';

/**
 * Migrates one template database per run; each test file clones it
 * (CREATE DATABASE ... TEMPLATE), which is far faster than migrating again.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const serverUrl = testServerUrl();
  const template = `tenantry_tpl_${process.pid}`;
  const server = openPostgres(serverUrl, { max: 1 });
  await server.rawStatement(`drop database if exists ${quoteIdent(template)}`);
  await server.rawStatement(`create database ${quoteIdent(template)}`);

  const runtime = await createDatabaseRuntime(
    { ...dbConfigFromEnv({}), ownerUrl: urlForDatabase(serverUrl, template) },
    migrationPlan,
  );
  await prepareDatabase(runtime);
  await runtime.close();

  await server.rawStatement(
    `do $$ begin
       if not exists (select 1 from pg_roles where rolname = '${testAppLogin}') then
         create role ${testAppLogin} login nosuperuser nobypassrls noinherit;
       end if;
     end $$;
     grant tenantry_app, tenantry_relay to ${testAppLogin};`,
  );
  project.provide('templateDatabase', template);

  return async () => {
    const leftovers = await server.rawTransaction((session) =>
      session.query<{ datname: string }>(
        `select datname from pg_database where datname = $1 or datname like $2`,
        [template, `tenantry_test_${process.pid}_%`],
      ),
    );
    for (const { datname } of leftovers.rows) {
      await server.rawStatement(`drop database if exists ${quoteIdent(datname)} with (force)`);
    }
    await server.close();
  };
}
