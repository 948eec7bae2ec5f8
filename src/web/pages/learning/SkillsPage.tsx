import { Anchor, Group, List, Stack, Text } from '@mantine/core';
import { useMemo, useState } from 'react';
import type { Framework, SkillNode } from '../../../server/routes/learning-schemas.ts';
import { LoadState } from '../../components/LoadState.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { Section } from '../../components/Section.tsx';
import { useApi } from '../../hooks/useApi.ts';
import { SkillTree } from './SkillTree.tsx';
import './learning.css';

const label = (skill: SkillNode) => (skill.code ? `${skill.code} ${skill.name}` : skill.name);

/** The district's skill frameworks: each a tree; the selected skill with what it needs and what needs it. */
export function SkillsPage() {
  const { data, loading, error } = useApi<{ frameworks: Framework[] }>('/api/skills');
  const [selected, setSelected] = useState<string | null>(null);
  const all = useMemo(() => new Map((data?.frameworks ?? []).flatMap((f) => f.skills.map((s) => [s.id, { skill: s, framework: f }] as const))), [data]);
  const chosen = selected ? all.get(selected) : undefined;
  const neededFor = chosen ? [...all.values()].filter(({ skill }) => skill.prerequisites.includes(chosen.skill.id)).map(({ skill }) => skill) : [];

  const links = (skills: SkillNode[], empty: string) =>
    skills.length === 0 ? (
      <Text size="sm" c="dimmed">
        {empty}
      </Text>
    ) : (
      <List size="sm" spacing={4}>
        {skills.map((skill) => (
          <List.Item key={skill.id}>
            <Anchor component="button" type="button" size="sm" className="skill-link" onClick={() => setSelected(skill.id)}>
              {label(skill)}
            </Anchor>
          </List.Item>
        ))}
      </List>
    );

  return (
    <>
      <PageHeading title="Skills" />
      <LoadState loading={loading} error={error} what="skill frameworks" />
      {data && data.frameworks.length === 0 && (
        <Text>
          No skill framework yet. A district admin imports one with <code>trellis import case FILE</code> (a CASE package) or{' '}
          <code>trellis import skills FILE</code> (a CSV).
        </Text>
      )}
      {data && data.frameworks.length > 0 && (
        <div className="skills-layout">
          <Stack gap="lg">
            {data.frameworks.map((framework) => (
              <Section key={framework.id} title={framework.version ? `${framework.title} (${framework.version})` : framework.title}>
                <Text size="sm" c="dimmed" mb="xs">
                  {framework.skills.length} skills, from {framework.source === 'case' ? 'a CASE package' : 'a CSV file'}. Arrow keys move through
                  the tree; Enter shows a skill.
                </Text>
                <SkillTree label={framework.title} skills={framework.skills} selected={selected} onSelect={setSelected} />
              </Section>
            ))}
          </Stack>
          <aside aria-live="polite" className="skill-details">
            {chosen ? (
              <Section title={label(chosen.skill)}>
                <Stack gap="sm">
                  <Group gap="xs">
                    <Text size="sm" c="dimmed">
                      {chosen.skill.itemType ?? 'Skill'} in {chosen.framework.title}
                    </Text>
                    {chosen.skill.caseUri && (
                      <Anchor size="sm" href={chosen.skill.caseUri} target="_blank" rel="noreferrer">
                        CASE item
                      </Anchor>
                    )}
                  </Group>
                  <div>
                    <Text fw={600} size="sm">
                      Needs first
                    </Text>
                    {links(
                      chosen.skill.prerequisites.map((id) => all.get(id)?.skill).filter((s): s is SkillNode => s !== undefined),
                      'No prerequisites.',
                    )}
                  </div>
                  <div>
                    <Text fw={600} size="sm">
                      Needed for
                    </Text>
                    {links(neededFor, 'No skill lists this one as a prerequisite.')}
                  </div>
                  {chosen.skill.courses.length > 0 && (
                    <Text size="sm">
                      <Text span fw={600}>
                        Courses:
                      </Text>{' '}
                      {chosen.skill.courses.join(', ')}
                    </Text>
                  )}
                </Stack>
              </Section>
            ) : (
              <Text size="sm" c="dimmed">
                Select a skill to see its prerequisites and the skills that build on it.
              </Text>
            )}
          </aside>
        </div>
      )}
    </>
  );
}
