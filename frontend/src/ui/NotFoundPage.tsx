import { ButtonLink } from "./Button";
import { PageHeader } from "./Page";

export function NotFoundPage() {
  return (
    <>
      <PageHeader title="Page not found" subtitle="There is nothing at this address." />
      <ButtonLink to="/">Go home</ButtonLink>
    </>
  );
}
