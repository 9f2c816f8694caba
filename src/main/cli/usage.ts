import type { UsageEntry } from '../../shared/cli/help/index.js';

/**
 * The syntax of the engine's own commands (the areas' commands keep theirs in
 * their files), for `kingjam help` and their usage errors; what each does is
 * said in the user's language from src/shared/cli/help.
 */
export const DEMO_USAGE: UsageEntry[] = [{ syntax: 'kingjam demo [--out DIR]', about: 'help.demo' }];
export const SERVE_USAGE: UsageEntry[] = [{ syntax: 'kingjam serve [--port N] [--host H]', about: 'help.serve' }];
export const IMPORT_USAGE: UsageEntry[] = [{ syntax: 'kingjam import PATH… [--json]', about: 'help.import' }];
export const COMPOSE_USAGE: UsageEntry[] = [{ syntax: 'kingjam compose TIMELINE.json [--out FILE] [--json]', about: 'help.compose' }];
export const MOTION_USAGE: UsageEntry[] = [
  { syntax: 'kingjam motion IMAGE --effect fireworks|lanterns|snow [--seconds 5] [--out FILE] [--live-photo] [--json]', about: 'help.motion' },
];
export const GENERATE_USAGE: UsageEntry[] = [
  {
    syntax:
      'kingjam generate blog|social|video --topic T [--provider offline|cloud|gemini|replicate|ollama|comfyui | --text-provider P --image-provider P] [--model M] [--image-model M] [--tone T] [--language zh-TW|zh-CN|en] [--out DIR] [--yes] [--json]',
    about: 'help.generate',
  },
];
export const ACCOUNT_USAGE: UsageEntry[] = [
  { syntax: 'kingjam account login --cloud URL --email E [--totp CODE]', about: 'help.account.login' },
  { syntax: 'kingjam account status [--json]', about: 'help.account.status' },
  { syntax: 'kingjam account logout', about: 'help.account.logout' },
];
export const JOBS_USAGE: UsageEntry[] = [
  { syntax: 'kingjam jobs list [--status S] [--limit N] [--json]', about: 'help.jobs.list' },
  { syntax: 'kingjam jobs retry ID | cancel ID', about: 'help.jobs.retryCancel' },
  { syntax: 'kingjam jobs run [--until-idle]', about: 'help.jobs.run' },
];
export const DOCTOR_USAGE: UsageEntry[] = [{ syntax: 'kingjam doctor [--json]', about: 'help.doctor' }];
