import type { ReactNode } from "react";
import { Link } from "../../../lib/router";
import { ErrorMessage, Loading, PageTitle } from "../../../lib/ui";

/** A list page's heading with its "new" button beside it (left out when the caller's role may not create). */
export function ListPageHead({ title, newHref, newLabel }: { title: string; newHref?: string; newLabel: string }) {
  return (
    <div className="page-head">
      <PageTitle>{title}</PageTitle>
      {newHref ? (
        <Link href={newHref} className="button button-primary">
          {newLabel}
        </Link>
      ) : null}
    </div>
  );
}

/** What a loaded list shows besides its items: the error with a retry, "loading" until it has them, the words for none. */
export function ListStatus({ items, error, reload, none }: { items: readonly unknown[] | null | undefined; error: unknown; reload: () => unknown; none: ReactNode }) {
  return (
    <>
      {error ? <ErrorMessage error={error} onRetry={() => void reload()} /> : null}
      {!items && !error ? <Loading /> : null}
      {items && items.length === 0 ? <p>{none}</p> : null}
    </>
  );
}
