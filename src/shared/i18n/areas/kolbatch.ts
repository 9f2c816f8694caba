/**
 * The server messages (`msg.*`) of the renderer's `kolbatch` family, in the three
 * languages: the renderer's catalogs spread them, and `kingjam` says them
 * (src/main/cli/error-lines.ts), which may not import the renderer.
 */
const en = {
  "msg.kol.batch.writeTimedOut": "The post was not written within {seconds} s.",
  "msg.kol.batch.writeTimedOut.hint": "The provider may be overloaded: try the topic again later, or choose another model for this persona.",
  "msg.kol.batch.writeFailed": "The post could not be written: {detail}",
  "msg.kol.batch.writeFailed.hint": "The rest of the batch goes on; try this topic again in a new batch.",
  "msg.kol.batch.personaNotFound": "There is no persona {id}.",
  "msg.kol.batch.personaNotFound.hint": "Choose personas from the KOL page; an archived persona writes no more posts.",
  "msg.kol.batch.cannotPause": "Only a running batch can be paused; this one is {state}.",
  "msg.kol.batch.cannotPause.hint": "Refresh to see its current state.",
  "msg.kol.batch.cannotResume": "Only a paused batch can be resumed; this one is {state}.",
  "msg.kol.batch.cannotResume.hint": "Start a new batch for the topics that were not written.",
  "msg.kol.batch.alreadyEnded": "The batch has already ended ({state}).",
  "msg.kol.batch.alreadyEnded.hint": "Nothing is running in it any more.",
  "msg.kol.batch.jobLost": "The job writing this post is gone.",
  "msg.kol.batch.jobLost.hint": "Its job history was cleared while the batch ran; write this topic again in a new batch.",
  "msg.kol.batch.overMaxCredits": "This batch may cost {credits} credits, more than your limit of {max}.",
  "msg.kol.batch.overMaxCredits.hint": "Raise --max-credits, write fewer posts, or use personas on a free provider.",
  "msg.kol.batch.needsConsent": "This batch may cost {credits} credits.",
  "msg.kol.batch.needsConsent.hint": "Run it again with --yes, or with --max-credits N to set a limit.",
  "msg.kol.batch.noTopics": "There are no topics to write about.",
  "msg.kol.batch.noTopics.hint": "Give a topics file with one topic per line, or a batch JSON file with items.",
} as const;

type Key = keyof typeof en;

const zhTW: Record<Key, string> = {
  "msg.kol.batch.writeTimedOut": "貼文未在 {seconds} 秒內寫完。",
  "msg.kol.batch.writeTimedOut.hint": "供應商可能忙碌中：稍後再試這個主題，或為此人設改用其他模型。",
  "msg.kol.batch.writeFailed": "無法撰寫這篇貼文：{detail}",
  "msg.kol.batch.writeFailed.hint": "批次其餘項目會繼續；可在新批次中重試此主題。",
  "msg.kol.batch.personaNotFound": "找不到人設 {id}。",
  "msg.kol.batch.personaNotFound.hint": "請從 KOL 頁面選擇人設；已封存的人設不再撰寫貼文。",
  "msg.kol.batch.cannotPause": "只有進行中的批次可以暫停；此批次目前為 {state}。",
  "msg.kol.batch.cannotPause.hint": "重新整理以查看目前狀態。",
  "msg.kol.batch.cannotResume": "只有已暫停的批次可以繼續；此批次目前為 {state}。",
  "msg.kol.batch.cannotResume.hint": "請為未撰寫的主題開始新的批次。",
  "msg.kol.batch.alreadyEnded": "批次已結束（{state}）。",
  "msg.kol.batch.alreadyEnded.hint": "其中已沒有進行中的項目。",
  "msg.kol.batch.jobLost": "撰寫這篇貼文的工作已不存在。",
  "msg.kol.batch.jobLost.hint": "批次執行期間工作紀錄被清除；請在新批次中重寫此主題。",
  "msg.kol.batch.overMaxCredits": "此批次最多可能花費 {credits} 點，超過你設定的上限 {max}。",
  "msg.kol.batch.overMaxCredits.hint": "提高 --max-credits、減少貼文數，或改用免費供應商的人設。",
  "msg.kol.batch.needsConsent": "此批次最多可能花費 {credits} 點。",
  "msg.kol.batch.needsConsent.hint": "加上 --yes 再執行一次，或用 --max-credits N 設定上限。",
  "msg.kol.batch.noTopics": "沒有可撰寫的主題。",
  "msg.kol.batch.noTopics.hint": "請提供每行一個主題的檔案，或含 items 的批次 JSON 檔。",
};

const zhCN: Record<Key, string> = {
  "msg.kol.batch.writeTimedOut": "帖子未在 {seconds} 秒内写完。",
  "msg.kol.batch.writeTimedOut.hint": "服务商可能繁忙：稍后再试这个主题，或为此人设改用其他模型。",
  "msg.kol.batch.writeFailed": "无法撰写这篇帖子：{detail}",
  "msg.kol.batch.writeFailed.hint": "批次其余项目会继续；可在新批次中重试此主题。",
  "msg.kol.batch.personaNotFound": "找不到人设 {id}。",
  "msg.kol.batch.personaNotFound.hint": "请从 KOL 页面选择人设；已归档的人设不再撰写帖子。",
  "msg.kol.batch.cannotPause": "只有进行中的批次可以暂停；此批次当前为 {state}。",
  "msg.kol.batch.cannotPause.hint": "刷新以查看当前状态。",
  "msg.kol.batch.cannotResume": "只有已暂停的批次可以继续；此批次当前为 {state}。",
  "msg.kol.batch.cannotResume.hint": "请为未撰写的主题开始新的批次。",
  "msg.kol.batch.alreadyEnded": "批次已结束（{state}）。",
  "msg.kol.batch.alreadyEnded.hint": "其中已没有进行中的项目。",
  "msg.kol.batch.jobLost": "撰写这篇帖子的任务已不存在。",
  "msg.kol.batch.jobLost.hint": "批次运行期间任务记录被清除；请在新批次中重写此主题。",
  "msg.kol.batch.overMaxCredits": "此批次最多可能花费 {credits} 点，超过你设定的上限 {max}。",
  "msg.kol.batch.overMaxCredits.hint": "提高 --max-credits、减少帖子数，或改用免费服务商的人设。",
  "msg.kol.batch.needsConsent": "此批次最多可能花费 {credits} 点。",
  "msg.kol.batch.needsConsent.hint": "加上 --yes 再运行一次，或用 --max-credits N 设置上限。",
  "msg.kol.batch.noTopics": "没有可撰写的主题。",
  "msg.kol.batch.noTopics.hint": "请提供每行一个主题的文件，或含 items 的批次 JSON 文件。",
};

export const KOLBATCH_MESSAGES = { en, 'zh-TW': zhTW, 'zh-CN': zhCN };
