/**
 * A page the model worker could not survive: the thread ran out of its heap (`resourceLimits`) or
 * died some other way while modelling it. The page is data (`code`), the worker is restarted, and the
 * run goes on; the other pages that were queued on that worker are modelled by its replacement.
 */
export class ModelWorkerError extends Error {
  /** `MODEL_WORKER_OUT_OF_MEMORY` when the heap limit killed it; `MODEL_WORKER_EXITED` otherwise. */
  readonly code: 'MODEL_WORKER_OUT_OF_MEMORY' | 'MODEL_WORKER_EXITED';
  readonly url: string;

  constructor(code: ModelWorkerError['code'], url: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ModelWorkerError';
    this.code = code;
    this.url = url;
  }
}
