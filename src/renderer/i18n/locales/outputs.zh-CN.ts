import { outputsText } from '../../../shared/outputs/text.js';
import type { OutputsMessages } from './outputs.en.js';

/** zh-CN: family `outputs` (issue 17). */
export const outputsZhCN: OutputsMessages = {
  ...outputsText.texts['zh-CN'],
  'outputs.origin.import': '导入',
  'outputs.origin.generated': '生成',
  'outputs.origin.batch': '批量',
  'outputs.originFilter': '来源',
  'outputs.field.origin': '来源',
  'outputs.source.madeBy': '生成自：{title}',
  'outputs.source.jobGone': '生成它的任务已不在历史记录中。',
  'outputs.source.openHistory': '打开历史记录',
  'outputs.source.openProject': '打开所属项目',
  'outputs.history.outputs': '素材库中的产出',
};
