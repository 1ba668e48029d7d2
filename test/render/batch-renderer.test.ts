import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { THREADED_FROM, threadsFor } from '../../src/render/batch-renderer.js';

describe('threads for a batch', () => {
  it('renders small batches in-thread and large ones on every core', () => {
    expect(threadsFor(THREADED_FROM - 1, {})).toBe(0);
    expect(threadsFor(THREADED_FROM, {})).toBe(availableParallelism() > 1 ? availableParallelism() : 0);
  });

  it('TITRES_RENDER_THREADS forces the count, 0 meaning in-thread', () => {
    expect(threadsFor(10, { TITRES_RENDER_THREADS: '2' })).toBe(2);
    expect(threadsFor(100_000, { TITRES_RENDER_THREADS: '0' })).toBe(0);
  });
});
