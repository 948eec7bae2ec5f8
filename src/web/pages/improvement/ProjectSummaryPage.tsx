import { Button, Group, Text } from '@mantine/core';
import { Link, useParams } from 'react-router';
import type { OutlineItem, ReportCycle } from '../../../core/improvement/report.ts';
import { formatSchoolDate } from '../../../core/improvement/aim.ts';
import { decisionWord } from '../../../core/improvement/report.ts';
import { LoadState } from '../../components/LoadState.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { useReloadable } from './useReloadable.ts';
import './improvement.css';

/** GET /api/improvement/projects/:id/summary (src/server/routes/improvement-reports.ts). */
interface Summary {
  title: string;
  job: string;
  status: string;
  scopeName: string;
  aimSentence: string;
  members: { name: string; role: string; department: string | null }[];
  driverOutline: OutlineItem[];
  outcome: { name: string; summary: string; svg: string | null } | null;
  cycles: ReportCycle[];
  latest: { at: string; summary: string }[];
}

/**
 * The chart file as inline markup: without its XML declaration, and with the
 * labels of its inner groups dropped — the root is one image (role="img") whose
 * label and description carry the summary, and labelled groups inside it are not allowed.
 */
function inlineSvg(svg: string): string {
  let root = true;
  return svg.replace(/^<\?xml[^>]*>\s*/, '').replace(/ aria-label="[^"]*"/g, (label) => (root ? ((root = false), label) : ''));
}

function Outline({ items }: { items: OutlineItem[] }) {
  const labels: Record<OutlineItem['kind'], string> = { aim: 'Aim', primary: 'Primary driver', secondary: 'Secondary driver', change_idea: 'Change idea' };
  return (
    <ul className="summary-outline">
      {items.map((item, i) => (
        <li key={i}>
          <span className="summary-kind">{labels[item.kind]}:</span> {item.text}
          {item.children.length > 0 && <Outline items={item.children} />}
        </li>
      ))}
    </ul>
  );
}

/**
 * The one-page summary of a project, laid out to print on one A4 or Letter page
 * (improvement.css, @media print); the same content as the server's PDF.
 */
export function ProjectSummaryPage() {
  const { id = '' } = useParams();
  const path = `/api/improvement/projects/${encodeURIComponent(id)}`;
  const { data, loading, error } = useReloadable<Summary>(`${path}/summary`);
  if (!data) {
    return (
      <>
        <PageHeading title={error?.status === 404 ? 'Project not found' : 'Project summary'} />
        <LoadState loading={loading} error={error} what="the summary" />
      </>
    );
  }
  return (
    <article className="project-summary" aria-labelledby="summary-title">
      <Group justify="space-between" className="no-print" mb="sm">
        <Button component={Link} to={`/improvement/${id}`} variant="subtle">
          Back to the project
        </Button>
        <Group>
          <Button onClick={() => window.print()}>Print</Button>
          <Button component="a" href={`${path}/summary.pdf`} variant="default" download>
            Download PDF
          </Button>
        </Group>
      </Group>
      <h1 id="summary-title" className="summary-title">
        {data.title}
      </h1>
      <Text size="sm">
        {data.job} project · {data.scopeName} · status: {data.status}
      </Text>
      <p className="summary-aim">
        <strong>Aim:</strong> {data.aimSentence}
      </p>
      {data.members.length > 0 && (
        <Text size="sm">
          Team: {data.members.map((m) => `${m.name} (${m.role}${m.department ? `, ${m.department}` : ''})`).join('; ')}
        </Text>
      )}
      <section aria-labelledby="summary-outcome">
        <h2 id="summary-outcome">{data.outcome ? `Outcome measure: ${data.outcome.name}` : 'Outcome measure'}</h2>
        {data.outcome?.svg && (
          // The server builds this SVG from the chart engine's numbers and escapes every text in it (src/charts/spc-svg.ts).
          <div className="summary-chart" dangerouslySetInnerHTML={{ __html: inlineSvg(data.outcome.svg) }} />
        )}
        <p>{data.outcome ? data.outcome.summary : 'No outcome measure yet: add one on the Measures tab.'}</p>
      </section>
      <div className="summary-columns">
        <div>
          <section aria-labelledby="summary-driver">
            <h2 id="summary-driver">Driver diagram</h2>
            {data.driverOutline.length > 0 ? <Outline items={data.driverOutline} /> : <p>No driver diagram yet.</p>}
          </section>
          <section aria-labelledby="summary-latest">
            <h2 id="summary-latest">Latest learning</h2>
            <ul className="summary-latest">
              {data.latest.map((entry, i) => (
                <li key={i}>
                  {formatSchoolDate(entry.at.slice(0, 10))}: {entry.summary}
                </li>
              ))}
            </ul>
          </section>
        </div>
        <section aria-labelledby="summary-cycles">
          <h2 id="summary-cycles">PDSA cycles</h2>
          {data.cycles.length === 0 && <p>No cycles yet.</p>}
          <ol className="summary-cycles">
            {data.cycles.map((cycle) => (
              <li key={cycle.id}>
                <strong>{cycle.title}</strong> ({cycle.scale}, {cycle.startedOn ? `started ${formatSchoolDate(cycle.startedOn)}` : 'not started'})
                <dl>
                  <dt>Question</dt>
                  <dd>{cycle.question || '–'}</dd>
                  <dt>Prediction</dt>
                  <dd>{cycle.prediction || '–'}</dd>
                  <dt>Result</dt>
                  <dd>{cycle.results || 'not studied yet'}</dd>
                  <dt>Decision</dt>
                  <dd>
                    {decisionWord(cycle.decision)}
                    {cycle.nextStep ? ` – ${cycle.nextStep}` : ''}
                  </dd>
                </dl>
              </li>
            ))}
          </ol>
        </section>
      </div>
    </article>
  );
}
