/**
 * The files of a demo district: the OneRoster 1.1 CSV tables (bulk), Trellis's team
 * files, and the student program attributes, each with its columns in file order.
 */

export const COLUMNS = {
  orgs: ['sourcedId', 'status', 'dateLastModified', 'name', 'type', 'identifier', 'parentSourcedId'],
  academicSessions: ['sourcedId', 'status', 'dateLastModified', 'title', 'type', 'startDate', 'endDate', 'parentSourcedId', 'schoolYear'],
  courses: ['sourcedId', 'status', 'dateLastModified', 'schoolYearSourcedId', 'title', 'courseCode', 'grades', 'orgSourcedId', 'subjects', 'subjectCodes'],
  classes: [
    'sourcedId', 'status', 'dateLastModified', 'title', 'grades', 'courseSourcedId', 'classCode', 'classType', 'location',
    'schoolSourcedId', 'termSourcedIds', 'subjects', 'subjectCodes', 'periods',
  ],
  users: [
    'sourcedId', 'status', 'dateLastModified', 'enabledUser', 'orgSourcedIds', 'role', 'username', 'userIds', 'givenName',
    'familyName', 'middleName', 'identifier', 'email', 'sms', 'phone', 'agentSourcedIds', 'grades', 'password',
  ],
  enrollments: ['sourcedId', 'status', 'dateLastModified', 'classSourcedId', 'schoolSourcedId', 'userSourcedId', 'role', 'primary', 'beginDate', 'endDate'],
  demographics: [
    'sourcedId', 'status', 'dateLastModified', 'birthDate', 'sex', 'americanIndianOrAlaskaNative', 'asian', 'blackOrAfricanAmerican',
    'nativeHawaiianOrOtherPacificIslander', 'white', 'demographicRaceTwoOrMoreRaces', 'hispanicOrLatinoEthnicity',
    'countryOfBirthCode', 'stateOfBirthAbbreviation', 'cityOfBirth', 'publicSchoolResidenceStatus',
  ],
  teams: ['sourcedId', 'schoolSourcedId', 'name', 'grades'],
  teamMembers: ['teamSourcedId', 'userSourcedId', 'role'],
  teamClasses: ['teamSourcedId', 'classSourcedId'],
  teamStudents: ['teamSourcedId', 'userSourcedId'],
  studentsAttributes: ['student', 'englishLearner', 'specialEducation', 'economicallyDisadvantaged', 'homeLanguage'],
} as const;

export type TableName = keyof typeof COLUMNS;
/** One CSV row: every column as text, exactly as written (booleans as "true"/"false"). */
export type Row<T extends TableName> = Record<(typeof COLUMNS)[T][number], string>;
export type DemoTables = { [T in TableName]: Row<T>[] };

export const FILE_NAMES: Record<TableName, string> = {
  orgs: 'orgs.csv',
  academicSessions: 'academicSessions.csv',
  courses: 'courses.csv',
  classes: 'classes.csv',
  users: 'users.csv',
  enrollments: 'enrollments.csv',
  demographics: 'demographics.csv',
  teams: 'teams.csv',
  teamMembers: 'teamMembers.csv',
  teamClasses: 'teamClasses.csv',
  teamStudents: 'teamStudents.csv',
  studentsAttributes: 'students-attributes.csv',
};

export const TABLE_NAMES = Object.keys(COLUMNS) as TableName[];

/** manifest.csv of a OneRoster 1.1 bulk set with the seven files the demo writes. */
export const MANIFEST: readonly (readonly [string, string])[] = [
  ['manifest.version', '1.0'],
  ['oneroster.version', '1.1'],
  ['file.academicSessions', 'bulk'],
  ['file.categories', 'absent'],
  ['file.classes', 'bulk'],
  ['file.classResources', 'absent'],
  ['file.courses', 'bulk'],
  ['file.courseResources', 'absent'],
  ['file.demographics', 'bulk'],
  ['file.enrollments', 'bulk'],
  ['file.lineItems', 'absent'],
  ['file.orgs', 'bulk'],
  ['file.resources', 'absent'],
  ['file.results', 'absent'],
  ['file.users', 'bulk'],
  ['source.systemName', 'Trellis demo district generator'],
  ['source.systemCode', 'trellis-demo'],
];
