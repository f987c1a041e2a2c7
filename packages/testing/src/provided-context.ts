/** What the global setup hands each test file. */
declare module 'vitest' {
  export interface ProvidedContext {
    templateDatabase: string;
  }
}

export {};
