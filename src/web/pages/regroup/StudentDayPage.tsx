import { Group as Row, TextInput } from '@mantine/core';
import { useParams, useSearchParams } from 'react-router';
import { withQuery } from '../../api.ts';
import { LoadState } from '../../components/LoadState.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { useApi } from '../../hooks/useApi.ts';
import { useMe } from '../../session/SessionProvider.tsx';
import { isIsoDate, todayIso } from './planEdit.ts';
import type { StudentDay } from './types.ts';
import './regroup.css';

const STATION_KINDS: Record<string, string> = { online: 'online practice', independent: 'independent work', collaborative: 'work with classmates' };

/** A student's day from the published plans: where to be in each block, with whom, working on what. */
export function StudentDayPage() {
  const me = useMe();
  const { id = me.userSourcedId ?? '' } = useParams();
  const [params, setParams] = useSearchParams();
  const date = isIsoDate(params.get('date')) ? params.get('date')! : todayIso();
  const { data, loading, error } = useApi<StudentDay>(id ? withQuery(`/api/students/${encodeURIComponent(id)}/day`, { date }) : null);
  const own = me.userSourcedId === id;

  return (
    <>
      <PageHeading title={own ? 'My day' : data ? `${data.student.name}'s day` : 'Student day'} />
      <Row className="no-print" align="end" mb="md">
        <TextInput type="date" label="Day" value={date} onChange={(event) => isIsoDate(event.currentTarget.value) && setParams({ date: event.currentTarget.value })} />
      </Row>
      <LoadState loading={loading} error={error} what="the day" />
      {data && data.blocks.length === 0 && <p>No plan is published for {date} yet.</p>}
      {data && data.blocks.length > 0 && (
        <ol className="board-links">
          {data.blocks.map((entry) => (
            <li key={`${entry.team.id}|${entry.block.id}`} className="board-card">
              <h2 className="board-card-title">
                {entry.block.name} · {entry.block.start}–{entry.block.end}
              </h2>
              <p>
                {entry.place.kind === 'group' ? `With ${entry.place.name}` : `${entry.place.name} (${STATION_KINDS[entry.place.stationKind ?? ''] ?? 'station'})`}
                {entry.focusSkill ? `, working on ${entry.focusSkill.code} — ${entry.focusSkill.name}` : ', working on your own next skill'}
              </p>
              {entry.reason && <p className="board-card-focus">Why: {entry.reason}</p>}
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
