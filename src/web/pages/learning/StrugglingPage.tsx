import { Button, Checkbox, Group, Modal, NativeSelect, Table, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useParams } from 'react-router';
import type { FlagKind, TeamFlag } from '../../../server/routes/learning-schemas.ts';
import { withQuery } from '../../api.ts';
import { Crumbs } from '../../components/Crumbs.tsx';
import { FormError } from '../../components/FormError.tsx';
import { LoadState } from '../../components/LoadState.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { PrintButton } from '../../components/PrintButton.tsx';
import { StudentNameCell } from '../../components/StudentTable.tsx';
import { useApi } from '../../hooks/useApi.ts';
import { roleName } from '../../session/roles.ts';
import type { Team } from '../../types.ts';
import { save, useReloadable } from '../improvement/useReloadable.ts';
import { TeamLearningLinks } from './TeamLearningLinks.tsx';
import './learning-views.css';

const FLAG_KIND_NAMES: Record<FlagKind, string> = {
  wheel_spinning: 'Wheel-spinning',
  regression: 'Regression',
  inactive: 'Inactive',
  behind: 'Behind the sequence',
};

const day = (iso: string) => new Date(iso).toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });

/** The team's students with open struggling flags, newest first, each to acknowledge with an owner and a note. */
export function StrugglingPage() {
  const { id = '' } = useParams();
  const [onlyUnacknowledged, setOnlyUnacknowledged] = useState(false);
  const [acknowledging, setAcknowledging] = useState<TeamFlag | null>(null);
  const team = useApi<Team>(`/api/teams/${encodeURIComponent(id)}`);
  const flags = useReloadable<{ items: TeamFlag[] }>(
    withQuery(`/api/teams/${encodeURIComponent(id)}/struggling`, { unacknowledged: onlyUnacknowledged ? 'true' : undefined }),
  );
  const teamName = team.data?.name ?? 'Team';
  const items = flags.data?.items ?? [];

  return (
    <>
      {team.data && <Crumbs school={{ sourcedId: team.data.schoolSourcedId, name: team.data.schoolName }} team={team.data} current="Struggling today" />}
      <PageHeading title={`Struggling today: ${teamName}`} />
      <TeamLearningLinks team={id} current="struggling" />
      <Group justify="space-between" mb="sm">
        <Checkbox
          className="no-print"
          label="Only flags no one has acknowledged"
          checked={onlyUnacknowledged}
          onChange={(e) => setOnlyUnacknowledged(e.currentTarget.checked)}
        />
        <PrintButton label="Print list" />
      </Group>
      <LoadState loading={flags.loading && !flags.data} error={flags.error} what="the struggling flags" />
      {flags.data && items.length === 0 && <Text>{onlyUnacknowledged ? 'Every open flag has been acknowledged.' : 'No student of this team is flagged as struggling.'}</Text>}
      {items.length > 0 && (
        <Table.ScrollContainer minWidth={760}>
          <Table striped captionSide="top" className="data-table">
            <Table.Caption>
              Open struggling flags of {teamName}'s students, newest first ({items.length})
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Student</Table.Th>
                <Table.Th scope="col">Flag</Table.Th>
                <Table.Th scope="col">Skill</Table.Th>
                <Table.Th scope="col">Why</Table.Th>
                <Table.Th scope="col">Since</Table.Th>
                <Table.Th scope="col">Acknowledged</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((flag) => (
                <Table.Tr key={flag.id}>
                  <StudentNameCell sourcedId={flag.student} name={flag.studentName} page="skills" />
                  <Table.Td>{FLAG_KIND_NAMES[flag.kind]}</Table.Td>
                  <Table.Td>{flag.skillId ? `${flag.skillCode ?? ''} ${flag.skillName ?? ''}`.trim() : 'All skills'}</Table.Td>
                  <Table.Td>{flag.reason}</Table.Td>
                  <Table.Td>{day(flag.since)}</Table.Td>
                  <Table.Td>
                    {flag.acknowledgedAt ? (
                      <Text size="sm">
                        ✓ {day(flag.acknowledgedAt)}
                        {flag.ownerName ? `, owner ${flag.ownerName}` : ', no owner'}
                        {flag.note ? `: “${flag.note}”` : ''}
                      </Text>
                    ) : (
                      <Button size="xs" variant="light" className="no-print" onClick={() => setAcknowledging(flag)} aria-label={`Acknowledge ${flag.studentName}: ${FLAG_KIND_NAMES[flag.kind]}`}>
                        Acknowledge
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {acknowledging && (
        <AcknowledgeDialog
          flag={acknowledging}
          team={team.data}
          onClose={() => setAcknowledging(null)}
          onSaved={() => {
            setAcknowledging(null);
            flags.reload();
          }}
        />
      )}
    </>
  );
}

function AcknowledgeDialog({ flag, team, onClose, onSaved }: { flag: TeamFlag; team: Team | undefined; onClose: () => void; onSaved: () => void }) {
  const [owner, setOwner] = useState('');
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const submit = async () => {
    setSaving(true);
    const refusal = await save(`/api/learning/flags/${encodeURIComponent(flag.id)}/acknowledge`, 'POST', { owner: owner || null, note: note.trim() });
    setSaving(false);
    if (refusal) setProblem(refusal);
    else onSaved();
  };

  return (
    <Modal opened onClose={onClose} closeButtonProps={{ 'aria-label': 'Close' }} title={`Acknowledge: ${flag.studentName}, ${FLAG_KIND_NAMES[flag.kind].toLowerCase()}`}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Text size="sm" mb="sm">
          {flag.reason}
        </Text>
        <NativeSelect
          label="Who will act on it"
          value={owner}
          onChange={(e) => setOwner(e.currentTarget.value)}
          data={[{ value: '', label: 'No owner yet' }, ...(team?.members ?? []).map((m) => ({ value: m.sourcedId, label: `${m.name} (${roleName(m.role)})` }))]}
          mb="sm"
        />
        <Textarea label="Note" description="What the team will do, e.g. a small group on Tuesday" value={note} onChange={(e) => setNote(e.currentTarget.value)} autosize minRows={2} maxLength={2000} mb="sm" />
        <FormError error={problem} mb="sm" />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={saving}>
            Acknowledge
          </Button>
        </Group>
      </form>
    </Modal>
  );
}
