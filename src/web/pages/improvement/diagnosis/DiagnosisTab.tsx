import { Tabs } from '@mantine/core';
import { FishbonePanel } from './FishbonePanel.tsx';
import { FiveWhysPanel } from './FiveWhysPanel.tsx';
import { ProcessMapPanel } from './ProcessMapPanel.tsx';
import { SystemMapPanel } from './SystemMapPanel.tsx';
import './diagnosis.css';

/** The project's diagnosis tools, one tab each; each keeps its own data on the server. */
export function DiagnosisTab({ projectId }: { projectId: string }) {
  return (
    <div className="diagnosis">
      <Tabs defaultValue="fishbone" keepMounted={false}>
        <Tabs.List aria-label="Diagnosis tools">
          <Tabs.Tab value="fishbone">Fishbone</Tabs.Tab>
          <Tabs.Tab value="whys">Five whys</Tabs.Tab>
          <Tabs.Tab value="process">Process map</Tabs.Tab>
          <Tabs.Tab value="system">System map</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="fishbone" pt="sm">
          <FishbonePanel projectId={projectId} />
        </Tabs.Panel>
        <Tabs.Panel value="whys" pt="sm">
          <FiveWhysPanel projectId={projectId} />
        </Tabs.Panel>
        <Tabs.Panel value="process" pt="sm">
          <ProcessMapPanel projectId={projectId} />
        </Tabs.Panel>
        <Tabs.Panel value="system" pt="sm">
          <SystemMapPanel projectId={projectId} />
        </Tabs.Panel>
      </Tabs>
    </div>
  );
}
