import { Anchor, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useMe } from '../session/SessionProvider.tsx';

interface Props {
  school?: { sourcedId: string; name: string };
  team?: { sourcedId: string; name: string };
  /** The current page when it is below the school or team (a class, a student). */
  current?: string;
}

/** District → school → team breadcrumbs; the last crumb is the current page. */
export function Crumbs({ school, team, current }: Props) {
  const me = useMe();
  const trail: { label: string; to: string }[] = [{ label: me.district.name, to: '/schools' }];
  if (school) trail.push({ label: school.name, to: `/schools/${encodeURIComponent(school.sourcedId)}` });
  if (team) trail.push({ label: team.name, to: `/teams/${encodeURIComponent(team.sourcedId)}` });
  if (current) trail.push({ label: current, to: '' });
  const last = trail.length - 1;

  return (
    <nav aria-label="Breadcrumb" className="no-print">
      <ol className="crumbs">
        {trail.map((crumb, index) => (
          <li key={index}>
            {index === last ? (
              <Text component="span" size="sm" aria-current="page">
                {crumb.label}
              </Text>
            ) : (
              <Anchor component={Link} to={crumb.to} size="sm">
                {crumb.label}
              </Anchor>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}
