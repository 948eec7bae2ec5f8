-- Mastery: the district's fitted model, the current estimate per student and
-- skill (kept up to date as evidence arrives), and the struggling flags raised
-- from them, with their acknowledgement history. See docs/mastery.md and
-- docs/learning-data.md.

-- The model `trellis mastery fit` fitted on the district's evidence (the JSON of
-- src/core/mastery/serialise.ts). No row: the built-in prior model is used.
create table mastery_models (
  district_id uuid primary key references districts(id) on delete cascade,
  kind text not null check (kind in ('bkt', 'logistic')),
  model jsonb not null,
  -- how much evidence it was fitted on
  responses integer not null,
  students integer not null,
  skills integer not null,
  fitted_at timestamptz not null default now()
);

-- The current estimate for a student on a skill with any evidence. Rewritten
-- from the student's evidence whenever new evidence for the pair arrives.
create table mastery_estimates (
  district_id uuid not null,
  student_sourced_id text not null,
  skill_id uuid not null,
  -- probability the student knows the skill now
  known double precision not null check (known >= 0 and known <= 1),
  -- probability the next attempt is right
  next_correct double precision not null check (next_correct >= 0 and next_correct <= 1),
  state text not null check (state in ('learning', 'mastered')),
  attempts integer not null,
  right_count integer not null,
  first_at timestamptz not null,
  last_at timestamptz not null,
  -- when the estimate last crossed the mastery threshold upward; null if never
  mastered_at timestamptz,
  -- a sentence for the team (src/core/mastery/explain.ts)
  explanation text not null default '',
  updated_at timestamptz not null default now(),
  primary key (district_id, student_sourced_id, skill_id),
  foreign key (district_id, student_sourced_id) references users (district_id, sourced_id) on delete cascade,
  foreign key (district_id, skill_id) references skills (district_id, id) on delete cascade
);
create index mastery_estimates_skill on mastery_estimates (district_id, skill_id);

-- A struggling flag (src/core/learning/flags.ts): raised when its condition
-- begins, cleared when it ends. Acknowledging one records who owns it and a
-- note; nothing is deleted, so acknowledged and cleared flags are the history.
create table learning_flags (
  district_id uuid not null,
  id uuid not null default gen_random_uuid(),
  student_sourced_id text not null,
  kind text not null check (kind in ('wheel_spinning', 'regression', 'inactive', 'behind')),
  -- the skill for wheel-spinning and regression; null for the student as a whole
  skill_id uuid,
  reason text not null,
  -- when the condition began
  since timestamptz not null,
  raised_at timestamptz not null default now(),
  -- when the condition ended; null while the flag is open
  cleared_at timestamptz,
  acknowledged_at timestamptz,
  acknowledged_by uuid references accounts(id) on delete set null,
  -- who will act on it: a staff sourcedId
  owner_sourced_id text,
  note text,
  primary key (district_id, id),
  foreign key (district_id, student_sourced_id) references users (district_id, sourced_id) on delete cascade,
  foreign key (district_id, skill_id) references skills (district_id, id) on delete cascade
);
-- At most one open flag of a kind per student and skill.
create unique index learning_flags_open
  on learning_flags (district_id, student_sourced_id, kind, coalesce(skill_id, '00000000-0000-0000-0000-000000000000'::uuid))
  where cleared_at is null;
create index learning_flags_student on learning_flags (district_id, student_sourced_id, raised_at desc);
