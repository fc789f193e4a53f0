import { PageHeader } from '../ui/parts';

export function NotFound() {
  return (
    <section>
      <PageHeader title="Page not found" />
      <p>
        There is nothing here. Go to your <a href="/">expenses</a>.
      </p>
    </section>
  );
}
