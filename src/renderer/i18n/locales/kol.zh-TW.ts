import type { KolMessages } from './kol.en.js';

/** zh-TW：family `kol`（issue 14）。 */
export const kolZhTW: KolMessages = {
  "msg.kol.core.illegalTransition": "貼文無法從「{from}」變成「{to}」。",
  "msg.kol.core.illegalTransition.hint": "請重新載入審核佇列：這則貼文可能已經往下一步了。",
  "msg.kol.core.postNotFound": "這則貼文已不存在。",
  "msg.kol.core.stateChanged": "已有其他人先處理了這則貼文：目前是「{state}」。",
  "msg.kol.core.stateChanged.hint": "重新載入佇列即可看到目前狀態。",
};
