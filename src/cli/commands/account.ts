import type { Command } from 'commander';
import { isRole, ROLES, type Role } from '../../core/access/roles.ts';
import { createAccount, listAccounts, rosterPersonName } from '../../db/accounts.ts';
import { withDatabase } from '../database.ts';
import { chooseDistrict } from '../district.ts';
import { printJson, UserError } from '../output.ts';

const MIN_PASSWORD_LENGTH = 8;

interface CreateOptions {
  email: string;
  role: string;
  user?: string;
  name?: string;
  district?: string;
  json?: boolean;
}

export function register(program: Command): void {
  const account = program.command('account').description('manage sign-in accounts');

  account
    .command('create')
    .description(
      'create a sign-in account; the password comes from TRELLIS_PASSWORD or is asked for on a terminal (never a flag: flags land in shell history)',
    )
    .requiredOption('--email <email>', 'email the person signs in with')
    .requiredOption('--role <role>', `one of: ${ROLES.join(', ')}`)
    .option('--user <sourcedId>', 'the roster person this account is (required except for district admins)')
    .option('--name <name>', 'display name (default: the roster name, or the email)')
    .option('--district <id>', 'district id or sourcedId (default: the only district)')
    .option('--json', 'machine-readable output')
    .action(async (options: CreateOptions) => {
      const role = checkRole(options.role);
      const email = checkEmail(options.email);
      if (role !== 'district_admin' && !options.user) throw new UserError(`a ${role} account needs --user <sourcedId> (their roster record)`);
      const password = await readPassword();
      const created = await withDatabase(async (db) => {
        const district = await chooseDistrict(db, options.district);
        const userSourcedId = options.user ?? null;
        const rosterName = userSourcedId ? await rosterPersonName(db, district.id, userSourcedId) : null;
        if (userSourcedId && rosterName === null) {
          throw new UserError(`there is no person "${userSourcedId}" in the roster of ${district.name}`);
        }
        const displayName = options.name ?? rosterName ?? email;
        try {
          const { id } = await createAccount(db, { districtId: district.id, email, password, role, userSourcedId, displayName });
          return { id, email, role, userSourcedId, displayName, district: district.name };
        } catch (error) {
          if ((error as { code?: string }).code === '23505') throw new UserError(`an account with the email ${email} already exists`);
          throw error;
        }
      });
      if (options.json) printJson(created);
      else console.log(`Created ${created.role} account ${created.email} (${created.displayName}) in ${created.district}.`);
    });

  account
    .command('list')
    .description('list sign-in accounts')
    .option('--district <id>', 'only this district (id or sourcedId)')
    .option('--json', 'machine-readable output')
    .action(async (options: { district?: string; json?: boolean }) => {
      const accounts = await withDatabase(async (db) => {
        const district = options.district ? await chooseDistrict(db, options.district) : null;
        return listAccounts(db, district?.id);
      });
      if (options.json) return printJson(accounts);
      if (accounts.length === 0) return console.log('No accounts yet. Create one with `trellis account create`.');
      const rows = accounts.map((a) => [a.email, a.role, a.userSourcedId ?? '-', a.displayName, a.districtName, a.disabled ? 'disabled' : '']);
      const widths = [0, 1, 2, 3, 4].map((i) => Math.max(...rows.map((r) => r[i]!.length)));
      for (const row of rows) console.log(row.map((cell, i) => (i < widths.length ? cell.padEnd(widths[i]!) : cell)).join('  ').trimEnd());
    });
}

function checkRole(value: string): Role {
  if (!isRole(value)) throw new UserError(`"${value}" is not a role; use one of: ${ROLES.join(', ')}`);
  return value;
}

function checkEmail(value: string): string {
  const email = value.trim();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new UserError(`"${value}" does not look like an email address`);
  return email;
}

async function readPassword(): Promise<string> {
  const fromEnv = process.env.TRELLIS_PASSWORD;
  let password: string;
  if (fromEnv !== undefined) {
    password = fromEnv;
  } else if (process.stdin.isTTY) {
    password = await readHidden('Password: ');
    if ((await readHidden('Password again: ')) !== password) throw new UserError('the two passwords differ');
  } else {
    throw new UserError('set TRELLIS_PASSWORD, or run on a terminal to be asked for the password');
  }
  if (password.length < MIN_PASSWORD_LENGTH) throw new UserError(`the password must be at least ${MIN_PASSWORD_LENGTH} characters`);
  return password;
}

/** Reads a line from the terminal without echoing it. */
function readHidden(prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    process.stderr.write(prompt);
    stdin.setRawMode(true);
    stdin.setEncoding('utf8');
    stdin.resume();
    let value = '';
    const finish = () => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      process.stderr.write('\n');
    };
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n' || char === '\u0004') {
          finish();
          resolve(value);
          return;
        }
        if (char === '\u0003') {
          finish();
          reject(new UserError('cancelled', 130));
          return;
        }
        if (char === '\u007f' || char === '\b') value = value.slice(0, -1);
        else value += char;
      }
    };
    stdin.on('data', onData);
  });
}
