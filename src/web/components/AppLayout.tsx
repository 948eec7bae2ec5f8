import { AppShell, Burger, Group } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useEffect } from 'react';
import { Outlet, useLocation } from 'react-router';
import { HeaderBar } from './HeaderBar.tsx';
import { SideNav } from './SideNav.tsx';

/** The signed-in frame: skip link, header, navigation sidebar (a drawer below ~992px) and main. */
export function AppLayout() {
  const [navOpen, nav] = useDisclosure(false);
  const { close } = nav;
  const { pathname } = useLocation();

  // Close the drawer after choosing a page on a tablet.
  useEffect(() => close(), [pathname, close]);

  return (
    <>
      <a href="#main" className="skip-link">
        Skip to main content
      </a>
      <AppShell header={{ height: 60 }} navbar={{ width: 230, breakpoint: 'md', collapsed: { mobile: !navOpen } }} padding="lg">
        <AppShell.Header className="no-print">
          <Group h="100%" px="md" gap="sm" wrap="nowrap">
            <Burger
              opened={navOpen}
              onClick={nav.toggle}
              hiddenFrom="md"
              size="sm"
              aria-label={navOpen ? 'Close navigation' : 'Open navigation'}
              aria-expanded={navOpen}
              aria-controls="side-nav"
            />
            <HeaderBar />
          </Group>
        </AppShell.Header>
        <AppShell.Navbar p="sm" id="side-nav" aria-label="Main" className="no-print side-nav" data-collapsed={navOpen ? undefined : true}>
          <SideNav />
        </AppShell.Navbar>
        <AppShell.Main id="main" tabIndex={-1}>
          <div className="page">
            <Outlet />
          </div>
        </AppShell.Main>
      </AppShell>
    </>
  );
}
