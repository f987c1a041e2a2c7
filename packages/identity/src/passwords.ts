/// <reference path="./fxa-common-password-list.d.ts" />
import { hash, verify } from '@node-rs/argon2';
import commonPasswords from 'fxa-common-password-list';
import { identityErrors } from './errors';
import { maxPasswordLength, minPasswordLength } from './password-policy';

/** OWASP's argon2id recommendation: 19 MiB, 2 iterations, 1 lane. */
const argon2Options = {
  algorithm: 2 /* Algorithm.Argon2id: a const enum, unusable under verbatimModuleSyntax */,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
};

export const hashPassword = (password: string): Promise<string> => hash(password, argon2Options);

export const verifyPassword = (passwordHash: string, password: string): Promise<boolean> =>
  verify(passwordHash, password).catch(() => false);

/**
 * A hash of a random password, verified against when the account does not
 * exist so a wrong e-mail costs as much time as a wrong password.
 */
let decoyHash: Promise<string> | undefined;
export const decoyPasswordHash = (): Promise<string> => {
  decoyHash ??= hashPassword(`decoy-${Math.random()}-${Date.now()}`);
  return decoyHash;
};

/** Refuses passwords that are too short, too long, or among the most common breached ones. */
export const assertAcceptablePassword = (password: string, context: { email?: string } = {}): void => {
  if (password.length < minPasswordLength || password.length > maxPasswordLength) {
    throw identityErrors.weakPassword(
      `A password has ${minPasswordLength} to ${maxPasswordLength} characters`,
    );
  }
  const lowered = password.toLowerCase();
  if (commonPasswords.test(password) || commonPasswords.test(lowered)) {
    throw identityErrors.weakPassword('This password is among the most common breached passwords');
  }
  if (context.email && lowered === context.email.toLowerCase()) {
    throw identityErrors.weakPassword('A password cannot be the e-mail address');
  }
};
