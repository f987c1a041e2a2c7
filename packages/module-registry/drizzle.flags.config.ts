import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './src/flags/schema.ts',
  out: './migrations/flags',
});
