// @ts-check
/**
 * The V8 heap (old generation, MB) the site builds run with: `npm run build:public` and
 * `build:internal` pass `--max-old-space-size=${CANHGAC_BUILD_HEAP_MB:-1536}`, and the tests', benchmarks' and npm start's
 * builds (checks/demo/build-site.ts) the same (tests/workflows.test.ts keeps
 * package.json in step).
 *
 * Left to itself V8 lets the heap grow towards a quarter of the machine's memory before it
 * collects hard: at 10,000 sites the internal build peaked at 2.2 GB of RSS cold and 2.6 GB on an
 * incremental build. Capped, the same builds peaked at 1.6–1.8 GB and ran faster (cold internal
 * 140 s instead of 159–175 s; incremental 44–53 s instead of 58–62 s), since a smaller heap is
 * touched less. 10,000 sites fit in 1,200 MB; a much larger registry may need more: set
 * CANHGAC_BUILD_HEAP_MB (a build that runs out says "JavaScript heap out of memory").
 */
export const BUILD_HEAP_MB = 1536;
