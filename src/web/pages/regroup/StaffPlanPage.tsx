import { Anchor, Button, Code, Group as Row, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { withQuery } from '../../api.ts';
import { FormError } from '../../components/FormError.tsx';
import { LoadState } from '../../components/LoadState.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { PrintButton } from '../../components/PrintButton.tsx';
import { useApi } from '../../hooks/useApi.ts';
import { useMe } from '../../session/SessionProvider.tsx';
import { AdultPlan } from './AdultPlan.tsx';
import { isIsoDate, todayIso } from './planEdit.ts';
import { ProblemError, send } from './regroupApi.ts';
import type { StaffPlan } from './types.ts';
import './regroup.css';

/** One adult's published plan for a day, printable, with their calendar feed. */
export function StaffPlanPage() {
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const date = isIsoDate(params.get('date')) ? params.get('date')! : todayIso();
  const base = `/api/staff/${encodeURIComponent(id)}`;
  const { data, loading, error } = useApi<StaffPlan>(withQuery(`${base}/plan`, { date }));
  const me = useMe();
  const own = me.userSourcedId === id;

  return (
    <>
      <PageHeading title={data ? `${data.staff.name}'s plan` : 'Plan'} />
      <Row className="no-print" align="end" gap="md" mb="md" wrap="wrap">
        <TextInput type="date" label="Day" value={date} onChange={(event) => isIsoDate(event.currentTarget.value) && setParams({ date: event.currentTarget.value })} />
        <PrintButton label="Print this plan" />
      </Row>
      <LoadState loading={loading} error={error} what="the plan" />
      {data && <AdultPlan plan={data} />}
      <div className="no-print">{own ? <CalendarLink base={base} /> : <Anchor href={withQuery(`${base}/plan.ics`, { date })}>Download these groups as a calendar file (.ics)</Anchor>}</div>
    </>
  );
}

/** Calendar apps cannot sign in, so subscribing needs a secret link; making one replaces the last. */
function CalendarLink({ base }: { base: string }) {
  const [url, setUrl] = useState<string>();
  const [failure, setFailure] = useState<string>();
  const make = async () => {
    setFailure(undefined);
    try {
      const { url: path } = await send<{ token: string; url: string }>('POST', `${base}/calendar-token`);
      setUrl(new URL(path, window.location.origin).toString());
    } catch (error) {
      setFailure(error instanceof ProblemError ? error.problem.detail : 'Could not reach the server.');
    }
  };
  return (
    <section aria-labelledby="calendar-heading" className="page-section">
      <h2 id="calendar-heading">Subscribe in your calendar</h2>
      <p>Your published groups for the next two weeks, updated when a plan is republished. Anyone with the link can read it: keep it private, and make a new one if it leaks.</p>
      <Button variant="default" onClick={make}>
        {url ? 'Make a new calendar link' : 'Make a calendar link'}
      </Button>
      {url && (
        <p>
          Add this address to your calendar app: <Code>{url}</Code>{' '}
          <Anchor href={url.replace(/^https?:/, 'webcal:')}>Subscribe</Anchor>
        </p>
      )}
      <FormError error={failure} mt="sm" />
    </section>
  );
}
