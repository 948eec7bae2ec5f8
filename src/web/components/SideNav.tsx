import { NavLink } from '@mantine/core';
import { Link, useLocation } from 'react-router';
import { isDistrictAdmin } from '../session/roles.ts';
import { useMe } from '../session/SessionProvider.tsx';
import type { Me } from '../types.ts';

interface Item {
  label: string;
  to: string;
}

function itemsFor(me: Me): Item[] {
  if (me.role === 'student') {
    return [
      { label: 'My profile', to: me.userSourcedId ? `/students/${encodeURIComponent(me.userSourcedId)}` : '/' },
      { label: 'My day', to: '/my-day' },
    ];
  }
  const items: Item[] = [
    { label: 'Home', to: '/' },
    { label: 'Schools', to: '/schools' },
    { label: 'Teams', to: '/teams' },
    { label: 'Classes', to: '/classes' },
    { label: 'Students', to: '/students' },
    { label: 'Skills', to: '/skills' },
    { label: 'Measures', to: '/measures' },
    { label: 'Improvement', to: '/improvement' },
  ];
  if (me.userSourcedId && ['teacher_leader', 'teacher', 'tutor', 'resident'].includes(me.role)) {
    items.splice(1, 0, { label: 'My plan', to: `/staff/${encodeURIComponent(me.userSourcedId)}/plan` });
  }
  if (isDistrictAdmin(me.role)) {
    items.push({ label: 'Import', to: '/import' }, { label: 'Integrations', to: '/integrations' }, { label: 'Unmapped statements', to: '/learning/unmapped' });
  }
  return items;
}

const isActive = (pathname: string, to: string) => (to === '/' ? pathname === '/' : pathname === to || pathname.startsWith(`${to}/`));

/** The main navigation links; the current page is marked for assistive technology. */
export function SideNav() {
  const me = useMe();
  const { pathname } = useLocation();
  return (
    <ul className="nav-list">
      {itemsFor(me).map((item) => {
        const active = isActive(pathname, item.to);
        return (
          <li key={item.to}>
            <NavLink
              component={Link}
              to={item.to}
              label={item.label}
              active={active}
              aria-current={active ? 'page' : undefined}
              variant="filled"
            />
          </li>
        );
      })}
    </ul>
  );
}
