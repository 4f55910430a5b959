/** See build-heap.mjs. */
export declare const BUILD_HEAP_MB: number;
