/**
 * The OneRoster CSV files Trellis reads, per version: columns, which are
 * required, their types, enumerations and references. Column names follow the
 * 1EdTech OneRoster 1.1 and 1.2 CSV tables.
 */

export type Version = '1.1' | '1.2';

export type EntityName =
  | 'orgs'
  | 'academicSessions'
  | 'courses'
  | 'classes'
  | 'users'
  | 'roles'
  | 'userProfiles'
  | 'demographics'
  | 'enrollments';

export type FieldType = 'text' | 'boolean' | 'date' | 'datetime' | 'year' | 'list' | 'enum';

export interface FieldSpec {
  /** The CSV header. */
  column: string;
  type: FieldType;
  /** The database column; absent when the field is checked but not stored. */
  target?: string;
  /** The column must be present and its value non-empty (on rows not being deleted). */
  required?: boolean;
  values?: readonly string[];
  /** The enumeration also accepts `ext:...` values. */
  extensible?: boolean;
  /** The value (each item, for lists) must name a row of this entity. */
  ref?: EntityName;
}

export interface FileSpec {
  entity: EntityName;
  file: string;
  /** The sourcedId column is itself a reference (demographics: the user). */
  keyRef?: EntityName;
  /** The database column holding the sourcedId. */
  keyTarget: string;
  fields: FieldSpec[];
}

export const STATUS_VALUES = ['active', 'tobedeleted'] as const;

const ORG_TYPES = ['department', 'school', 'district', 'local', 'state', 'national'];
const SESSION_TYPES = ['gradingPeriod', 'semester', 'schoolYear', 'term'];
const CLASS_TYPES = ['homeroom', 'scheduled'];
const ENROLLMENT_ROLES = ['administrator', 'proctor', 'student', 'teacher'];
const USER_ROLES_1_1 = ['administrator', 'aide', 'guardian', 'parent', 'proctor', 'relative', 'student', 'teacher'];
const USER_ROLES_1_2 = [
  'aide',
  'counselor',
  'districtAdministrator',
  'guardian',
  'parent',
  'principal',
  'proctor',
  'relative',
  'siteAdministrator',
  'student',
  'systemAdministrator',
  'teacher',
];
const ROLE_TYPES = ['primary', 'secondary'];
const SEX_1_1 = ['male', 'female'];
const SEX_1_2 = ['male', 'female', 'unspecified', 'other'];

const orgs: FileSpec = {
  entity: 'orgs',
  file: 'orgs.csv',
  keyTarget: 'sourced_id',
  fields: [
    { column: 'name', type: 'text', target: 'name', required: true },
    { column: 'type', type: 'enum', target: 'type', required: true, values: ORG_TYPES, extensible: true },
    { column: 'identifier', type: 'text', target: 'identifier' },
    { column: 'parentSourcedId', type: 'text', target: 'parent_sourced_id', ref: 'orgs' },
  ],
};

const academicSessions: FileSpec = {
  entity: 'academicSessions',
  file: 'academicSessions.csv',
  keyTarget: 'sourced_id',
  fields: [
    { column: 'title', type: 'text', target: 'title', required: true },
    { column: 'type', type: 'enum', target: 'type', required: true, values: SESSION_TYPES, extensible: true },
    { column: 'startDate', type: 'date', target: 'start_date', required: true },
    { column: 'endDate', type: 'date', target: 'end_date', required: true },
    { column: 'parentSourcedId', type: 'text', target: 'parent_sourced_id', ref: 'academicSessions' },
    { column: 'schoolYear', type: 'year', target: 'school_year', required: true },
  ],
};

const courses: FileSpec = {
  entity: 'courses',
  file: 'courses.csv',
  keyTarget: 'sourced_id',
  fields: [
    { column: 'schoolYearSourcedId', type: 'text', target: 'school_year_sourced_id', ref: 'academicSessions' },
    { column: 'title', type: 'text', target: 'title', required: true },
    { column: 'courseCode', type: 'text', target: 'course_code' },
    { column: 'grades', type: 'list', target: 'grades' },
    { column: 'orgSourcedId', type: 'text', target: 'org_sourced_id', required: true, ref: 'orgs' },
    { column: 'subjects', type: 'list', target: 'subjects' },
    { column: 'subjectCodes', type: 'list', target: 'subject_codes' },
  ],
};

const classes: FileSpec = {
  entity: 'classes',
  file: 'classes.csv',
  keyTarget: 'sourced_id',
  fields: [
    { column: 'title', type: 'text', target: 'title', required: true },
    { column: 'grades', type: 'list', target: 'grades' },
    { column: 'courseSourcedId', type: 'text', target: 'course_sourced_id', required: true, ref: 'courses' },
    { column: 'classCode', type: 'text', target: 'class_code' },
    { column: 'classType', type: 'enum', target: 'class_type', required: true, values: CLASS_TYPES, extensible: true },
    { column: 'location', type: 'text', target: 'location' },
    { column: 'schoolSourcedId', type: 'text', target: 'school_sourced_id', required: true, ref: 'orgs' },
    { column: 'termSourcedIds', type: 'list', target: 'term_sourced_ids', required: true, ref: 'academicSessions' },
    { column: 'subjects', type: 'list', target: 'subjects' },
    { column: 'subjectCodes', type: 'list', target: 'subject_codes' },
    { column: 'periods', type: 'list', target: 'periods' },
  ],
};

const userCommon: FieldSpec[] = [
  { column: 'enabledUser', type: 'boolean', target: 'enabled_user', required: true },
  { column: 'username', type: 'text', target: 'username', required: true },
  { column: 'userIds', type: 'list', target: 'user_ids' },
  { column: 'givenName', type: 'text', target: 'given_name', required: true },
  { column: 'familyName', type: 'text', target: 'family_name', required: true },
  { column: 'middleName', type: 'text', target: 'middle_name' },
  { column: 'identifier', type: 'text', target: 'identifier' },
  { column: 'email', type: 'text', target: 'email' },
  { column: 'sms', type: 'text', target: 'sms' },
  { column: 'phone', type: 'text', target: 'phone' },
  { column: 'agentSourcedIds', type: 'list' },
  { column: 'grades', type: 'list', target: 'grades' },
  { column: 'password', type: 'text' },
];

const users11: FileSpec = {
  entity: 'users',
  file: 'users.csv',
  keyTarget: 'sourced_id',
  fields: [
    ...userCommon,
    { column: 'orgSourcedIds', type: 'list', required: true, ref: 'orgs' },
    { column: 'role', type: 'enum', target: 'role', required: true, values: USER_ROLES_1_1 },
  ],
};

const users12: FileSpec = {
  entity: 'users',
  file: 'users.csv',
  keyTarget: 'sourced_id',
  fields: [
    ...userCommon,
    { column: 'userMasterIdentifier', type: 'text' },
    { column: 'resourceSourcedIds', type: 'list' },
    { column: 'preferredGivenName', type: 'text', target: 'preferred_given_name' },
    { column: 'preferredMiddleName', type: 'text' },
    { column: 'preferredFamilyName', type: 'text' },
    { column: 'primaryOrgSourcedId', type: 'text', ref: 'orgs' },
    { column: 'pronouns', type: 'text' },
  ],
};

const roles: FileSpec = {
  entity: 'roles',
  file: 'roles.csv',
  keyTarget: 'sourced_id',
  fields: [
    { column: 'userSourcedId', type: 'text', required: true, ref: 'users' },
    { column: 'roleType', type: 'enum', required: true, values: ROLE_TYPES },
    { column: 'role', type: 'enum', required: true, values: USER_ROLES_1_2, extensible: true },
    { column: 'beginDate', type: 'date' },
    { column: 'endDate', type: 'date' },
    { column: 'orgSourcedId', type: 'text', required: true, ref: 'orgs' },
    { column: 'userProfileSourcedId', type: 'text' },
  ],
};

const userProfiles: FileSpec = {
  entity: 'userProfiles',
  file: 'userProfiles.csv',
  keyTarget: 'sourced_id',
  fields: [
    { column: 'userSourcedId', type: 'text', required: true, ref: 'users' },
    { column: 'profileType', type: 'text', required: true },
    { column: 'vendorId', type: 'text', required: true },
    { column: 'applicationId', type: 'text' },
    { column: 'description', type: 'text' },
    { column: 'credentialType', type: 'text', required: true },
    { column: 'username', type: 'text', required: true },
    { column: 'password', type: 'text' },
  ],
};

function demographics(sexValues: string[], extensible: boolean): FileSpec {
  return {
    entity: 'demographics',
    file: 'demographics.csv',
    keyRef: 'users',
    keyTarget: 'user_sourced_id',
    fields: [
      { column: 'birthDate', type: 'date', target: 'birth_date' },
      { column: 'sex', type: 'enum', target: 'sex', values: sexValues, extensible },
      { column: 'americanIndianOrAlaskaNative', type: 'boolean', target: 'american_indian_or_alaska_native' },
      { column: 'asian', type: 'boolean', target: 'asian' },
      { column: 'blackOrAfricanAmerican', type: 'boolean', target: 'black_or_african_american' },
      {
        column: 'nativeHawaiianOrOtherPacificIslander',
        type: 'boolean',
        target: 'native_hawaiian_or_other_pacific_islander',
      },
      { column: 'white', type: 'boolean', target: 'white' },
      { column: 'demographicRaceTwoOrMoreRaces', type: 'boolean', target: 'two_or_more_races' },
      { column: 'hispanicOrLatinoEthnicity', type: 'boolean', target: 'hispanic_or_latino' },
      { column: 'countryOfBirthCode', type: 'text', target: 'country_of_birth_code' },
      { column: 'stateOfBirthAbbreviation', type: 'text', target: 'state_of_birth_abbreviation' },
      { column: 'cityOfBirth', type: 'text', target: 'city_of_birth' },
      { column: 'publicSchoolResidenceStatus', type: 'text', target: 'public_school_residence_status' },
    ],
  };
}

function enrollments(extensible: boolean): FileSpec {
  return {
    entity: 'enrollments',
    file: 'enrollments.csv',
    keyTarget: 'sourced_id',
    fields: [
      { column: 'classSourcedId', type: 'text', target: 'class_sourced_id', required: true, ref: 'classes' },
      { column: 'schoolSourcedId', type: 'text', target: 'school_sourced_id', required: true, ref: 'orgs' },
      { column: 'userSourcedId', type: 'text', target: 'user_sourced_id', required: true, ref: 'users' },
      { column: 'role', type: 'enum', target: 'role', required: true, values: ENROLLMENT_ROLES, extensible },
      { column: 'primary', type: 'boolean', target: 'is_primary' },
      { column: 'beginDate', type: 'date', target: 'begin_date' },
      { column: 'endDate', type: 'date', target: 'end_date' },
    ],
  };
}

/**
 * The files of each version in the order they are validated and written:
 * every file comes after the files it refers to.
 */
export const FILE_SPECS: Record<Version, FileSpec[]> = {
  '1.1': [orgs, academicSessions, courses, classes, users11, demographics(SEX_1_1, false), enrollments(false)],
  '1.2': [
    orgs,
    academicSessions,
    courses,
    classes,
    users12,
    roles,
    userProfiles,
    demographics(SEX_1_2, true),
    enrollments(true),
  ],
};

/** Manifest `file.*` properties Trellis reads; any others (gradebook files) are ignored. */
export function specFor(version: Version, entity: string): FileSpec | undefined {
  return FILE_SPECS[version].find((spec) => spec.entity === entity);
}
