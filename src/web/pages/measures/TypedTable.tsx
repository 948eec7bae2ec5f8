import { Button, Group, Table, Text } from '@mantine/core';
import type { ClipboardEvent } from 'react';
import { EMPTY_ROW, pastedCells, pasteInto, type TypedRow } from './measureInput.ts';

const COLUMNS: Array<{ key: keyof TypedRow; heading: string; name: string }> = [
  { key: 'x', heading: 'x (number, date or label)', name: 'x' },
  { key: 'y', heading: 'Value', name: 'value' },
  { key: 'n', heading: 'Denominator (optional)', name: 'denominator' },
];

/**
 * Values typed or pasted from a spreadsheet: pasting several cells into any
 * cell fills the table from there, adding rows as needed.
 */
export function TypedTable({ rows, onChange, errorId, error }: { rows: TypedRow[]; onChange: (rows: TypedRow[]) => void; errorId: string; error?: string }) {
  // Messages about the table start "Row 4: value ...": mark that cell, or every cell when none is named.
  const named = error ? /^row (\d+): (x|value|denominator)\b/i.exec(error) : null;
  const invalid = (row: number, column: string) => Boolean(error) && (!named || (Number(named[1]) === row + 1 && named[2]!.toLowerCase() === column));
  const update = (index: number, key: keyof TypedRow, value: string) => onChange(rows.map((row, i) => (i === index ? { ...row, [key]: value } : row)));

  const onPaste = (event: ClipboardEvent<HTMLInputElement>, index: number, column: number) => {
    const text = event.clipboardData.getData('text/plain');
    if (!/[\t\n,]/.test(text.trim())) return; // a single value pastes normally
    event.preventDefault();
    onChange(pasteInto(rows, pastedCells(text), index, column));
  };

  return (
    <>
      <Text size="sm" mb="xs">
        One row per point. Leave a value empty where it is missing (a gap, not a zero). Paste cells copied from a spreadsheet into any
        cell.
      </Text>
      <Table.ScrollContainer minWidth={480}>
        <Table captionSide="top" className="data-table typed-table">
          <Table.Caption>Values to chart</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Row</Table.Th>
              {COLUMNS.map((column) => (
                <Table.Th scope="col" key={column.key}>
                  {column.heading}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row, i) => (
              <Table.Tr key={i}>
                <Table.Th scope="row" fw="normal">
                  {i + 1}
                </Table.Th>
                {COLUMNS.map((column, c) => (
                  <Table.Td key={column.key}>
                    <input
                      className="cell-input"
                      aria-label={`Row ${i + 1} ${column.name}`}
                      aria-invalid={invalid(i, column.name) || undefined}
                      aria-describedby={invalid(i, column.name) ? errorId : undefined}
                      inputMode={column.key === 'x' ? 'text' : 'decimal'}
                      value={row[column.key]}
                      onChange={(event) => update(i, column.key, event.currentTarget.value)}
                      onPaste={(event) => onPaste(event, i, c)}
                    />
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {error && (
        <Text id={errorId} className="measure-error" size="sm" mt="xs">
          {error}
        </Text>
      )}
      <Group mt="xs">
        <Button variant="default" size="xs" onClick={() => onChange([...rows, ...Array.from({ length: 5 }, () => ({ ...EMPTY_ROW }))])}>
          Add 5 rows
        </Button>
        <Button variant="default" size="xs" onClick={() => onChange(Array.from({ length: 8 }, () => ({ ...EMPTY_ROW })))}>
          Clear the table
        </Button>
      </Group>
    </>
  );
}
