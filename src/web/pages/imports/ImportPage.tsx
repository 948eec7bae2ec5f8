import { Alert, Box, Button, Checkbox, Group, Input, Progress, Stack, Text } from '@mantine/core';
import { useId, useState, type FormEvent } from 'react';
import { ApiError } from '../../api.ts';
import { PageHeading } from '../../components/PageHeading.tsx';
import { Section } from '../../components/Section.tsx';
import type { ImportReport } from '../../types.ts';
import { ImportReportView } from './ImportReportView.tsx';
import { RecentImports } from './RecentImports.tsx';
import { uploadOneRoster } from './uploadOneRoster.ts';

type UploadState = { phase: 'idle' } | { phase: 'uploading'; fraction: number } | { phase: 'done'; report: ImportReport } | { phase: 'failed'; message: string };

/** A district admin uploads a OneRoster zip and reads the import report. */
export function ImportPage() {
  const fileId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [strict, setStrict] = useState(false);
  const [state, setState] = useState<UploadState>({ phase: 'idle' });
  const [finishedRuns, setFinishedRuns] = useState(0);
  const uploading = state.phase === 'uploading';

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) {
      setState({ phase: 'failed', message: 'Choose a OneRoster zip file first.' });
      return;
    }
    setState({ phase: 'uploading', fraction: 0 });
    try {
      const report = await uploadOneRoster(file, strict, (fraction) => setState({ phase: 'uploading', fraction }));
      setState({ phase: 'done', report });
    } catch (reason) {
      setState({ phase: 'failed', message: reason instanceof ApiError ? reason.message : 'The upload failed.' });
    } finally {
      setFinishedRuns((n) => n + 1);
    }
  };

  return (
    <>
      <PageHeading title="Import OneRoster" />
      <Text mb="md" maw={680}>
        Upload a OneRoster 1.1 or 1.2 CSV zip exported from your student information system. A bulk file replaces the
        district's roster; a delta file applies changes.
      </Text>
      <form onSubmit={onSubmit} aria-busy={uploading}>
        <Stack maw={520} gap="md">
          <Input.Wrapper label="OneRoster zip file" labelProps={{ htmlFor: fileId }} required>
            <input
              id={fileId}
              type="file"
              name="file"
              accept=".zip,application/zip"
              className="file-input"
              disabled={uploading}
              onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)}
            />
          </Input.Wrapper>
          <Checkbox
            label="Strict: reject the whole import if any row has a problem"
            checked={strict}
            disabled={uploading}
            onChange={(e) => setStrict(e.currentTarget.checked)}
          />
          <Group>
            <Button type="submit" loading={uploading}>
              Upload and import
            </Button>
          </Group>
        </Stack>
      </form>
      <div role="status" aria-live="polite">
        {uploading && <UploadProgress fraction={state.fraction} />}
      </div>
      {state.phase === 'failed' && (
        <Alert role="alert" color="red" variant="light" title="Import failed" mt="md">
          {state.message}
        </Alert>
      )}
      {state.phase === 'done' && (
        <Box mt="xl">
          <ImportReportView report={state.report} />
        </Box>
      )}
      <Section title="Recent imports">
        <RecentImports refreshKey={finishedRuns} />
      </Section>
    </>
  );
}

function UploadProgress({ fraction }: { fraction: number }) {
  const percent = Math.round(fraction * 100);
  const label = percent < 100 ? `Uploading… ${percent}%` : 'Uploaded. Checking and importing the files…';
  return (
    <Stack gap={4} maw={520} mt="md">
      <Progress value={percent} aria-label="Upload progress" animated={percent >= 100} />
      <Text size="sm">{label}</Text>
    </Stack>
  );
}
