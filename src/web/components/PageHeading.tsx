import { Title } from '@mantine/core';
import { useEffect, useRef, type ReactNode } from 'react';
import { useNavigationType } from 'react-router';

/**
 * The page's one h1. Sets the document title, and after an in-app navigation (not a
 * fresh load or Back) moves focus to the heading, so keyboard and screen-reader
 * users start reading at the new page instead of at a link that no longer exists.
 */
export function PageHeading({ title, children }: { title: string; children?: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  const navigationType = useNavigationType();

  useEffect(() => {
    document.title = `${title} · Trellis`;
  }, [title]);

  useEffect(() => {
    if (navigationType !== 'POP') ref.current?.focus();
  }, [navigationType]);

  return (
    <Title order={1} ref={ref} tabIndex={-1} className="page-heading" mb="md">
      {children ?? title}
    </Title>
  );
}
