/** The start banner's lines on how to sign in, by whether a superadmin exists yet. */
export const signInHint = (
  superadmin: 'created' | 'exists' | 'unset',
  address: string,
  bootstrapEmail: string | undefined,
  consoleUrl?: string,
): string[] => {
  if (superadmin === 'unset') {
    return [
      '  sign in: no superadmin yet. Create the first one (this works once):',
      ...(consoleUrl ? [`    in the console: ${consoleUrl}/setup`, '    or over HTTP:'] : []),
      `    curl -X POST ${address}/v1/superadmin/setup -H 'content-type: application/json' \\`,
      `      -d '{"email":"you@example.com","password":"a long passphrase","name":"You"}'`,
      '    or set SUPERADMIN_EMAIL and SUPERADMIN_PASSWORD before starting.',
    ];
  }
  const who = superadmin === 'created' && bootstrapEmail ? ` as ${bootstrapEmail}` : '';
  if (consoleUrl) return [`  sign in${who}: ${consoleUrl}/login`];
  return [`  sign in${who}: POST ${address}/v1/auth/login {"email","password"}`];
};
