import type { webcrypto } from 'node:crypto';
import type { Clock } from '@tenantry/core';
import type { TenancyRouter } from '@tenantry/db';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import { insertSigningKey, listLiveSigningKeys } from './signing-keys.repository';

export const tokenAlgorithm = 'ES256';

type VerifyKey = webcrypto.CryptoKey | Uint8Array;

/** The keys tokens are signed and verified with; public halves are served as a JWKS. */
export interface SigningKeyRing {
  signing(): { kid: string; key: webcrypto.CryptoKey };
  /** The verification key of a kid; reloads once when another instance added a key. */
  verifier(kid: string | undefined): Promise<VerifyKey | null>;
  jwks(): { keys: JWK[] };
}

interface LoadedKeys {
  signing: { kid: string; key: webcrypto.CryptoKey };
  verifiers: Map<string, VerifyKey>;
  publicJwks: JWK[];
}

const load = async (router: TenancyRouter): Promise<LoadedKeys | null> => {
  const rows = await router.withPlatform((tx) => listLiveSigningKeys(tx));
  const newest = rows[0];
  if (!newest) return null;
  const verifiers = new Map<string, VerifyKey>();
  for (const row of rows) verifiers.set(row.kid, await importJWK(row.publicJwk as JWK, tokenAlgorithm));
  return {
    signing: {
      kid: newest.kid,
      key: (await importJWK(newest.privateJwk as JWK, tokenAlgorithm)) as webcrypto.CryptoKey,
    },
    verifiers,
    publicJwks: rows.map((row) => ({
      ...(row.publicJwk as JWK),
      kid: row.kid,
      alg: tokenAlgorithm,
      use: 'sig',
    })),
  };
};

const createKey = async (router: TenancyRouter, deps: { clock: Clock }) => {
  const pair = await generateKeyPair(tokenAlgorithm, { extractable: true });
  const publicJwk = await exportJWK(pair.publicKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  const privateJwk = await exportJWK(pair.privateKey);
  await router.withPlatform((tx) =>
    insertSigningKey(tx, {
      kid,
      alg: tokenAlgorithm,
      privateJwk,
      publicJwk,
      createdAt: deps.clock.now(),
    }),
  );
};

/**
 * Loads the key ring from the platform database, creating the first key on
 * first start. Keys live in the database so every API and worker instance
 * signs and verifies alike.
 */
export const loadSigningKeyRing = async (
  router: TenancyRouter,
  deps: { clock: Clock },
): Promise<SigningKeyRing> => {
  let loaded = await load(router);
  if (!loaded) {
    await createKey(router, deps);
    loaded = await load(router);
  }
  if (!loaded) throw new Error('no signing key could be created');
  let current = loaded;
  return {
    signing: () => current.signing,
    async verifier(kid) {
      if (!kid) return null;
      const known = current.verifiers.get(kid);
      if (known) return known;
      const reloaded = await load(router);
      if (reloaded) current = reloaded;
      return current.verifiers.get(kid) ?? null;
    },
    jwks: () => ({ keys: current.publicJwks }),
  };
};
