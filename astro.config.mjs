// @ts-check
import { defineConfig } from 'astro/config';

// The status site (issue #5) lives in site/; it reads the data dir through the same zod schemas checks/ writes with.
export default defineConfig({
  srcDir: './site',
  outDir: './dist/public',
});
