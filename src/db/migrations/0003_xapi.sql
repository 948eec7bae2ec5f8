-- xAPI: the Learning Record Store (LRS) at /xapi. Learning programs
-- (integrations) send statements with HTTP Basic credentials that belong to a
-- district; every statement is kept whole (jsonb) with the columns the xAPI
-- query filters use. Documents (state, activity and agent profiles) and
-- attachments are kept per district too. See docs/xapi.md.

-- A learning program's credential. The key is the Basic auth user name and is
-- unique across districts (it is how a request finds its district, as an email
-- finds an account); the secret is shown once and only its sha256 is kept.
create table integrations (
  district_id uuid not null references districts(id) on delete cascade,
  id uuid not null default gen_random_uuid(),
  name text not null,
  key text not null unique,
  secret_hash text not null,
  created_at timestamptz not null default now(),
  -- the email of the admin who created it, or 'cli'
  created_by text not null,
  revoked_at timestamptz,
  last_used_at timestamptz,
  primary key (district_id, id)
);

create table xapi_statements (
  district_id uuid not null references districts(id) on delete cascade,
  -- the order statements were stored in: a reader keeps the last seq it processed
  seq bigint generated always as identity,
  id uuid not null,
  integration_id uuid not null,
  -- the statement as stored and returned (format=exact): with id, stored, authority, version
  statement jsonb not null,
  stored timestamptz not null,
  "timestamp" timestamptz not null,
  verb_id text not null,
  -- inverse functional identifiers, see src/core/xapi/agents.ts (null: anonymous group)
  actor_ifi text,
  object_type text not null check (object_type in ('Activity', 'Agent', 'Group', 'StatementRef', 'SubStatement')),
  object_activity_id text,
  object_agent_ifi text,
  -- the target of a StatementRef object (for a voiding statement, the voided one)
  object_statement_id uuid,
  registration uuid,
  is_voiding boolean not null default false,
  -- set when a voiding statement targets this one
  voided_at timestamptz,
  related_activity_ids text[] not null default '{}',
  related_agent_ifis text[] not null default '{}',
  primary key (district_id, id),
  unique (district_id, seq),
  foreign key (district_id, integration_id) references integrations (district_id, id)
);
create index xapi_statements_stored on xapi_statements (district_id, stored, seq);
create index xapi_statements_actor on xapi_statements (district_id, actor_ifi);
create index xapi_statements_object_agent on xapi_statements (district_id, object_agent_ifi) where object_agent_ifi is not null;
create index xapi_statements_verb on xapi_statements (district_id, verb_id);
create index xapi_statements_activity on xapi_statements (district_id, object_activity_id);
create index xapi_statements_registration on xapi_statements (district_id, registration) where registration is not null;
create index xapi_statements_target on xapi_statements (district_id, object_statement_id) where object_statement_id is not null;
create index xapi_statements_voided on xapi_statements (district_id, voided_at) where voided_at is not null;
create index xapi_statements_related_activities on xapi_statements using gin (related_activity_ids);
create index xapi_statements_related_agents on xapi_statements using gin (related_agent_ifis);

-- Attachment contents, by their sha2 (statements name them in attachments[].sha2).
create table xapi_attachments (
  district_id uuid not null references districts(id) on delete cascade,
  sha2 text not null,
  content_type text not null,
  content bytea not null,
  primary key (district_id, sha2)
);

-- The canonical definition of each activity: the latest definition a statement gave.
create table xapi_activities (
  district_id uuid not null references districts(id) on delete cascade,
  id text not null,
  definition jsonb not null,
  updated_at timestamptz not null default now(),
  primary key (district_id, id)
);

-- State, activity profile and agent profile documents. '' stands for "none" in
-- activity_id (agent profiles), agent_ifi (activity profiles) and registration.
create table xapi_documents (
  district_id uuid not null references districts(id) on delete cascade,
  kind text not null check (kind in ('state', 'activity_profile', 'agent_profile')),
  activity_id text not null,
  agent_ifi text not null,
  registration text not null,
  document_id text not null,
  content_type text not null,
  content bytea not null,
  etag text not null,
  updated_at timestamptz not null,
  primary key (district_id, kind, activity_id, agent_ifi, registration, document_id)
);
