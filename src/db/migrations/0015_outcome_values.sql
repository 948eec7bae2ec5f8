-- Outcomes by school and period (docs/measures.md, "Outcomes by school and
-- period"): figures a district already keeps elsewhere (non-local college
-- applications, graduation, attendance, discipline incidents), imported from a
-- CSV with `trellis import outcomes` and charted by a live measure of kind
-- imported_outcome. A re-import of the same school, outcome and period replaces
-- the value. The school is not a foreign key to orgs: the history stays when a
-- roster import retires a school.

create table outcome_values (
  district_id uuid not null references districts(id) on delete cascade,
  school_sourced_id text not null,
  outcome text not null check (outcome ~ '^[a-z][a-z0-9_]*$'),
  period text not null check (period ~ '^\d{4}(-\d{2}(-\d{2})?)?$'),
  value double precision not null,
  denominator double precision check (denominator is null or denominator > 0),
  imported_at timestamptz not null default now(),
  primary key (district_id, school_sourced_id, outcome, period)
);
create index outcome_values_outcome on outcome_values (district_id, outcome);

-- A live measure may now be fed by imported outcomes: it names the outcome
-- (and optionally a school) instead of a team.
alter table improvement_measures
  drop constraint improvement_measures_live_definition_shape;

alter table improvement_measures
  add constraint improvement_measures_live_definition_shape check (
    live_definition is null or (
      jsonb_typeof(live_definition) = 'object'
      and (
        (live_definition->>'kind' = 'imported_outcome'
          and jsonb_typeof(live_definition->'outcome') = 'string'
          and (live_definition->'school' is null or jsonb_typeof(live_definition->'school') = 'string'))
        or (
          live_definition->>'kind' in ('mastery_share', 'struggling', 'regrouping_frequency', 'adults_per_student')
          and jsonb_typeof(live_definition->'team') = 'string'
          and coalesce(live_definition->>'period', 'week') in ('week', 'month')
          and (live_definition->'skills' is null or jsonb_typeof(live_definition->'skills') = 'array')
          and (live_definition->'gap' is null or (
            jsonb_typeof(live_definition->'gap'->'a') = 'object' and jsonb_typeof(live_definition->'gap'->'b') = 'object'
          ))
        )
      )
    )
  );
