import { Anchor, Button, Group, Text } from '@mantine/core';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { roleName } from '../session/roles.ts';
import { useMe, useSession } from '../session/SessionProvider.tsx';

/** Trellis name, the signed-in person and role, and sign-out. */
export function HeaderBar() {
  const me = useMe();
  const { signOut } = useSession();
  const navigate = useNavigate();
  const [signingOut, setSigningOut] = useState(false);

  const onSignOut = async () => {
    setSigningOut(true);
    try {
      await signOut();
    } finally {
      navigate('/sign-in', { replace: true });
    }
  };

  return (
    <Group justify="space-between" wrap="nowrap" style={{ flex: 1 }}>
      <Anchor component={Link} to="/" fw={700} fz="xl" underline="never" c="var(--mantine-color-text)" className="brand">
        Trellis
      </Anchor>
      <Group gap="md" wrap="nowrap">
        <div className="signed-in" data-testid="signed-in">
          <Text size="sm" fw={600} lh={1.2}>
            {me.displayName}
          </Text>
          <Text size="xs" c="dimmed" lh={1.2}>
            {roleName(me.role)} · {me.district.name}
          </Text>
        </div>
        <Button variant="default" size="sm" onClick={onSignOut} loading={signingOut}>
          Sign out
        </Button>
      </Group>
    </Group>
  );
}
