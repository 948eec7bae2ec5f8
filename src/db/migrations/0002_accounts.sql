-- Sign-in: local accounts with argon2id hashes and database sessions.

create table accounts (
  id uuid primary key default gen_random_uuid(),
  district_id uuid not null references districts(id) on delete cascade,
  email text not null,
  password_hash text not null,
  -- district_admin, school_leader, teacher_leader, teacher, tutor, resident, coach, student
  role text not null check (role in ('district_admin', 'school_leader', 'teacher_leader', 'teacher', 'tutor', 'resident', 'coach', 'student')),
  -- the roster person this account is; null only for district admins outside the roster
  user_sourced_id text,
  display_name text not null,
  disabled boolean not null default false,
  created_at timestamptz not null default now(),
  foreign key (district_id, user_sourced_id) references users (district_id, sourced_id) on delete cascade
);
-- Emails sign people in, so they are unique across districts.
create unique index accounts_email on accounts (lower(email));

create table sessions (
  -- sha256 of the cookie token: a leaked table does not leak live sessions
  token_hash text primary key,
  account_id uuid not null references accounts(id) on delete cascade,
  csrf_token text not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index sessions_account on sessions (account_id);
