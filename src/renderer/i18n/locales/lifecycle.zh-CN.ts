import { lifecycleText } from '../../../shared/lifecycle/text.js';
import type { LifecycleMessages } from './lifecycle.en.js';

/** zh-CN: family `lifecycle` (issue 17). */
export const lifecycleZhCN: LifecycleMessages = {
  ...lifecycleText.texts['zh-CN'],
  'lifecycle.star.label': '加星标保留 {name}',
  'lifecycle.star.title': '加星标的项目永远不会被清理',
  'lifecycle.filter.starred': '已加星标',
  'lifecycle.when.now': '现在',
  'lifecycle.when.today': '今天 {time}',
  'lifecycle.when.tomorrow': '明天 {time}',
  'lifecycle.next.summary': '下次清理 {when}：{count} 个项目，{size}',
  'lifecycle.next.nothing': '下次清理 {when}：没有要移除的项目',
  'lifecycle.next.temp': '临时项目清理 {when}：{count} 个项目，{size}',
  'lifecycle.next.list': '查看将移除的项目',
  'lifecycle.next.hint': '加上星标即可保留。没有保留期限的项目永远不会被清理。',
  'lifecycle.next.removeOn': '将于 {date} 移除',
  'lifecycle.usage.title': '磁盘用量',
  'lifecycle.class.shortVideo': '短视频',
  'lifecycle.class.socialImage': '社交图片',
  'lifecycle.class.blogImage': '博客图片',
  'lifecycle.class.scheduledMedia': '排程媒体',
  'lifecycle.class.temp': '中间文件',
  'lifecycle.class.kept': '永久保留（无期限）',
  'lifecycle.usage.tempFolders': '临时文件夹',
  'lifecycle.usage.total': '总计',
  'lifecycle.usage.starred': '已加星标：{count} 个项目，{size}',
  'lifecycle.usage.free': '磁盘可用空间：{free}（共 {size}）',
  'lifecycle.usage.noDisk': '无法读取磁盘可用空间',
};
