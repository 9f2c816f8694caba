/** `kingjam help` descriptions of the photo studio, headless batch, the render farm's worker and blind boxes, in the three languages. */
const en = {
  'help.photo.fuse': '4-choose-1 family composite: 1–5 people photos on a preset or your own background',
  'help.photo.makeover': 'a family photo on a new background, optionally in new costumes',
  'help.photo.repair': 'old-photo repair: scratches, noise and faces',
  'help.photo.motion': 'a 5-second clip and a Live Photo pair in which only the background moves',
  'help.batch.run':
    'a job file (JSON or YAML, docs/batch.md) of blog, social, video, photo-fuse, compose, motion and\npublish items: every problem and the cost first; paid work needs --yes or a --max-credits ceiling;\na rerun skips what finished with the same inputs; a manifest.json beside the outputs',
  'help.worker': 'join a render farm (--redis or KINGJAM_REDIS_URL): run jobs that `--redis` engine commands dispatch (docs/farm.md)',
  'help.boxes.list': 'my blind-box openings (id, item, credits, whether the seed is revealed)',
  'help.boxes.verify':
    'recompute an opening here from the revealed seed (src/shared/boxes/fair.ts):\nexit 0 verified, 1 it does not match, 3 the seed is not revealed yet',
} as const;

export type ToolsHelpKey = keyof typeof en;

const zhTW: Record<ToolsHelpKey, string> = {
  'help.photo.fuse': '四選一全家福合成：1–5 張人物照，放進預設或你自己的背景',
  'help.photo.makeover': '把全家福換上新背景，也可以換上新服裝',
  'help.photo.repair': '老照片修復：刮痕、雜訊與臉部',
  'help.photo.motion': '只有背景會動的 5 秒短片與一組 Live Photo',
  'help.batch.run':
    '工作檔（JSON 或 YAML，docs/batch.md），可包含部落格、社群、影片、照片合成、剪輯、微動態與\n發布項目：先列出所有問題與費用；付費工作需要 --yes 或 --max-credits 上限；\n重跑時會略過輸入相同且已完成的項目；輸出旁會有 manifest.json',
  'help.worker': '加入算繪農場（--redis 或 KINGJAM_REDIS_URL）：執行帶 `--redis` 的指令派出的工作（docs/farm.md）',
  'help.boxes.list': '我的盲盒開盒紀錄（ID、物品、點數、種子是否已公開）',
  'help.boxes.verify': '用公開的種子在本機重算一次開盒（src/shared/boxes/fair.ts）：\n驗證通過結束碼 0，不符為 1，種子尚未公開為 3',
};

const zhCN: Record<ToolsHelpKey, string> = {
  'help.photo.fuse': '四选一全家福合成：1–5 张人物照，放进预设或你自己的背景',
  'help.photo.makeover': '把全家福换上新背景，也可以换上新服装',
  'help.photo.repair': '老照片修复：划痕、噪点与脸部',
  'help.photo.motion': '只有背景会动的 5 秒短片与一组 Live Photo',
  'help.batch.run':
    '任务文件（JSON 或 YAML，docs/batch.md），可包含博客、社交、视频、照片合成、剪辑、微动态与\n发布项目：先列出所有问题与费用；付费任务需要 --yes 或 --max-credits 上限；\n重跑时会跳过输入相同且已完成的项目；输出旁会有 manifest.json',
  'help.worker': '加入渲染农场（--redis 或 KINGJAM_REDIS_URL）：运行带 `--redis` 的命令派出的任务（docs/farm.md）',
  'help.boxes.list': '我的盲盒开盒记录（ID、物品、点数、种子是否已公开）',
  'help.boxes.verify': '用公开的种子在本机重算一次开盒（src/shared/boxes/fair.ts）：\n验证通过退出码 0，不符为 1，种子尚未公开为 3',
};

export const TOOLS_HELP = { en, 'zh-TW': zhTW, 'zh-CN': zhCN };
