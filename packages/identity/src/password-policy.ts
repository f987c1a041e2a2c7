/**
 * The password rules a form can check before sending: pure (no hashing, no
 * breach list), so the browser-safe contracts and the console can use them.
 * The breach list and the e-mail rule are checked by the service (passwords.ts).
 */
export const minPasswordLength = 10;
/** Long passphrases are welcome; the cap only stops hashing megabytes. */
export const maxPasswordLength = 256;
