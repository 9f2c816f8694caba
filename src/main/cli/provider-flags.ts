import { say } from '../../shared/messages.js';
import { GENERATION_PROVIDERS, type GenerationProvider, type ProviderChoice } from '../../shared/generate/requests.js';
import { stringFlag, type ParsedArgs, notOneOf, usageSaid } from './args.js';

/**
 * Which provider writes and which draws, from the command line. Text and
 * images may come from different providers in one job (`--text-provider`,
 * `--image-provider`, with `--text-model` / `--model` and `--image-model`);
 * `--provider` sets both, and is refused where its provider cannot do a part
 * the job needs (ComfyUI writes nothing, Ollama draws nothing) rather than
 * starting a job that must fail.
 */

/** What each provider can do, as the worker's providers implement it. */
const WRITERS: readonly GenerationProvider[] = ['cloud', 'gemini', 'replicate', 'ollama', 'offline'];
const ILLUSTRATORS: readonly GenerationProvider[] = ['cloud', 'gemini', 'replicate', 'comfyui', 'offline'];

type Part = 'text' | 'image';
const CAN: Record<Part, readonly GenerationProvider[]> = { text: WRITERS, image: ILLUSTRATORS };

function providerFlag(args: ParsedArgs, which: Part): GenerationProvider | undefined {
  const name = `${which}-provider`;
  const v = stringFlag(args, name);
  if (v === undefined) return undefined;
  if (!CAN[which].includes(v as GenerationProvider)) {
    const known = GENERATION_PROVIDERS.includes(v as GenerationProvider);
    throw known ? usageSaid(say(which === 'text' ? 'cli.cannotWrite' : 'cli.cannotDraw', { flag: name, value: v, values: CAN[which].join(', ') })) : notOneOf(name, CAN[which]);
  }
  return v as GenerationProvider;
}

function part(args: ParsedArgs, which: Part): ProviderChoice {
  const own = providerFlag(args, which);
  const both = stringFlag(args, 'provider');
  if (both !== undefined && !GENERATION_PROVIDERS.includes(both as GenerationProvider)) throw notOneOf('provider', GENERATION_PROVIDERS);
  let provider: GenerationProvider = own ?? 'offline';
  if (!own && both !== undefined) {
    if (!CAN[which].includes(both as GenerationProvider)) {
      throw usageSaid(say(which === 'text' ? 'cli.bothCannotWrite' : 'cli.bothCannotDraw', { value: both, values: CAN[which].join(', ') }));
    }
    provider = both as GenerationProvider;
  }
  const model = which === 'text' ? (stringFlag(args, 'text-model') ?? stringFlag(args, 'model')) : stringFlag(args, 'image-model');
  return { provider, ...(model ? { model } : {}) };
}

/** The text choice (blog, social, Director script). */
export function textChoice(args: ParsedArgs): ProviderChoice {
  return part(args, 'text');
}

/** The image choice (blog cover, social picture). */
export function imageChoice(args: ParsedArgs): ProviderChoice {
  return part(args, 'image');
}
