import { useEffect, useState } from 'react';
import { Group as Row } from '@mantine/core';
import { useParams } from 'react-router';
import { api, ApiError, withQuery } from '../../api.ts';
import { LoadState } from '../../components/LoadState.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { PrintButton } from '../../components/PrintButton.tsx';
import { AdultPlan } from './AdultPlan.tsx';
import { planPath } from './regroupApi.ts';
import type { PlanView, StaffPlan } from './types.ts';
import './regroup.css';

/** Every adult's published plan of one team's day, for the leader to print: one page per adult. */
export function TeamPlansPrintPage() {
  const { id: team = '', date = '' } = useParams();
  const [plans, setPlans] = useState<StaffPlan[]>();
  const [title, setTitle] = useState('Published plans');
  const [error, setError] = useState<ApiError>();

  useEffect(() => {
    const controller = new AbortController();
    (async () => {
      const view = await api<PlanView>(planPath(team, date), { signal: controller.signal });
      setTitle(`Published plans · ${view.team.name} · ${date}`);
      const adults = view.setup.adults.filter((adult) => view.published?.groups.some((g) => g.adult === adult.id) || view.setup.stations.some((s) => s.supervisor === adult.id));
      const all = await Promise.all(adults.map((adult) => api<StaffPlan>(withQuery(`/api/staff/${encodeURIComponent(adult.id)}/plan`, { date }), { signal: controller.signal })));
      // An adult also planned by another team shows that team's blocks too; this page is this team's.
      setPlans(all.map((plan) => ({ ...plan, blocks: plan.blocks.filter((b) => b.team.id === team) })));
    })().catch((reason: unknown) => {
      if (!controller.signal.aborted) setError(reason instanceof ApiError ? reason : new ApiError(0, 'Could not reach the server.'));
    });
    return () => controller.abort();
  }, [team, date]);

  return (
    <>
      <PageHeading title={title} />
      <Row className="no-print" mb="md">
        <PrintButton label="Print all plans" />
      </Row>
      <LoadState loading={!plans && !error} error={error} what="the plans" />
      {plans?.length === 0 && <p>Nothing is published for {date}.</p>}
      {plans?.map((plan) => <AdultPlan key={plan.staff.id} plan={plan} />)}
    </>
  );
}
