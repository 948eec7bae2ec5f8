// CEDS grade levels in school order; anything else sorts after them, alphabetically.
const GRADE_ORDER = ['IT', 'PR', 'PK', 'TK', 'KG', '01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12', '13', 'PS', 'UG', 'Other'];

/** Grade levels in the order a school reads them (KG before 01), without repeats. */
export function sortGrades(grades: Iterable<string>): string[] {
  const rank = (grade: string) => {
    const index = GRADE_ORDER.indexOf(grade);
    return index === -1 ? GRADE_ORDER.length : index;
  };
  return [...new Set(grades)].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}
