-- Learning data: skill frameworks (from a CASE package or a CSV file), their
-- skills with tree, prerequisites and courses; each team's skill sequence; the
-- map from program activities to skills; and evidence, one observed attempt of a
-- student on a skill, from xAPI statements, CSV files or a OneRoster gradebook.
-- As everywhere, every row carries district_id and every key starts with it.
-- See docs/learning-data.md.

create table skill_frameworks (
  district_id uuid not null references districts(id) on delete cascade,
  id uuid not null default gen_random_uuid(),
  source text not null check (source in ('case', 'csv')),
  -- CASE: the CFDocument identifier; CSV: the framework's title given on import
  source_key text not null,
  uri text,
  title text not null,
  version text,
  updated_at timestamptz not null default now(),
  primary key (district_id, id),
  unique (district_id, source, source_key)
);

-- A node of a framework: a standard, a skill, or a grouping such as a grade.
create table skills (
  district_id uuid not null,
  id uuid not null default gen_random_uuid(),
  framework_id uuid not null,
  -- the CFItem identifier, or the code in a CSV framework: what re-imports match on
  source_key text not null,
  -- humanCodingScheme in CASE (may be absent there), the code in a CSV framework
  code text,
  name text not null,
  -- CFItemType, e.g. Standard, Grade Level
  item_type text,
  case_identifier text,
  case_uri text,
  parent_id uuid,
  sort_order integer not null default 0,
  primary key (district_id, id),
  unique (district_id, framework_id, source_key),
  foreign key (district_id, framework_id) references skill_frameworks (district_id, id) on delete cascade,
  foreign key (district_id, parent_id) references skills (district_id, id) on delete set null (parent_id)
);
create index skills_code on skills (district_id, code);
create index skills_case_identifier on skills (district_id, case_identifier);

-- skill_id needs prerequisite_id first (CASE: prerequisite `precedes` skill).
-- CASE isPeerOf and the other association types are not prerequisites and are not stored.
create table skill_prerequisites (
  district_id uuid not null,
  skill_id uuid not null,
  prerequisite_id uuid not null,
  primary key (district_id, skill_id, prerequisite_id),
  check (skill_id <> prerequisite_id),
  foreign key (district_id, skill_id) references skills (district_id, id) on delete cascade,
  foreign key (district_id, prerequisite_id) references skills (district_id, id) on delete cascade
);
create index skill_prerequisites_prerequisite on skill_prerequisites (district_id, prerequisite_id);

create table skill_courses (
  district_id uuid not null,
  skill_id uuid not null,
  course_sourced_id text not null,
  primary key (district_id, skill_id, course_sourced_id),
  foreign key (district_id, skill_id) references skills (district_id, id) on delete cascade,
  foreign key (district_id, course_sourced_id) references courses (district_id, sourced_id) on delete cascade
);
create index skill_courses_course on skill_courses (district_id, course_sourced_id);

-- The skills a team is working through, in order, optionally with dates.
create table team_skill_sequences (
  district_id uuid not null,
  team_sourced_id text not null,
  position integer not null check (position >= 1),
  skill_id uuid not null,
  starts_on date,
  ends_on date,
  check (ends_on >= starts_on),
  primary key (district_id, team_sourced_id, position),
  unique (district_id, team_sourced_id, skill_id),
  foreign key (district_id, team_sourced_id) references teams (district_id, sourced_id) on delete cascade,
  foreign key (district_id, skill_id) references skills (district_id, id) on delete cascade
);

-- Which skill an activity of a learning program exercises: an xAPI activity IRI
-- or a program's own id. program '' holds for every program.
create table activity_skills (
  district_id uuid not null,
  program text not null default '',
  activity text not null,
  skill_id uuid not null,
  primary key (district_id, program, activity, skill_id),
  foreign key (district_id, skill_id) references skills (district_id, id) on delete cascade
);

-- One observed attempt or score of a student on a skill. (source_kind, source_key,
-- skill_id) makes re-imports and re-derivations idempotent: source_key is the
-- statement id (xapi), the result sourcedId (oneroster), or student and time (csv).
create table evidence (
  district_id uuid not null,
  student_sourced_id text not null,
  skill_id uuid not null,
  occurred_at timestamptz not null,
  correct boolean not null,
  -- scaled 0..1 when the source gave a score
  score double precision check (score >= 0 and score <= 1),
  source_kind text not null check (source_kind in ('xapi', 'csv', 'oneroster')),
  source_key text not null,
  -- for people: the statement id, FILE:LINE, or the lineItem sourcedId
  source_ref text not null,
  recorded_at timestamptz not null default now(),
  primary key (district_id, source_kind, source_key, skill_id),
  foreign key (district_id, student_sourced_id) references users (district_id, sourced_id) on delete cascade,
  foreign key (district_id, skill_id) references skills (district_id, id) on delete cascade
);
-- The latest evidence per student per skill.
create index evidence_student_skill on evidence (district_id, student_sourced_id, skill_id, occurred_at desc);
-- The evidence of a team's students since a time (team_student_scope gives the students).
create index evidence_student_time on evidence (district_id, student_sourced_id, occurred_at desc);

-- Stored xAPI statements that gave no evidence, and why: 'no student' (the actor
-- is no student of the district), 'no skill' (the activity maps to no skill),
-- 'no result' (neither success nor a score). Rechecked by `trellis learning sync --recheck`.
create table unmapped_statements (
  district_id uuid not null references districts(id) on delete cascade,
  statement_id text not null,
  reason text not null check (reason in ('no student', 'no skill', 'no result')),
  activity_id text,
  platform text,
  -- the actor as written: account name, mbox, ...
  actor text,
  occurred_at timestamptz,
  -- when this outcome was recorded (a recheck with the same outcome leaves it)
  recorded_at timestamptz not null default now(),
  primary key (district_id, statement_id)
);
create index unmapped_statements_reason on unmapped_statements (district_id, reason);

-- Where `trellis learning sync` got to in a district's statements: the last seq it
-- looked at (seq order is commit order within a district, docs/xapi.md) and when
-- it started, so the next sync reads only newer statements and newer voidings.
create table statement_evidence_cursors (
  district_id uuid primary key references districts(id) on delete cascade,
  last_seq bigint not null,
  synced_at timestamptz not null
);
