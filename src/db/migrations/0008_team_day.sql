-- The team day (docs/regrouping.md): each team's day model (blocks, adults,
-- stations, rooms, rules), the draft plan per date that the teacher-leader
-- generates and edits, every published plan (the latest per date is the day's
-- plan, earlier ones are its history), and the secret calendar feed tokens.

-- The day model as the API's JSON (src/grouping/day-setup.ts validates it).
create table team_day_setups (
  district_id uuid not null,
  team_sourced_id text not null,
  setup jsonb not null,
  updated_at timestamptz not null default now(),
  updated_by uuid references accounts(id) on delete set null,
  primary key (district_id, team_sourced_id),
  foreign key (district_id, team_sourced_id) references teams (district_id, sourced_id) on delete cascade
);

-- One draft per team and date: the optimiser's plan, then the leader's edits.
create table team_day_drafts (
  district_id uuid not null,
  team_sourced_id text not null,
  plan_date date not null,
  -- [{block, adult?, station?, focusSkill, students}]
  groups jsonb not null,
  -- [{block, student, adult?, station?, focusSkill?}]
  pins jsonb not null default '[]',
  -- {student: {block: sentence}}
  reasons jsonb not null default '{}',
  -- null while the plan breaks a hard rule
  objective double precision,
  generated_at timestamptz,
  updated_at timestamptz not null default now(),
  updated_by uuid references accounts(id) on delete set null,
  primary key (district_id, team_sourced_id, plan_date),
  foreign key (district_id, team_sourced_id) references teams (district_id, sourced_id) on delete cascade
);

-- Every publication; version 1, 2, ... per team and date.
create table team_day_publications (
  district_id uuid not null,
  team_sourced_id text not null,
  plan_date date not null,
  version integer not null check (version >= 1),
  groups jsonb not null,
  pins jsonb not null default '[]',
  reasons jsonb not null default '{}',
  objective double precision,
  -- the hard rules it broke when published with override
  warnings jsonb not null default '[]',
  -- the day setup it was published with (block times, station names), so later edits to the setup do not move it
  setup jsonb not null,
  generated_at timestamptz,
  published_at timestamptz not null default now(),
  published_by uuid references accounts(id) on delete set null,
  published_by_name text not null,
  primary key (district_id, team_sourced_id, plan_date, version),
  foreign key (district_id, team_sourced_id) references teams (district_id, sourced_id) on delete cascade
);
create index team_day_publications_date on team_day_publications (district_id, plan_date);

-- A calendar app's key to one account's feed: only the SHA-256 of the token is kept.
create table calendar_feed_tokens (
  district_id uuid not null,
  account_id uuid not null references accounts(id) on delete cascade,
  token_hash text not null,
  created_at timestamptz not null default now(),
  primary key (district_id, account_id),
  unique (district_id, token_hash)
);
