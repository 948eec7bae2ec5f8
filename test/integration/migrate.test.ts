import { expect, it } from 'vitest';
import { listMigrations, migrate } from '../../src/db/migrate.ts';
import { describeEachEngine } from './engines.ts';

describeEachEngine('migrations', (ctx) => {
  it('records every migration and applies none twice', async () => {
    const { rows } = await ctx.db.query<{ version: string }>('select version from schema_migrations order by version');
    expect(rows.map((r) => r.version)).toEqual(listMigrations().map((m) => m.version));
    expect(await migrate(ctx.db)).toEqual([]);
  });

  it('gives every district-data table a district_id column', async () => {
    const { rows } = await ctx.db.query<{ table_name: string }>(
      `select t.table_name from information_schema.tables t
       where t.table_schema = 'public' and t.table_type = 'BASE TABLE'
         and t.table_name not in ('schema_migrations', 'districts', 'sessions')
         and not exists (select 1 from information_schema.columns c
                         where c.table_name = t.table_name and c.column_name = 'district_id')`,
    );
    expect(rows).toEqual([]);
  });

  it('rolls back a failing migration whole', async () => {
    const broken = [{ version: '9999', name: 'broken', sql: 'create table half_done (id int); select no_such_function()' }];
    await expect(migrate(ctx.db, broken)).rejects.toThrow();
    const { rows } = await ctx.db.query(`select 1 from information_schema.tables where table_name = 'half_done'`);
    expect(rows).toEqual([]);
  });
});
