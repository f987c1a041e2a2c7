import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './src/entitlements/schema.ts',
  out: './migrations/entitlements',
});
