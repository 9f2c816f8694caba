import type { KolMessages } from './kol.en.js';

/** zh-CN：family `kol`（issue 14）。 */
export const kolZhCN: KolMessages = {
  "msg.kol.core.illegalTransition": "帖子无法从“{from}”变为“{to}”。",
  "msg.kol.core.illegalTransition.hint": "请重新加载审核队列：这条帖子可能已经进入下一步。",
  "msg.kol.core.postNotFound": "这条帖子已不存在。",
  "msg.kol.core.stateChanged": "已有其他人先处理了这条帖子：当前为“{state}”。",
  "msg.kol.core.stateChanged.hint": "重新加载队列即可看到当前状态。",
};
