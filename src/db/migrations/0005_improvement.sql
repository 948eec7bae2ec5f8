-- Improvement projects: an aim with members, a timeline of what happened, change
-- ideas, PDSA cycles and measures with their values. Every row carries
-- district_id and every key starts with it (see DESIGN.md, "Tenant key").
-- See docs/improvement.md.

create table improvement_projects (
  district_id uuid not null references districts(id) on delete cascade,
  id uuid not null default gen_random_uuid(),
  title text not null,
  -- the job the project does: correct one problem, coordinate departments, reorient a system
  job text not null check (job in ('correct', 'coordinate', 'reorient')),
  -- the aim statement: what will improve, for whom, by how much, by when
  aim_what text not null default '',
  aim_for_whom text not null default '',
  aim_how_much text not null default '',
  aim_by_when date,
  -- who the project belongs to: one team, one school, or the district
  scope_kind text not null check (scope_kind in ('team', 'school', 'district')),
  -- the team's or school's sourcedId; null for the district
  scope_id text,
  status text not null default 'active' check (status in ('active', 'paused', 'completed', 'closed')),
  created_by uuid references accounts(id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (district_id, id),
  check ((scope_kind = 'district') = (scope_id is null))
);
create index improvement_projects_scope on improvement_projects (district_id, scope_kind, scope_id);

-- People working on a project: a roster person, or an account outside the roster (a district admin).
create table improvement_members (
  district_id uuid not null,
  id uuid not null default gen_random_uuid(),
  project_id uuid not null,
  account_id uuid references accounts(id) on delete cascade,
  user_sourced_id text,
  role text not null default 'member' check (role in ('lead', 'member', 'sponsor', 'coach', 'data')),
  department text,
  created_at timestamptz not null default now(),
  primary key (district_id, id),
  foreign key (district_id, project_id) references improvement_projects (district_id, id) on delete cascade,
  foreign key (district_id, user_sourced_id) references users (district_id, sourced_id) on delete cascade,
  check (account_id is not null or user_sourced_id is not null)
);
create unique index improvement_members_person on improvement_members (district_id, project_id, user_sourced_id) where user_sourced_id is not null;
create unique index improvement_members_account on improvement_members (district_id, project_id, account_id) where user_sourced_id is null;
create index improvement_members_account_lookup on improvement_members (district_id, account_id);
create index improvement_members_user_lookup on improvement_members (district_id, user_sourced_id);

-- What happened on a project, newest last: every change through the API adds an entry.
create table improvement_timeline (
  district_id uuid not null,
  id uuid not null default gen_random_uuid(),
  project_id uuid not null,
  at timestamptz not null default clock_timestamp(),
  account_id uuid references accounts(id) on delete set null,
  -- e.g. project.created, aim.updated, cycle.studied, measure.values
  kind text not null,
  summary text not null,
  primary key (district_id, id),
  foreign key (district_id, project_id) references improvement_projects (district_id, id) on delete cascade
);
create index improvement_timeline_project on improvement_timeline (district_id, project_id, at);

-- A change idea the project tests. parent_node_id points at a node of the
-- project's driver diagram (a later migration adds the foreign key).
create table improvement_change_ideas (
  district_id uuid not null,
  id uuid not null default gen_random_uuid(),
  project_id uuid not null,
  title text not null,
  description text not null default '',
  parent_node_id uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (district_id, id),
  foreign key (district_id, project_id) references improvement_projects (district_id, id) on delete cascade
);
create index improvement_change_ideas_project on improvement_change_ideas (district_id, project_id);

-- A measure of the project: an outcome, a process step or a balancing measure,
-- charted with the measurement engine's options (src/core/spc/types.ts ChartOptions).
create table improvement_measures (
  district_id uuid not null,
  id uuid not null default gen_random_uuid(),
  project_id uuid not null,
  kind text not null check (kind in ('outcome', 'process', 'balancing')),
  name text not null,
  -- the part of the system it watches, for a reorientation's portfolio
  area text check (area in ('attendance', 'achievement', 'facilities', 'transportation', 'other')),
  operational_definition text not null default '',
  chart_options jsonb not null default '{"chart": "run"}',
  source text not null default 'manual' check (source in ('manual', 'csv', 'live')),
  -- how a live measure is computed from Trellis data; null for manual and CSV measures
  live_definition jsonb,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (district_id, id),
  foreign key (district_id, project_id) references improvement_projects (district_id, id) on delete cascade
);
create index improvement_measures_project on improvement_measures (district_id, project_id);

-- The series of a measure: one row per observation, in order. Rows sharing a date form one subgroup.
create table improvement_measure_values (
  district_id uuid not null,
  measure_id uuid not null,
  position integer not null,
  x date not null,
  y double precision,
  n double precision,
  primary key (district_id, measure_id, position),
  foreign key (district_id, measure_id) references improvement_measures (district_id, id) on delete cascade
);

-- A PDSA cycle: Plan, Do, Study, Act, at a scale, testing a change idea; cycles
-- chain through previous_cycle_id into a ramp that spreads from a classroom to the district.
create table improvement_cycles (
  district_id uuid not null,
  id uuid not null default gen_random_uuid(),
  project_id uuid not null,
  title text not null,
  change_idea_id uuid,
  previous_cycle_id uuid,
  -- the measure whose chart the Study phase reads
  measure_id uuid,
  scale text not null default 'classroom' check (scale in ('classroom', 'team', 'school', 'district')),
  participants text not null default '',
  due_on date,
  plan_question text not null default '',
  plan_prediction text not null default '',
  plan_who text not null default '',
  plan_what text not null default '',
  plan_where text not null default '',
  plan_when text not null default '',
  plan_data text not null default '',
  do_started_on date,
  do_ended_on date,
  do_what_happened text not null default '',
  do_observations text not null default '',
  study_results text not null default '',
  act_decision text check (act_decision in ('adopt', 'adapt', 'abandon')),
  act_next_step text not null default '',
  created_by uuid references accounts(id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (district_id, id),
  foreign key (district_id, project_id) references improvement_projects (district_id, id) on delete cascade,
  foreign key (district_id, change_idea_id) references improvement_change_ideas (district_id, id) on delete set null (change_idea_id),
  foreign key (district_id, previous_cycle_id) references improvement_cycles (district_id, id) on delete set null (previous_cycle_id),
  foreign key (district_id, measure_id) references improvement_measures (district_id, id) on delete set null (measure_id),
  check (do_ended_on is null or do_started_on is null or do_ended_on >= do_started_on)
);
create index improvement_cycles_project on improvement_cycles (district_id, project_id);
