import { Title } from '@mantine/core';
import { useId, type ReactNode } from 'react';

/** A labelled region of a page with its h2 heading. */
export function Section({ title, children, actions }: { title: string; children: ReactNode; actions?: ReactNode }) {
  const id = useId();
  return (
    <section aria-labelledby={id} className="page-section">
      <div className="section-head">
        <Title order={2} id={id} size="h3">
          {title}
        </Title>
        {actions}
      </div>
      {children}
    </section>
  );
}
