import { outputsText } from '../../../shared/outputs/text.js';
import type { OutputsMessages } from './outputs.en.js';

/** zh-TW: family `outputs` (issue 17). */
export const outputsZhTW: OutputsMessages = {
  ...outputsText.texts['zh-TW'],
  'outputs.origin.import': '匯入',
  'outputs.origin.generated': '生成',
  'outputs.origin.batch': '批次',
  'outputs.originFilter': '來源',
  'outputs.field.origin': '來源',
  'outputs.source.madeBy': '產生自：{title}',
  'outputs.source.jobGone': '產生它的工作已不在歷史紀錄中。',
  'outputs.source.openHistory': '開啟歷史紀錄',
  'outputs.source.openProject': '開啟所屬專案',
  'outputs.history.outputs': '素材庫中的產出',
};
