-- Diagnosis tools and the driver diagram of an improvement project: fishbone
-- categories, causes and votes; five-whys chains; a process map; a system
-- interdependency map; and the driver diagram's tree of nodes, which change ideas
-- point into. Every row carries district_id and every key starts with it.
-- See docs/diagnosis.md.

-- A project's fishbone exists once its default categories were written, so that a
-- team that deletes every category is not handed the defaults again.
create table diagnosis_fishbones (
  district_id uuid not null,
  project_id uuid not null,
  created_at timestamptz not null default now(),
  primary key (district_id, project_id),
  foreign key (district_id, project_id) references improvement_projects (district_id, id) on delete cascade
);

create table diagnosis_fishbone_categories (
  district_id uuid not null,
  id uuid not null default gen_random_uuid(),
  project_id uuid not null,
  name text not null,
  position integer not null,
  primary key (district_id, id),
  foreign key (district_id, project_id) references improvement_projects (district_id, id) on delete cascade
);
create index diagnosis_fishbone_categories_project on diagnosis_fishbone_categories (district_id, project_id, position);

create table diagnosis_fishbone_causes (
  district_id uuid not null,
  id uuid not null default gen_random_uuid(),
  project_id uuid not null,
  category_id uuid not null,
  text text not null,
  created_by uuid references accounts(id) on delete set null,
  created_at timestamptz not null default clock_timestamp(),
  primary key (district_id, id),
  foreign key (district_id, project_id) references improvement_projects (district_id, id) on delete cascade,
  foreign key (district_id, category_id) references diagnosis_fishbone_categories (district_id, id) on delete cascade
);
create index diagnosis_fishbone_causes_project on diagnosis_fishbone_causes (district_id, project_id);

-- One vote per account per cause.
create table diagnosis_fishbone_votes (
  district_id uuid not null,
  cause_id uuid not null,
  account_id uuid not null references accounts(id) on delete cascade,
  created_at timestamptz not null default now(),
  primary key (district_id, cause_id, account_id),
  foreign key (district_id, cause_id) references diagnosis_fishbone_causes (district_id, id) on delete cascade
);

-- A five-whys chain: a problem, its question-and-answer steps, and the root cause it ends at.
create table diagnosis_why_chains (
  district_id uuid not null,
  id uuid not null default gen_random_uuid(),
  project_id uuid not null,
  problem text not null,
  root_cause text not null default '',
  created_at timestamptz not null default clock_timestamp(),
  primary key (district_id, id),
  foreign key (district_id, project_id) references improvement_projects (district_id, id) on delete cascade
);
create index diagnosis_why_chains_project on diagnosis_why_chains (district_id, project_id);

create table diagnosis_why_steps (
  district_id uuid not null,
  id uuid not null default gen_random_uuid(),
  chain_id uuid not null,
  position integer not null,
  question text not null,
  answer text not null default '',
  primary key (district_id, id),
  foreign key (district_id, chain_id) references diagnosis_why_chains (district_id, id) on delete cascade
);
create index diagnosis_why_steps_chain on diagnosis_why_steps (district_id, chain_id, position);

-- The process map: one ordered list of steps per project, each with its pain points.
create table diagnosis_process_steps (
  district_id uuid not null,
  id uuid not null default gen_random_uuid(),
  project_id uuid not null,
  position integer not null,
  text text not null,
  pain_points text[] not null default '{}',
  primary key (district_id, id),
  foreign key (district_id, project_id) references improvement_projects (district_id, id) on delete cascade
);
create index diagnosis_process_steps_project on diagnosis_process_steps (district_id, project_id, position);

-- The system interdependency map: elements of the school system and links between them.
create table diagnosis_system_elements (
  district_id uuid not null,
  id uuid not null default gen_random_uuid(),
  project_id uuid not null,
  kind text not null check (kind in ('pd_initiative', 'staffing_policy', 'schedule', 'enrollment_practice', 'discipline_practice', 'other')),
  name text not null,
  created_at timestamptz not null default clock_timestamp(),
  primary key (district_id, id),
  foreign key (district_id, project_id) references improvement_projects (district_id, id) on delete cascade
);
create index diagnosis_system_elements_project on diagnosis_system_elements (district_id, project_id);

-- "from conflicts with to" (read both ways) or "from depends on to".
create table diagnosis_system_links (
  district_id uuid not null,
  id uuid not null default gen_random_uuid(),
  project_id uuid not null,
  from_id uuid not null,
  to_id uuid not null,
  kind text not null check (kind in ('conflicts_with', 'depends_on')),
  note text not null default '',
  created_at timestamptz not null default clock_timestamp(),
  primary key (district_id, id),
  unique (district_id, from_id, to_id, kind),
  check (from_id <> to_id),
  foreign key (district_id, project_id) references improvement_projects (district_id, id) on delete cascade,
  foreign key (district_id, from_id) references diagnosis_system_elements (district_id, id) on delete cascade,
  foreign key (district_id, to_id) references diagnosis_system_elements (district_id, id) on delete cascade
);
create index diagnosis_system_links_project on diagnosis_system_links (district_id, project_id);

-- The driver diagram: aim -> primary drivers -> secondary drivers -> change ideas.
-- The kind follows the depth (src/core/diagnosis/driverTree.ts keeps it so on every move).
create table driver_nodes (
  district_id uuid not null,
  id uuid not null default gen_random_uuid(),
  project_id uuid not null,
  parent_id uuid,
  kind text not null check (kind in ('aim', 'primary', 'secondary', 'change_idea')),
  text text not null,
  position integer not null,
  created_at timestamptz not null default clock_timestamp(),
  primary key (district_id, id),
  check ((kind = 'aim') = (parent_id is null)),
  foreign key (district_id, project_id) references improvement_projects (district_id, id) on delete cascade,
  foreign key (district_id, parent_id) references driver_nodes (district_id, id) on delete cascade
);
create index driver_nodes_project on driver_nodes (district_id, project_id, parent_id, position);
-- One aim per project.
create unique index driver_nodes_one_aim on driver_nodes (district_id, project_id) where parent_id is null;

-- A change idea hangs under a node of the driver diagram (0005 left this key to here).
alter table improvement_change_ideas
  add foreign key (district_id, parent_node_id) references driver_nodes (district_id, id) on delete set null (parent_node_id);
