import { areaText } from '../area-text.js';

/** What `kingjam demo` (and `npm run demo`) says before its first step when ffmpeg or ffprobe is missing, in the three languages. */
const en = {
  'cli.ffmpeg.and': '{first} and {second}',
  'cli.ffmpeg.missing': '{tools} not found (FFMPEG_PATH / FFPROBE_PATH, the ffmpeg-static package, PATH): the demo needs it for its video.',
  'cli.ffmpeg.installYourself': 'Install it, then run the demo again: {command}',
  'cli.ffmpeg.installing': '{tools} not found: installing the Debian package ffmpeg with apt-get, as `npm run test:all` does ({command}).',
  'cli.ffmpeg.stepFailed': '`{step}` failed. Install ffmpeg yourself, then run the demo again: {command}',
  'cli.ffmpeg.stillMissing': '{tools} still not found after apt-get. Install it yourself: {command}',
  'cli.ffmpeg.installed': 'ffmpeg installed: {path}',
  'cli.ffmpeg.anyManager': 'install ffmpeg with your package manager, or set FFMPEG_PATH and FFPROBE_PATH',
} as const;

export type FfmpegTextKey = keyof typeof en;

const zhTW: Record<FfmpegTextKey, string> = {
  'cli.ffmpeg.and': '{first} 和 {second}',
  'cli.ffmpeg.missing': '找不到 {tools}（FFMPEG_PATH / FFPROBE_PATH、ffmpeg-static 套件、PATH 都沒有）：範例的影片需要它。',
  'cli.ffmpeg.installYourself': '請先安裝，再執行一次範例：{command}',
  'cli.ffmpeg.installing': '找不到 {tools}：正在用 apt-get 安裝 Debian 的 ffmpeg 套件，與 `npm run test:all` 的做法相同（{command}）。',
  'cli.ffmpeg.stepFailed': '`{step}` 失敗了。請自行安裝 ffmpeg，再執行一次範例：{command}',
  'cli.ffmpeg.stillMissing': 'apt-get 之後仍然找不到 {tools}。請自行安裝：{command}',
  'cli.ffmpeg.installed': '已安裝 ffmpeg：{path}',
  'cli.ffmpeg.anyManager': '請用系統的套件管理工具安裝 ffmpeg，或設定 FFMPEG_PATH 與 FFPROBE_PATH',
};

const zhCN: Record<FfmpegTextKey, string> = {
  'cli.ffmpeg.and': '{first} 和 {second}',
  'cli.ffmpeg.missing': '找不到 {tools}（FFMPEG_PATH / FFPROBE_PATH、ffmpeg-static 包、PATH 都没有）：示例的视频需要它。',
  'cli.ffmpeg.installYourself': '请先安装，再运行一次示例：{command}',
  'cli.ffmpeg.installing': '找不到 {tools}：正在用 apt-get 安装 Debian 的 ffmpeg 软件包，与 `npm run test:all` 的做法相同（{command}）。',
  'cli.ffmpeg.stepFailed': '`{step}` 失败了。请自行安装 ffmpeg，再运行一次示例：{command}',
  'cli.ffmpeg.stillMissing': 'apt-get 之后仍然找不到 {tools}。请自行安装：{command}',
  'cli.ffmpeg.installed': '已安装 ffmpeg：{path}',
  'cli.ffmpeg.anyManager': '请用系统的软件包管理工具安装 ffmpeg，或设置 FFMPEG_PATH 和 FFPROBE_PATH',
};

export const ffmpegText = areaText<FfmpegTextKey>({ en, 'zh-TW': zhTW, 'zh-CN': zhCN });
