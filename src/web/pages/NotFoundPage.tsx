import { Anchor, Text } from '@mantine/core';
import { Link } from 'react-router';
import { PageHeading } from '../components/PageHeading.tsx';

export function NotFoundPage() {
  return (
    <>
      <PageHeading title="Page not found" />
      <Text role="alert">
        There is no page at this address. <Anchor component={Link} to="/">Go to the home page</Anchor>.
      </Text>
    </>
  );
}
