import { describe, expect, it } from 'vitest';
import { formatTypedValues, parseTypedValues } from './MeasuresPanel.tsx';

describe('the typed values of a project measure', () => {
  it('shows saved values as lines that read back to the same values, gaps and denominators included', () => {
    const values = [
      { x: '2025-09-01', y: 82, n: 100 },
      { x: '2025-09-08', y: null, n: null },
      { x: '2025-09-15', y: 79.5, n: null },
    ];
    const text = formatTypedValues(values);
    expect(text).toBe('2025-09-01, 82, 100\n2025-09-08, NA\n2025-09-15, 79.5');
    expect(parseTypedValues(`${text}\n2025-09-22, 90`)).toEqual({ values: [...values, { x: '2025-09-22', y: 90, n: null }] });
  });

  it('names the first line that is not a number', () => {
    expect(parseTypedValues('2025-09-01, 82\n2025-09-08, about 80')).toEqual({ error: 'Line 2: value "about 80" is not a number.' });
  });
});
