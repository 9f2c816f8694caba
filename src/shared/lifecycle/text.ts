import { areaText } from '../area-text.js';

/**
 * Texts of data lifecycle: retention and temp cleanup, stars, disk usage, /metrics that main says as well as the page: error messages
 * (`msg.lifecycle.*`, keys in ./messages.ts) and CLI lines (`lifecycle.cli.*`), in the
 * three languages. The `lifecycle` locale family spreads these in.
 */
const en = {
  'msg.lifecycle.workerMemoryLimit': 'The worker process went over its memory limit of {limit} MB ({used} MB in use) and was stopped; its memory is back with the system.',
  'msg.lifecycle.workerMemoryLimit.hint': 'Render a shorter or smaller video (or fewer scenes at once), or close other programs and try again.',
  'msg.lifecycle.workerMemoryAborted': 'The worker process ran out of its {limit} MB memory limit and stopped; its memory is back with the system.',
  'msg.lifecycle.workerMemoryAborted.hint': 'Render a shorter or smaller video (or fewer scenes at once), or close other programs and try again.',
  'msg.lifecycle.bridgeTokenWeak': 'KINGJAM_BRIDGE_TOKEN must be at least {min} characters of letters, digits, - and _.',
  'msg.lifecycle.bridgeTokenWeak.hint': 'Make one with `openssl rand -hex 32`, or leave it unset for a new random token at each start.',
} as const;

export type LifecycleTextKey = keyof typeof en;

const zhTW: Record<LifecycleTextKey, string> = {
  'msg.lifecycle.workerMemoryLimit': '工作程序超過 {limit} MB 的記憶體上限（使用中 {used} MB），已被停止；它占用的記憶體已還給系統。',
  'msg.lifecycle.workerMemoryLimit.hint': '請改算較短或較小的影片（或一次少放幾個場景），或關閉其他程式後再試一次。',
  'msg.lifecycle.workerMemoryAborted': '工作程序用完 {limit} MB 的記憶體上限而停止；它占用的記憶體已還給系統。',
  'msg.lifecycle.workerMemoryAborted.hint': '請改算較短或較小的影片（或一次少放幾個場景），或關閉其他程式後再試一次。',
  'msg.lifecycle.bridgeTokenWeak': 'KINGJAM_BRIDGE_TOKEN 至少要 {min} 個字元，只能用英文字母、數字、- 和 _。',
  'msg.lifecycle.bridgeTokenWeak.hint': '可用 `openssl rand -hex 32` 產生一組，或不設定，讓每次啟動都產生新的隨機權杖。',
};

const zhCN: Record<LifecycleTextKey, string> = {
  'msg.lifecycle.workerMemoryLimit': '工作进程超过 {limit} MB 的内存上限（使用中 {used} MB），已被停止；它占用的内存已还给系统。',
  'msg.lifecycle.workerMemoryLimit.hint': '请改为渲染较短或较小的视频（或一次少放几个场景），或关闭其他程序后再试一次。',
  'msg.lifecycle.workerMemoryAborted': '工作进程用完 {limit} MB 的内存上限而停止；它占用的内存已还给系统。',
  'msg.lifecycle.workerMemoryAborted.hint': '请改为渲染较短或较小的视频（或一次少放几个场景），或关闭其他程序后再试一次。',
  'msg.lifecycle.bridgeTokenWeak': 'KINGJAM_BRIDGE_TOKEN 至少要 {min} 个字符，只能用英文字母、数字、- 和 _。',
  'msg.lifecycle.bridgeTokenWeak.hint': '可用 `openssl rand -hex 32` 生成一个，或不设置，让每次启动都生成新的随机令牌。',
};

export const lifecycleText = areaText<LifecycleTextKey>({ en, 'zh-TW': zhTW, 'zh-CN': zhCN });
