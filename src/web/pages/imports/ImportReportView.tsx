import { Alert, Code, Table, Text } from '@mantine/core';
import { Section } from '../../components/Section.tsx';
import type { ImportProblem, ImportReport } from '../../types.ts';

const SHOWN_PROBLEMS = 500;

/** `FILE:LINE: field "value": message`, the form the importer and the CLI use. */
export const formatProblem = (p: ImportProblem) => `${p.file}:${p.line}: ${p.field} "${p.value}": ${p.message}`;

export function ImportReportView({ report }: { report: ImportReport }) {
  const accepted = report.outcome === 'accepted';
  const files = Object.entries(report.counts);
  return (
    <Section title="Import report">
      <Alert role="alert" color={accepted ? 'green' : 'red'} variant="light" title={accepted ? 'Import accepted' : 'Import rejected'} mb="md">
        OneRoster {report.version}, {report.mode} file. {report.problems.length} problem{report.problems.length === 1 ? '' : 's'}.
        {report.error && <Text mt={4}>{report.error}</Text>}
      </Alert>
      {files.length > 0 && (
        <Table.ScrollContainer minWidth={480}>
          <Table striped captionSide="top" className="data-table" maw={720}>
            <Table.Caption>Records per file</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">File</Table.Th>
                <Table.Th scope="col" ta="right">Read</Table.Th>
                <Table.Th scope="col" ta="right">Accepted</Table.Th>
                <Table.Th scope="col" ta="right">Skipped</Table.Th>
                <Table.Th scope="col" ta="right">Deleted</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {files.map(([name, c]) => (
                <Table.Tr key={name}>
                  <Table.Th scope="row" fw="normal">{name}</Table.Th>
                  <Table.Td ta="right">{c.read}</Table.Td>
                  <Table.Td ta="right">{c.accepted}</Table.Td>
                  <Table.Td ta="right">{c.skipped}</Table.Td>
                  <Table.Td ta="right">{c.deleted}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {report.problems.length > 0 && (
        <>
          <Text fw={600} mt="md" id="import-problems">
            Problems
            {report.problems.length > SHOWN_PROBLEMS && ` (first ${SHOWN_PROBLEMS} of ${report.problems.length})`}
          </Text>
          <ol className="problems" aria-labelledby="import-problems">
            {report.problems.slice(0, SHOWN_PROBLEMS).map((p, index) => (
              <li key={index}>
                <Code>{formatProblem(p)}</Code>
              </li>
            ))}
          </ol>
        </>
      )}
    </Section>
  );
}
