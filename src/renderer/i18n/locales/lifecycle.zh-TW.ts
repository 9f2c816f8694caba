import { lifecycleText } from '../../../shared/lifecycle/text.js';
import type { LifecycleMessages } from './lifecycle.en.js';

/** zh-TW: family `lifecycle` (issue 17). */
export const lifecycleZhTW: LifecycleMessages = {
  ...lifecycleText.texts['zh-TW'],
  'lifecycle.star.label': '加星號保留 {name}',
  'lifecycle.star.title': '加星號的項目永遠不會被清理',
  'lifecycle.filter.starred': '已加星號',
  'lifecycle.when.now': '現在',
  'lifecycle.when.today': '今天 {time}',
  'lifecycle.when.tomorrow': '明天 {time}',
  'lifecycle.next.summary': '下次清理 {when}：{count} 個項目，{size}',
  'lifecycle.next.nothing': '下次清理 {when}：沒有要移除的項目',
  'lifecycle.next.temp': '暫存項目清理 {when}：{count} 個項目，{size}',
  'lifecycle.next.list': '查看將移除的項目',
  'lifecycle.next.hint': '加上星號即可保留。沒有保留期限的項目永遠不會被清理。',
  'lifecycle.next.removeOn': '將於 {date} 移除',
  'lifecycle.usage.title': '磁碟用量',
  'lifecycle.class.shortVideo': '短影片',
  'lifecycle.class.socialImage': '社群圖片',
  'lifecycle.class.blogImage': '部落格圖片',
  'lifecycle.class.scheduledMedia': '排程媒體',
  'lifecycle.class.temp': '中間檔案',
  'lifecycle.class.kept': '永久保留（無期限）',
  'lifecycle.usage.tempFolders': '暫存資料夾',
  'lifecycle.usage.total': '總計',
  'lifecycle.usage.starred': '已加星號：{count} 個項目，{size}',
  'lifecycle.usage.free': '磁碟可用空間：{free}（共 {size}）',
  'lifecycle.usage.noDisk': '無法讀取磁碟可用空間',
};
