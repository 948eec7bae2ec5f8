import { List, Text } from '@mantine/core';
import { TOOL_GUIDES, type ToolName } from '../../../../core/diagnosis/guides.ts';

/** The two-minute how-to of a tool, folded away until asked for. */
export function ToolGuide({ tool }: { tool: ToolName }) {
  const guide = TOOL_GUIDES[tool];
  return (
    <details className="tool-guide">
      <summary>How to use the {guide.title.toLowerCase()} (2 minutes)</summary>
      <Text size="sm" mt="xs">
        <strong>When:</strong> {guide.when}
      </Text>
      <List type="ordered" size="sm" my="xs">
        {guide.steps.map((step) => (
          <List.Item key={step}>{step}</List.Item>
        ))}
      </List>
      <Text size="sm">
        <strong>Example:</strong> {guide.example}
      </Text>
    </details>
  );
}
