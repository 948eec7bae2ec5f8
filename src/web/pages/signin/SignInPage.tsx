import { Alert, Button, Container, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../../api.ts';
import { useSession } from '../../session/SessionProvider.tsx';

/** Only same-site paths, so a crafted link cannot send someone elsewhere after sign-in. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function SignInPage() {
  const { me, signIn } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    document.title = 'Sign in · Trellis';
  }, []);

  if (me) return <Navigate to={safeNext(params.get('next'))} replace />;

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setBusy(true);
    try {
      await signIn(email.trim(), password);
      navigate(safeNext(params.get('next')), { replace: true });
    } catch (reason) {
      setError(reason instanceof ApiError ? reason.message : 'Could not reach the server. Check your connection.');
      setBusy(false);
    }
  };

  return (
    <main id="main" className="sign-in">
      <Container size={420} py={64}>
        <Title order={1} ta="center" mb={4}>
          Trellis
        </Title>
        <Text ta="center" mb="lg">
          Sign in to your school account
        </Text>
        <Paper withBorder shadow="sm" p="xl" radius="md">
          <form onSubmit={onSubmit} noValidate aria-describedby={error ? 'sign-in-error' : undefined}>
            <Stack>
              <TextInput
                label="Email"
                type="email"
                name="email"
                autoComplete="username"
                // The only thing to do on this page is sign in: start in the first field.
                autoFocus
                required
                withAsterisk={false}
                value={email}
                onChange={(e) => setEmail(e.currentTarget.value)}
              />
              <PasswordInput
                label="Password"
                name="password"
                autoComplete="current-password"
                required
                withAsterisk={false}
                value={password}
                onChange={(e) => setPassword(e.currentTarget.value)}
              />
              <div id="sign-in-error">
                {error && (
                  <Alert color="red" variant="light" title="Sign-in failed">
                    {error}
                  </Alert>
                )}
              </div>
              <Button type="submit" loading={busy} fullWidth>
                Sign in
              </Button>
            </Stack>
          </form>
        </Paper>
        <Text size="xs" ta="center" mt="md" className="demo-hint">
          Demo district: leader@demo.school, password trellis-demo
        </Text>
      </Container>
    </main>
  );
}
