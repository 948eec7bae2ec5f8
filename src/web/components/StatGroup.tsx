import { Paper, SimpleGrid, Text } from '@mantine/core';

/** A row of labelled numbers ("Students 412"), as a description list for screen readers. */
export function StatGroup({ stats }: { stats: { label: string; value: string | number }[] }) {
  return (
    <SimpleGrid component="dl" cols={{ base: 2, sm: Math.min(stats.length, 4) }} spacing="sm" mb="lg" className="stats">
      {stats.map((stat) => (
        <Paper key={stat.label} withBorder p="sm" radius="md">
          <Text component="dt" size="sm">
            {stat.label}
          </Text>
          <Text component="dd" fw={700} fz="xl" m={0}>
            {stat.value}
          </Text>
        </Paper>
      ))}
    </SimpleGrid>
  );
}
