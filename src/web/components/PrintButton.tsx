import { Button } from '@mantine/core';

/** Prints the page; the print stylesheet hides navigation and controls. */
export function PrintButton({ label = 'Print' }: { label?: string }) {
  return (
    <Button variant="default" size="xs" className="no-print" onClick={() => window.print()}>
      {label}
    </Button>
  );
}
