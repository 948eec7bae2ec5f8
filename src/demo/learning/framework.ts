/**
 * The demo district's skill framework: a middle-school mathematics sequence,
 * published as a CASE 1.0 package (CFDocument, CFItems, CFAssociations) so it
 * loads through the same importer as a state's framework. Statements are
 * Trellis's own short wording; codes follow the usual grade.domain.number
 * pattern. `precedes` links carry the prerequisites.
 */

export interface DemoSkill {
  code: string;
  statement: string;
  grade: '06' | '07' | '08';
  /** Codes of the skills that must be mastered first. */
  prerequisites: string[];
}

export const DEMO_FRAMEWORK_HOST = 'https://standards.valleyoak.example';

/** In sequence order within each grade. */
export const DEMO_SKILLS: readonly DemoSkill[] = [
  { code: '6.RP.1', statement: 'Describe a ratio relationship between two quantities', grade: '06', prerequisites: [] },
  { code: '6.RP.2', statement: 'Find and explain a unit rate', grade: '06', prerequisites: ['6.RP.1'] },
  { code: '6.RP.3a', statement: 'Complete tables of equivalent ratios and plot them', grade: '06', prerequisites: ['6.RP.1'] },
  { code: '6.RP.3b', statement: 'Solve unit rate problems, including constant speed', grade: '06', prerequisites: ['6.RP.2', '6.RP.3a'] },
  { code: '6.RP.3c', statement: 'Find a percent of a quantity as a rate per 100', grade: '06', prerequisites: ['6.RP.3b'] },
  { code: '6.NS.1', statement: 'Divide fractions by fractions and interpret the quotient', grade: '06', prerequisites: [] },
  { code: '6.NS.3', statement: 'Add, subtract, multiply and divide multi-digit decimals', grade: '06', prerequisites: [] },
  { code: '6.NS.5', statement: 'Use positive and negative numbers to describe quantities', grade: '06', prerequisites: [] },
  { code: '6.NS.6', statement: 'Place rational numbers on a number line and coordinate plane', grade: '06', prerequisites: ['6.NS.5'] },
  { code: '6.EE.1', statement: 'Write and evaluate expressions with whole-number exponents', grade: '06', prerequisites: [] },
  { code: '6.EE.2', statement: 'Write, read and evaluate expressions with variables', grade: '06', prerequisites: ['6.EE.1'] },
  { code: '6.EE.3', statement: 'Generate equivalent expressions with the properties of operations', grade: '06', prerequisites: ['6.EE.2'] },
  { code: '6.EE.5', statement: 'Decide whether a value makes an equation or inequality true', grade: '06', prerequisites: ['6.EE.2'] },
  { code: '6.EE.7', statement: 'Write and solve one-step equations', grade: '06', prerequisites: ['6.EE.5'] },
  { code: '6.G.1', statement: 'Find the area of triangles and polygons by decomposing them', grade: '06', prerequisites: [] },
  { code: '6.SP.5', statement: 'Summarise a data set with its centre and spread', grade: '06', prerequisites: ['6.NS.3'] },
  { code: '7.RP.1', statement: 'Compute unit rates with ratios of fractions', grade: '07', prerequisites: ['6.RP.3b', '6.NS.1'] },
  { code: '7.RP.2', statement: 'Recognise and represent proportional relationships', grade: '07', prerequisites: ['7.RP.1'] },
  { code: '7.RP.3', statement: 'Solve multistep ratio and percent problems', grade: '07', prerequisites: ['7.RP.2', '6.RP.3c'] },
  { code: '7.NS.1', statement: 'Add and subtract rational numbers', grade: '07', prerequisites: ['6.NS.6'] },
  { code: '7.NS.2', statement: 'Multiply and divide rational numbers', grade: '07', prerequisites: ['7.NS.1'] },
  { code: '7.EE.1', statement: 'Add, subtract, factor and expand linear expressions', grade: '07', prerequisites: ['6.EE.3'] },
  { code: '7.EE.4', statement: 'Solve two-step equations and inequalities from word problems', grade: '07', prerequisites: ['6.EE.7', '7.EE.1'] },
  { code: '7.G.4', statement: 'Use the formulas for the area and circumference of a circle', grade: '07', prerequisites: ['6.G.1'] },
  { code: '8.EE.1', statement: 'Apply the properties of integer exponents', grade: '08', prerequisites: ['6.EE.1', '7.NS.2'] },
  { code: '8.EE.5', statement: 'Graph proportional relationships and interpret the slope', grade: '08', prerequisites: ['7.RP.2'] },
  { code: '8.EE.7', statement: 'Solve linear equations in one variable', grade: '08', prerequisites: ['7.EE.4'] },
  { code: '8.F.1', statement: 'Understand a function as a rule with one output per input', grade: '08', prerequisites: ['8.EE.5'] },
  { code: '8.F.4', statement: 'Construct a function to model a linear relationship', grade: '08', prerequisites: ['8.F.1'] },
  { code: '8.G.7', statement: 'Apply the Pythagorean theorem in two and three dimensions', grade: '08', prerequisites: ['8.EE.1'] },
];

/**
 * A stable UUID-shaped identifier for a name (FNV-1a over the name, four
 * rounds): CASE identifiers are UUIDs, and the demo must be the same every time.
 */
export function demoUuid(name: string): string {
  let hex = '';
  for (let round = 0; round < 4; round++) {
    let hash = 0x811c9dc5 ^ round;
    for (let i = 0; i < name.length; i++) {
      hash ^= name.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193);
    }
    hex += (hash >>> 0).toString(16).padStart(8, '0');
  }
  // Version 5 and the RFC 4122 variant, so validators accept it.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export const DEMO_DOCUMENT_ID = demoUuid('valley-oak-math-6-8');

export function skillIdentifier(code: string): string {
  return demoUuid(`skill:${code}`);
}

export function skillUri(code: string): string {
  return `${DEMO_FRAMEWORK_HOST}/ims/case/v1p0/CFItems/${skillIdentifier(code)}`;
}

const GRADE_DOMAINS: Record<DemoSkill['grade'], string> = { '06': 'Grade 6 Mathematics', '07': 'Grade 7 Mathematics', '08': 'Grade 8 Mathematics' };

/** The framework as a CASE 1.0 JSON package. */
export function demoCasePackage(): Record<string, unknown> {
  const lastChangeDateTime = '2026-08-01T00:00:00+00:00';
  const documentUri = `${DEMO_FRAMEWORK_HOST}/ims/case/v1p0/CFDocuments/${DEMO_DOCUMENT_ID}`;
  const node = (identifier: string, uri: string, title: string) => ({ identifier, uri, title });
  const gradeItems = (Object.keys(GRADE_DOMAINS) as DemoSkill['grade'][]).map((grade) => ({
    identifier: demoUuid(`grade:${grade}`),
    uri: `${DEMO_FRAMEWORK_HOST}/ims/case/v1p0/CFItems/${demoUuid(`grade:${grade}`)}`,
    fullStatement: GRADE_DOMAINS[grade],
    humanCodingScheme: `MATH.${Number(grade)}`,
    CFItemType: 'Grade Level',
    educationLevel: [grade],
    lastChangeDateTime,
    grade,
  }));
  const skillItems = DEMO_SKILLS.map((skill) => ({
    identifier: skillIdentifier(skill.code),
    uri: skillUri(skill.code),
    fullStatement: skill.statement,
    humanCodingScheme: skill.code,
    CFItemType: 'Standard',
    educationLevel: [skill.grade],
    lastChangeDateTime,
  }));
  const association = (type: string, origin: { identifier: string; uri: string; title: string }, destination: { identifier: string; uri: string; title: string }) => ({
    identifier: demoUuid(`${type}:${origin.identifier}:${destination.identifier}`),
    uri: `${DEMO_FRAMEWORK_HOST}/ims/case/v1p0/CFAssociations/${demoUuid(`${type}:${origin.identifier}:${destination.identifier}`)}`,
    associationType: type,
    originNodeURI: origin,
    destinationNodeURI: destination,
    CFDocumentURI: node(DEMO_DOCUMENT_ID, documentUri, 'Valley Oak Mathematics 6–8'),
    lastChangeDateTime,
  });
  const documentNode = node(DEMO_DOCUMENT_ID, documentUri, 'Valley Oak Mathematics 6–8');
  const associations = [
    ...gradeItems.map((item) => association('isChildOf', node(item.identifier, item.uri, item.fullStatement), documentNode)),
    ...DEMO_SKILLS.map((skill, index) => {
      const grade = gradeItems.find((item) => item.grade === skill.grade)!;
      return { ...association('isChildOf', node(skillIdentifier(skill.code), skillUri(skill.code), skill.code), node(grade.identifier, grade.uri, grade.fullStatement)), sequenceNumber: index + 1 };
    }),
    ...DEMO_SKILLS.flatMap((skill) =>
      skill.prerequisites.map((prerequisite) =>
        association('precedes', node(skillIdentifier(prerequisite), skillUri(prerequisite), prerequisite), node(skillIdentifier(skill.code), skillUri(skill.code), skill.code)),
      ),
    ),
  ];
  return {
    CFDocument: {
      identifier: DEMO_DOCUMENT_ID,
      uri: documentUri,
      creator: 'Valley Oak Unified School District',
      title: 'Valley Oak Mathematics 6–8',
      lastChangeDateTime,
      adoptionStatus: 'Adopted',
      language: 'en',
      subject: ['Mathematics'],
    },
    CFItems: [...gradeItems.map(({ grade: _grade, ...item }) => item), ...skillItems],
    CFAssociations: associations,
  };
}
