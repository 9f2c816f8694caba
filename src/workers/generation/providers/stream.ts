import type { TextResult, TextStream } from './types.js';

/**
 * Wraps an async generator of text deltas (whose return value is the final
 * result) as a TextStream: iterate for deltas, or await `result()`. The
 * generator starts lazily, on the first pull, so building a stream costs
 * nothing until someone reads it.
 */
export function textStream(source: () => AsyncGenerator<string, Omit<TextResult, 'text'>>): TextStream {
  let gen: AsyncGenerator<string, Omit<TextResult, 'text'>> | null = null;
  let text = '';
  let final: TextResult | null = null;
  let iterating = false;

  const pull = async (): Promise<IteratorResult<string>> => {
    gen ??= source();
    const step = await gen.next();
    if (step.done) {
      final = { ...step.value, text };
      return { done: true, value: undefined };
    }
    text += step.value;
    return { done: false, value: step.value };
  };

  return {
    [Symbol.asyncIterator](): AsyncIterator<string> {
      if (iterating) throw new Error('A text stream can be iterated once.');
      iterating = true;
      return {
        next: pull,
        async return(): Promise<IteratorResult<string>> {
          // Breaking out of the loop leaves the rest for result() to drain.
          return { done: true, value: undefined };
        },
      };
    },
    async result(): Promise<TextResult> {
      while (!final) await pull();
      return final;
    },
  };
}
