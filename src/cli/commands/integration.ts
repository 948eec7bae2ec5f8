import type { Command } from 'commander';
import { listDistricts } from '../../db/accounts.ts';
import { createIntegration, listIntegrations, MAX_INTEGRATION_NAME, revokeIntegrationByKey } from '../../db/integrations.ts';
import { withDatabase } from '../database.ts';
import { chooseDistrict } from '../district.ts';
import { printJson, UserError } from '../output.ts';

export function register(program: Command): void {
  const integration = program
    .command('integration')
    .description('manage the credentials learning programs send xAPI statements with (HTTP Basic key and secret for /xapi)');

  integration
    .command('create')
    .description('create a credential; the secret is printed once and only its hash is kept')
    .requiredOption('--name <name>', 'the learning program, e.g. "MathPath Adaptive Practice"')
    .option('--district <id>', 'district id or sourcedId (default: the only district)')
    .option('--json', 'print {"key", "secret"} only')
    .action(async (options: { name: string; district?: string; json?: boolean }) => {
      const name = options.name.trim();
      if (name === '' || name.length > MAX_INTEGRATION_NAME) throw new UserError(`--name must have 1 to ${MAX_INTEGRATION_NAME} characters`);
      const { credential, district } = await withDatabase(async (db) => {
        const district = await chooseDistrict(db, options.district);
        return { credential: await createIntegration(db, { districtId: district.id, name, createdBy: 'cli' }), district };
      });
      if (options.json) return printJson({ key: credential.integration.key, secret: credential.secret });
      console.log(`Created the integration "${name}" in ${district.name}.`);
      console.log(`  key:    ${credential.integration.key}`);
      console.log(`  secret: ${credential.secret}`);
      console.log('The secret is shown only now: give both to the learning program for HTTP Basic authentication at /xapi.');
    });

  integration
    .command('list')
    .description('list credentials (never their secrets)')
    .option('--district <id>', 'only this district (id or sourcedId)')
    .option('--json', 'machine-readable output')
    .action(async (options: { district?: string; json?: boolean }) => {
      const { items, districts } = await withDatabase(async (db) => {
        const district = options.district ? await chooseDistrict(db, options.district) : null;
        return { items: await listIntegrations(db, district?.id), districts: await listDistricts(db) };
      });
      if (options.json) return printJson(items);
      if (items.length === 0) return console.log('No integrations yet. Create one with `trellis integration create --name NAME`.');
      const districtName = new Map(districts.map((d) => [d.id, d.name]));
      const rows = items.map((i) => [
        i.key,
        i.name,
        districtName.get(i.districtId) ?? i.districtId,
        i.createdAt.slice(0, 10),
        i.revokedAt ? `revoked ${i.revokedAt.slice(0, 10)}` : i.lastUsedAt ? `last used ${i.lastUsedAt.slice(0, 16).replace('T', ' ')}` : 'never used',
      ]);
      const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
      for (const row of rows) console.log(row.map((cell, c) => cell.padEnd(widths[c]!)).join('  ').trimEnd());
    });

  integration
    .command('revoke')
    .description('revoke a credential: requests with it are refused from now on')
    .argument('<key>', 'the credential key')
    .option('--json', 'machine-readable output')
    .action(async (key: string, options: { json?: boolean }) => {
      const revoked = await withDatabase((db) => revokeIntegrationByKey(db, key));
      if (!revoked) throw new UserError(`there is no integration with the key "${key}" (see \`trellis integration list\`)`);
      if (options.json) return printJson(revoked);
      console.log(`Revoked the integration "${revoked.name}" (${revoked.key}).`);
    });
}
