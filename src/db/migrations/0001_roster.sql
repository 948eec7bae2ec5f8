-- Roster: the OneRoster model (orgs, academic sessions, courses, classes, users,
-- enrollments, demographics) plus what OneRoster lacks: student program
-- attributes and teaching teams. Every row of a district's data carries
-- district_id, and every key starts with it.

create table districts (
  id uuid primary key default gen_random_uuid(),
  -- sourcedId of the OneRoster org of type "district" this tenant was created from
  sourced_id text not null unique,
  name text not null,
  is_demo boolean not null default false,
  created_at timestamptz not null default now()
);

create table orgs (
  district_id uuid not null references districts(id) on delete cascade,
  sourced_id text not null,
  status text not null default 'active',
  date_last_modified timestamptz,
  name text not null,
  type text not null,
  identifier text,
  parent_sourced_id text,
  extensions jsonb not null default '{}',
  primary key (district_id, sourced_id)
);
create index orgs_type on orgs (district_id, type);

create table academic_sessions (
  district_id uuid not null references districts(id) on delete cascade,
  sourced_id text not null,
  status text not null default 'active',
  date_last_modified timestamptz,
  title text not null,
  type text not null,
  start_date date not null,
  end_date date not null,
  parent_sourced_id text,
  school_year text not null,
  extensions jsonb not null default '{}',
  primary key (district_id, sourced_id)
);

create table courses (
  district_id uuid not null references districts(id) on delete cascade,
  sourced_id text not null,
  status text not null default 'active',
  date_last_modified timestamptz,
  title text not null,
  school_year_sourced_id text,
  course_code text,
  grades text[] not null default '{}',
  org_sourced_id text not null,
  subjects text[] not null default '{}',
  subject_codes text[] not null default '{}',
  extensions jsonb not null default '{}',
  primary key (district_id, sourced_id),
  foreign key (district_id, org_sourced_id) references orgs (district_id, sourced_id) on delete cascade
);

create table classes (
  district_id uuid not null references districts(id) on delete cascade,
  sourced_id text not null,
  status text not null default 'active',
  date_last_modified timestamptz,
  title text not null,
  grades text[] not null default '{}',
  course_sourced_id text not null,
  class_code text,
  class_type text not null,
  location text,
  school_sourced_id text not null,
  term_sourced_ids text[] not null default '{}',
  subjects text[] not null default '{}',
  subject_codes text[] not null default '{}',
  periods text[] not null default '{}',
  extensions jsonb not null default '{}',
  primary key (district_id, sourced_id),
  foreign key (district_id, course_sourced_id) references courses (district_id, sourced_id) on delete cascade,
  foreign key (district_id, school_sourced_id) references orgs (district_id, sourced_id) on delete cascade
);
create index classes_school on classes (district_id, school_sourced_id);

-- Students and staff alike, as in OneRoster; `role` is the OneRoster role
-- (student, teacher, administrator, aide, ...).
create table users (
  district_id uuid not null references districts(id) on delete cascade,
  sourced_id text not null,
  status text not null default 'active',
  date_last_modified timestamptz,
  enabled_user boolean not null default true,
  role text not null,
  username text,
  user_ids text[] not null default '{}',
  given_name text not null,
  family_name text not null,
  middle_name text,
  preferred_given_name text,
  identifier text,
  email text,
  sms text,
  phone text,
  grades text[] not null default '{}',
  extensions jsonb not null default '{}',
  primary key (district_id, sourced_id)
);
create index users_role on users (district_id, role, family_name, given_name, sourced_id);
create index users_identifier on users (district_id, identifier);
create index users_email on users (district_id, lower(email));

create table user_orgs (
  district_id uuid not null,
  user_sourced_id text not null,
  org_sourced_id text not null,
  primary key (district_id, user_sourced_id, org_sourced_id),
  foreign key (district_id, user_sourced_id) references users (district_id, sourced_id) on delete cascade,
  foreign key (district_id, org_sourced_id) references orgs (district_id, sourced_id) on delete cascade
);
create index user_orgs_org on user_orgs (district_id, org_sourced_id);

create table enrollments (
  district_id uuid not null references districts(id) on delete cascade,
  sourced_id text not null,
  status text not null default 'active',
  date_last_modified timestamptz,
  class_sourced_id text not null,
  school_sourced_id text not null,
  user_sourced_id text not null,
  role text not null,
  is_primary boolean not null default false,
  begin_date date,
  end_date date,
  extensions jsonb not null default '{}',
  primary key (district_id, sourced_id),
  foreign key (district_id, class_sourced_id) references classes (district_id, sourced_id) on delete cascade,
  foreign key (district_id, school_sourced_id) references orgs (district_id, sourced_id) on delete cascade,
  foreign key (district_id, user_sourced_id) references users (district_id, sourced_id) on delete cascade
);
create index enrollments_class on enrollments (district_id, class_sourced_id);
create index enrollments_user on enrollments (district_id, user_sourced_id);

create table demographics (
  district_id uuid not null,
  user_sourced_id text not null,
  status text not null default 'active',
  date_last_modified timestamptz,
  birth_date date,
  sex text,
  american_indian_or_alaska_native boolean,
  asian boolean,
  black_or_african_american boolean,
  native_hawaiian_or_other_pacific_islander boolean,
  white boolean,
  two_or_more_races boolean,
  hispanic_or_latino boolean,
  country_of_birth_code text,
  state_of_birth_abbreviation text,
  city_of_birth text,
  public_school_residence_status text,
  extensions jsonb not null default '{}',
  primary key (district_id, user_sourced_id),
  foreign key (district_id, user_sourced_id) references users (district_id, sourced_id) on delete cascade
);

-- Program attributes OneRoster does not carry, from `trellis import students-attributes`.
create table student_attributes (
  district_id uuid not null,
  user_sourced_id text not null,
  english_learner boolean not null default false,
  special_education boolean not null default false,
  economically_disadvantaged boolean not null default false,
  home_language text,
  updated_at timestamptz not null default now(),
  primary key (district_id, user_sourced_id),
  foreign key (district_id, user_sourced_id) references users (district_id, sourced_id) on delete cascade
);

-- A teaching team: a teacher-leader with teachers, tutors and residents who
-- share students, through classes or directly.
create table teams (
  district_id uuid not null references districts(id) on delete cascade,
  sourced_id text not null,
  school_sourced_id text not null,
  name text not null,
  grades text[] not null default '{}',
  primary key (district_id, sourced_id),
  foreign key (district_id, school_sourced_id) references orgs (district_id, sourced_id) on delete cascade
);

create table team_members (
  district_id uuid not null,
  team_sourced_id text not null,
  user_sourced_id text not null,
  -- teacher_leader, teacher, tutor, resident, coach
  role text not null check (role in ('teacher_leader', 'teacher', 'tutor', 'resident', 'coach')),
  primary key (district_id, team_sourced_id, user_sourced_id),
  foreign key (district_id, team_sourced_id) references teams (district_id, sourced_id) on delete cascade,
  foreign key (district_id, user_sourced_id) references users (district_id, sourced_id) on delete cascade
);
create index team_members_user on team_members (district_id, user_sourced_id);

create table team_classes (
  district_id uuid not null,
  team_sourced_id text not null,
  class_sourced_id text not null,
  primary key (district_id, team_sourced_id, class_sourced_id),
  foreign key (district_id, team_sourced_id) references teams (district_id, sourced_id) on delete cascade,
  foreign key (district_id, class_sourced_id) references classes (district_id, sourced_id) on delete cascade
);

create table team_students (
  district_id uuid not null,
  team_sourced_id text not null,
  user_sourced_id text not null,
  primary key (district_id, team_sourced_id, user_sourced_id),
  foreign key (district_id, team_sourced_id) references teams (district_id, sourced_id) on delete cascade,
  foreign key (district_id, user_sourced_id) references users (district_id, sourced_id) on delete cascade
);
create index team_students_user on team_students (district_id, user_sourced_id);

-- One row per import attempt, accepted or rejected, for the admin's history.
create table import_runs (
  id uuid primary key default gen_random_uuid(),
  district_id uuid references districts(id) on delete cascade,
  kind text not null,
  source text not null,
  outcome text not null check (outcome in ('accepted', 'rejected')),
  counts jsonb not null default '{}',
  problems jsonb not null default '[]',
  started_at timestamptz not null,
  finished_at timestamptz not null default now()
);

-- Which students each team shares: those placed on the team directly and those
-- enrolled as students in the team's classes. Scope checks read this view.
create view team_student_scope as
  select district_id, team_sourced_id, user_sourced_id from team_students
  union
  select tc.district_id, tc.team_sourced_id, e.user_sourced_id
  from team_classes tc
  join enrollments e on e.district_id = tc.district_id and e.class_sourced_id = tc.class_sourced_id
  where e.role = 'student';
