import { areaText } from '../area-text.js';

/**
 * Server messages that `kingjam` prints when a command names something that
 * is not there (a job, a file, a post, a persona, a batch, a style, a
 * character) or a file it cannot read, in the three languages. They live
 * here, not only in the renderer's catalogs, because the CLI in main may not
 * import the renderer; the `cli` locale family spreads them in, so the page
 * and the CLI say the same thing.
 */
const en = {
  'msg.job.notFound': 'That job no longer exists.',
  'msg.file.notFound': '“{name}” does not exist or cannot be read.',
  'msg.timeline.notJson': '“{file}” is not valid JSON.',
  'msg.timeline.invalid': 'The timeline is not valid (first at {field}).',
  'msg.timeline.invalid.hint': 'See docs/timeline.md for the format.',
  'msg.media.missing': 'The file {file} does not exist.',
  'msg.kol.core.postNotFound': 'That post no longer exists.',
  'msg.kol.core.personaNotFound': 'That persona no longer exists.',
  'msg.kol.core.importNotJson': 'The file is not JSON: {detail}',
  'msg.kol.core.importNotJson.hint': 'Choose a file exported from KingJam Studio’s personas.',
  'msg.kol.batch.notFound': 'That batch no longer exists.',
  'msg.kol.batch.notFound.hint': 'Refresh the list of batches.',
  'msg.style.notFound': 'There is no style {id}.',
  'msg.character.notFound': 'This character is no longer in the studio.',
  'msg.publish.outbox.notFound': 'That post is no longer in the outbox.',
  'msg.publish.outbox.notFound.hint': 'Refresh the calendar; it may have been deleted elsewhere.',
  'msg.mesh.check.unreadable': 'The model file “{file}” could not be opened.',
  'msg.mesh.check.unreadable.hint': 'Check that the file still exists and that the studio may read it, then try again.',
} as const;

export type CliServiceKey = keyof typeof en;

const zhTW: Record<CliServiceKey, string> = {
  'msg.job.notFound': '這項工作已不存在。',
  'msg.file.notFound': '「{name}」不存在或無法讀取。',
  'msg.timeline.notJson': '「{file}」不是有效的 JSON。',
  'msg.timeline.invalid': '時間軸無效（第一個問題在 {field}）。',
  'msg.timeline.invalid.hint': '格式請參考 docs/timeline.md。',
  'msg.media.missing': '檔案 {file} 不存在。',
  'msg.kol.core.postNotFound': '這則貼文已不存在。',
  'msg.kol.core.personaNotFound': '這個人設已不存在。',
  'msg.kol.core.importNotJson': '檔案不是 JSON：{detail}',
  'msg.kol.core.importNotJson.hint': '請選擇從 KingJam Studio 人設匯出的檔案。',
  'msg.kol.batch.notFound': '這個批次已不存在。',
  'msg.kol.batch.notFound.hint': '請重新整理批次清單。',
  'msg.style.notFound': '找不到風格 {id}。',
  'msg.character.notFound': '這個角色已不在工作室中。',
  'msg.publish.outbox.notFound': '這則貼文已不在發文匣中。',
  'msg.publish.outbox.notFound.hint': '請重新整理行事曆；它可能已在別處刪除。',
  'msg.mesh.check.unreadable': '無法開啟模型檔「{file}」。',
  'msg.mesh.check.unreadable.hint': '請確認檔案仍在、且工作室有權讀取，然後再試一次。',
};

const zhCN: Record<CliServiceKey, string> = {
  'msg.job.notFound': '这个任务已不存在。',
  'msg.file.notFound': '“{name}”不存在或无法读取。',
  'msg.timeline.notJson': '“{file}”不是有效的 JSON。',
  'msg.timeline.invalid': '时间轴无效（第一个问题在 {field}）。',
  'msg.timeline.invalid.hint': '格式请参考 docs/timeline.md。',
  'msg.media.missing': '文件 {file} 不存在。',
  'msg.kol.core.postNotFound': '这条帖子已不存在。',
  'msg.kol.core.personaNotFound': '这个人设已不存在。',
  'msg.kol.core.importNotJson': '文件不是 JSON：{detail}',
  'msg.kol.core.importNotJson.hint': '请选择从 KingJam Studio 人设导出的文件。',
  'msg.kol.batch.notFound': '这个批次已不存在。',
  'msg.kol.batch.notFound.hint': '请刷新批次列表。',
  'msg.style.notFound': '找不到风格 {id}。',
  'msg.character.notFound': '这个角色已不在工作室中。',
  'msg.publish.outbox.notFound': '这条帖子已不在发件箱中。',
  'msg.publish.outbox.notFound.hint': '请刷新日历；它可能已在别处删除。',
  'msg.mesh.check.unreadable': '无法打开模型文件“{file}”。',
  'msg.mesh.check.unreadable.hint': '请确认文件仍在、且工作室有权读取，然后再试一次。',
};
export const cliServiceText = areaText<CliServiceKey>({ en, 'zh-TW': zhTW, 'zh-CN': zhCN });
