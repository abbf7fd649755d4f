// A page's main landmark and heading. The heading takes focus when the page opens, so keyboard and
// screen reader users start at the new page rather than at the link they followed.
import { useEffect, useRef, type ReactNode } from 'react';

export function Page({ title, children, actions }: { title: string; children: ReactNode; actions?: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
    document.title = `${title} · Ledgerline`;
  }, [title]);
  return (
    <main id="content" className="page">
      <div className="page-heading">
        <h1 ref={heading} tabIndex={-1}>
          {title}
        </h1>
        {actions}
      </div>
      {children}
    </main>
  );
}
