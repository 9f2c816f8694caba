import type { Language } from '../settings.js';

/**
 * The 3D builder service's texts in the three languages: its server messages
 * (`msg.mesh.app.*`) and what `kingjam 3d` prints (`mesh.cli.*`). They live
 * here because the CLI in main may not import the renderer; the `mesh`
 * locale family spreads them in, so the page and the CLI say the same thing.
 */
const en = {
  'msg.mesh.app.backendUnusable': '{backend} cannot make a model right now.',
  'msg.mesh.app.backendUnusable.hint': 'Do what the backend picker says ({action}), or leave that backend out.',
  'msg.mesh.app.modelNotFound': 'That 3D model is no longer here.',
  'msg.mesh.app.candidateNotFound': 'That candidate is not part of this model.',
  'msg.mesh.app.candidateNotChecked': 'That candidate has not been checked yet.',
  'msg.mesh.app.candidateNotChecked.hint': 'Wait for its check to finish, or choose a checked one.',
  'msg.mesh.app.nothingChecked': 'No candidate of this model has been checked yet.',
  'msg.mesh.app.nothingChecked.hint': 'Wait for a candidate to be made and checked, then prepare it.',
  'msg.mesh.app.notPrepared': 'Prepare the model for printing first.',
  'msg.mesh.app.notPrepared.hint': 'The production pack holds the prepared files: run "Prepare for printing", then make the pack.',
  'msg.mesh.app.quoteNotFound': 'That quote is no longer here.',
  'msg.mesh.app.notAnImage': '"{name}" is not a picture.',
  'msg.mesh.app.notAnImage.hint': 'Choose a PNG, JPG or WebP picture of the character.',
  'msg.mesh.app.backendTwice': '{backend} is chosen twice.',

  'mesh.cli.estimate': 'Cost: {credits} credits on KingJam Cloud.',
  'mesh.cli.free': 'Cost: free (this computer or your own ComfyUI / key).',
  'mesh.cli.needYes': 'This model costs {credits} credits. Run again with --yes to go ahead.',
  'mesh.cli.making': 'Making a 3D model from {image} with {backends}…',
  'mesh.cli.candidate': '{backend}: score {score}/100, {triangles} triangles, {size} mm{draft}{best}',
  'mesh.cli.candidateFailed': '{backend}: failed ({detail})',
  'mesh.cli.draft': ', offline draft',
  'mesh.cli.best': '  ← best',
  'mesh.cli.check': '{name}: {label} {value}',
  'mesh.cli.passed': 'passed',
  'mesh.cli.failed': 'FAILED',
  'mesh.cli.score': 'Score: {score}/100 at {size} mm for {process}.',
  'mesh.cli.wrote': 'Wrote {file}',
  'mesh.cli.noCandidate': 'No backend made a model.',
} as const;

export type MeshAppTextKey = keyof typeof en;

export const MESH_APP_TEXT: Record<Language, Record<MeshAppTextKey, string>> & { en: typeof en } = {
  en,
  'zh-TW': {
    'msg.mesh.app.backendUnusable': '{backend} 目前無法製作模型。',
    'msg.mesh.app.backendUnusable.hint': '請依來源選單的提示處理（{action}），或不要選這個來源。',
    'msg.mesh.app.modelNotFound': '這個 3D 模型已經不在了。',
    'msg.mesh.app.candidateNotFound': '這個候選不屬於這個模型。',
    'msg.mesh.app.candidateNotChecked': '這個候選還沒檢查完。',
    'msg.mesh.app.candidateNotChecked.hint': '請等檢查完成，或選一個已檢查的候選。',
    'msg.mesh.app.nothingChecked': '這個模型還沒有檢查完的候選。',
    'msg.mesh.app.nothingChecked.hint': '請等候選製作並檢查完成，再準備列印。',
    'msg.mesh.app.notPrepared': '請先準備列印檔。',
    'msg.mesh.app.notPrepared.hint': '生產包裝的是準備好的檔案：先執行「準備列印」，再製作生產包。',
    'msg.mesh.app.quoteNotFound': '這筆報價已經不在了。',
    'msg.mesh.app.notAnImage': '「{name}」不是圖片。',
    'msg.mesh.app.notAnImage.hint': '請選角色的 PNG、JPG 或 WebP 圖片。',
    'msg.mesh.app.backendTwice': '{backend} 被選了兩次。',

    'mesh.cli.estimate': '費用：KingJam Cloud {credits} 點。',
    'mesh.cli.free': '費用：免費（這台電腦，或你自己的 ComfyUI／金鑰）。',
    'mesh.cli.needYes': '這個模型會花費 {credits} 點。確定的話請加上 --yes 再執行。',
    'mesh.cli.making': '正在用 {backends} 從 {image} 製作 3D 模型…',
    'mesh.cli.candidate': '{backend}：分數 {score}/100，{triangles} 個三角形，{size} mm{draft}{best}',
    'mesh.cli.candidateFailed': '{backend}：失敗（{detail}）',
    'mesh.cli.draft': '，離線草稿',
    'mesh.cli.best': '  ← 最佳',
    'mesh.cli.check': '{name}：{label} {value}',
    'mesh.cli.passed': '通過',
    'mesh.cli.failed': '未通過',
    'mesh.cli.score': '分數：{score}/100（{size} mm，{process}）。',
    'mesh.cli.wrote': '已寫入 {file}',
    'mesh.cli.noCandidate': '沒有任何來源做出模型。',
  },
  'zh-CN': {
    'msg.mesh.app.backendUnusable': '{backend} 目前无法制作模型。',
    'msg.mesh.app.backendUnusable.hint': '请按来源菜单的提示处理（{action}），或不要选这个来源。',
    'msg.mesh.app.modelNotFound': '这个 3D 模型已经不在了。',
    'msg.mesh.app.candidateNotFound': '这个候选不属于这个模型。',
    'msg.mesh.app.candidateNotChecked': '这个候选还没检查完。',
    'msg.mesh.app.candidateNotChecked.hint': '请等检查完成，或选一个已检查的候选。',
    'msg.mesh.app.nothingChecked': '这个模型还没有检查完的候选。',
    'msg.mesh.app.nothingChecked.hint': '请等候选制作并检查完成，再准备打印。',
    'msg.mesh.app.notPrepared': '请先准备打印文件。',
    'msg.mesh.app.notPrepared.hint': '生产包装的是准备好的文件：先运行“准备打印”，再制作生产包。',
    'msg.mesh.app.quoteNotFound': '这条报价已经不在了。',
    'msg.mesh.app.notAnImage': '“{name}”不是图片。',
    'msg.mesh.app.notAnImage.hint': '请选角色的 PNG、JPG 或 WebP 图片。',
    'msg.mesh.app.backendTwice': '{backend} 被选了两次。',

    'mesh.cli.estimate': '费用：KingJam Cloud {credits} 点。',
    'mesh.cli.free': '费用：免费（这台电脑，或你自己的 ComfyUI／密钥）。',
    'mesh.cli.needYes': '这个模型会花费 {credits} 点。确定的话请加上 --yes 再运行。',
    'mesh.cli.making': '正在用 {backends} 从 {image} 制作 3D 模型…',
    'mesh.cli.candidate': '{backend}：分数 {score}/100，{triangles} 个三角形，{size} mm{draft}{best}',
    'mesh.cli.candidateFailed': '{backend}：失败（{detail}）',
    'mesh.cli.draft': '，离线草稿',
    'mesh.cli.best': '  ← 最佳',
    'mesh.cli.check': '{name}：{label} {value}',
    'mesh.cli.passed': '通过',
    'mesh.cli.failed': '未通过',
    'mesh.cli.score': '分数：{score}/100（{size} mm，{process}）。',
    'mesh.cli.wrote': '已写入 {file}',
    'mesh.cli.noCandidate': '没有任何来源做出模型。',
  },
};

/** A text in `language`, its `{parameters}` filled. */
export function meshText(language: Language, key: MeshAppTextKey, params: Record<string, string | number> = {}): string {
  return MESH_APP_TEXT[language][key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
