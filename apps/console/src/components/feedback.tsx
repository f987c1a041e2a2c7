import type { ReactNode } from 'react';
import { describeError } from '../lib/format';

/** A polite busy indicator that screen readers announce. */
export const Loading = ({ label = 'Loading…' }: { label?: string }) => (
  <p className="loading" role="status" aria-live="polite">
    <span className="spinner" aria-hidden="true" />
    {label}
  </p>
);

/** What a list shows when it has nothing, with what to do about it. */
export const EmptyState = ({ title, children }: { title: string; children?: ReactNode }) => (
  <div className="empty">
    <p className="empty-title">{title}</p>
    {children ? <p className="muted">{children}</p> : null}
  </div>
);

/** An API failure as the API worded it, with its code and request id for support. */
export const ErrorMessage = ({ error, onRetry }: { error: unknown; onRetry?: () => void }) => {
  const shown = describeError(error);
  return (
    <div className="alert alert-error" role="alert">
      <p>
        {shown.message}
        {shown.code ? <code className="error-code">{shown.code}</code> : null}
      </p>
      {shown.requestId ? <p className="muted small">Request id: {shown.requestId}</p> : null}
      {onRetry ? (
        <button type="button" className="button secondary" onClick={onRetry}>
          Try again
        </button>
      ) : null}
    </div>
  );
};

export const Notice = ({ children }: { children: ReactNode }) => (
  <div className="alert alert-success" role="status">
    {children}
  </div>
);

export type TenantStatus = 'pending' | 'active' | 'suspended';

export const StatusBadge = ({ status }: { status: TenantStatus | string }) => (
  <span className={`badge badge-${status}`}>{status}</span>
);
