// Types of site/size.mjs (the site's size budget, shared by the build and the bench).
export declare const BUDGET_BYTES: number;
export declare const COUNTED: { readonly js: readonly string[]; readonly css: readonly string[] };
export declare function gzippedSize(dir: string): { readonly js: number; readonly css: number; readonly total: number };
