/** The part of js-yaml 4 the batch job file reader uses (the package ships no types). */
declare module 'js-yaml' {
  export const JSON_SCHEMA: object;
  export function load(text: string, options?: { schema?: object; filename?: string; json?: boolean }): unknown;
}
