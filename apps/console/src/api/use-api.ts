import type { TenantryClient } from '@tenantry/sdk';
import { TenantryApiError } from '@tenantry/sdk';
import { type DependencyList, useCallback, useEffect, useRef, useState } from 'react';
import { useSession } from './session';

export type Loadable<T> =
  | { status: 'loading'; data?: T }
  | { status: 'ready'; data: T }
  | { status: 'error'; error: unknown; data?: T };

/**
 * Loads data with the SDK client when the dependencies change; `reload`
 * fetches again keeping what is shown. A 401 means the session is over (the
 * SDK already tried its refresh): the console signs out.
 */
export const useApi = <T>(
  load: (client: TenantryClient, signal: AbortSignal) => Promise<T>,
  deps: DependencyList,
): Loadable<T> & { reload(): void } => {
  const { client, expire } = useSession();
  const [state, setState] = useState<Loadable<T>>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller's deps decide when to load again.
  useEffect(() => {
    const controller = new AbortController();
    setState((previous) => ({ status: 'loading', data: previous.data }));
    loadRef.current(client, controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ status: 'ready', data });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        if (error instanceof TenantryApiError && error.status === 401) expire();
        setState((previous) => ({ status: 'error', error, data: previous.data }));
      },
    );
    return () => controller.abort();
  }, [client, expire, generation, ...deps]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  return { ...state, reload };
};

/**
 * Runs a write (approve, suspend, toggle...) and tracks its progress and its
 * failure for the form that started it.
 */
export const useAction = <TArgs extends unknown[], TResult>(
  action: (client: TenantryClient, ...args: TArgs) => Promise<TResult>,
) => {
  const { client, expire } = useSession();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = useCallback(
    async (...args: TArgs): Promise<TResult | undefined> => {
      setPending(true);
      setError(null);
      try {
        return await action(client, ...args);
      } catch (caught) {
        if (caught instanceof TenantryApiError && caught.status === 401) expire();
        setError(caught);
        return undefined;
      } finally {
        setPending(false);
      }
    },
    [action, client, expire],
  );
  return { run, pending, error, clearError: () => setError(null) };
};
