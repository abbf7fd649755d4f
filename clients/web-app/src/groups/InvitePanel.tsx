// The group's invite code and a link to share it; copying uses the clipboard where the browser
// allows it, and otherwise selects the link for the reader to copy themselves.
import { useEffect, useRef, useState } from 'react';
import { hrefOf } from '../routing.js';

type CopyOutcome = 'copied' | 'selected' | null;

const CONFIRMATION_MS = 4_000;

export function InvitePanel({ inviteCode }: { inviteCode: string }) {
  const link = new URL(hrefOf({ page: 'join', inviteCode }), window.location.href).toString();
  const linkText = useRef<HTMLParagraphElement>(null);
  const [outcome, setOutcome] = useState<CopyOutcome>(null);

  useEffect(() => {
    if (!outcome) return;
    const timer = setTimeout(() => setOutcome(null), CONFIRMATION_MS);
    return () => clearTimeout(timer);
  }, [outcome]);

  async function copyLink(): Promise<void> {
    try {
      // Absent outside secure contexts, and refused without permission: both fall back below.
      await navigator.clipboard.writeText(link);
      setOutcome('copied');
    } catch {
      if (linkText.current) window.getSelection()?.selectAllChildren(linkText.current);
      setOutcome('selected');
    }
  }

  return (
    <section className="card invite" aria-labelledby="invite-heading">
      <h2 id="invite-heading">Invite friends</h2>
      <div className="field">
        <label htmlFor="invite-code">Invite code</label>
        <input id="invite-code" className="invite-code" readOnly value={inviteCode} onFocus={(event) => event.target.select()} />
      </div>
      <p className="invite-link" ref={linkText}>
        {link}
      </p>
      <div className="invite-actions">
        <button type="button" className="secondary" onClick={() => void copyLink()}>
          Copy invite link
        </button>
        <p className="copy-outcome" role="status">
          {outcome === 'copied' && 'Copied'}
          {outcome === 'selected' && 'Link selected: press Ctrl+C (⌘C on a Mac) to copy it.'}
        </p>
      </div>
    </section>
  );
}
