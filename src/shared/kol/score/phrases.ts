/**
 * Phrase lists the quality and AI-likeness scores look for. Chinese phrases
 * are written once (Traditional or Simplified; folding matches both), with a
 * second entry only where the two markets use different words (追蹤 / 关注,
 * 連結 / 链接). English ones match on word boundaries.
 */

/** A call to action: the post asks the reader to do something. */
export const CALL_TO_ACTION = {
  chinese: [
    '留言', '分享', '追蹤', '關注', '點擊', '點連結', '連結', '链接', '按讚', '點讚', '收藏', '訂閱', '私訊', '私信', '標記', '轉發',
    '評論', '報名', '預約', '搶購', '下單', '立即購買', '告訴我', '你覺得呢', '一起來', '點我', '快來', '記得',
  ],
  english: [
    'comment', 'share', 'follow', 'subscribe', 'click', 'tap', 'link in bio', 'sign up', 'register', 'book now', 'shop now', 'learn more',
    'save this', 'tag a friend', 'let me know', 'dm me', 'join us', 'check out', 'download',
  ],
} as const;

/** Phrases machine-written text leans on (and careful human writers avoid). */
export const TEMPLATE_PHRASES = {
  chinese: [
    '總而言之', '綜上所述', '總的來說', '值得注意的是', '值得一提的是', '不可否認', '毋庸置疑', '眾所周知', '至關重要', '不容忽視',
    '扮演著重要的角色', '深入探討', '快節奏的', '希望對你有所幫助', '希望這篇文章對你有幫助', '讓我們一起', '在這個資訊爆炸的時代',
    '不僅如此', '賦能', '全方位', '一站式',
  ],
  english: [
    'in conclusion', "it's important to note", 'it is important to note', "it's worth noting", 'delve', 'dive into', "in today's fast-paced",
    "in today's digital", 'ever-evolving', 'navigate the', 'a testament to', 'plays a crucial role', 'plays a vital role', 'moreover',
    'furthermore', 'unlock the', 'elevate your', 'game-changer', 'seamless', 'embark on', 'tapestry', "whether you're", 'in the realm of',
    'first and foremost', 'i hope this helps',
  ],
  /** Frames with a slot, over folded (Simplified, lower-case) text: 在當今…的時代, 隨著…的發展, 首先…其次. */
  frames: [/在当今.{0,12}?(?:时代|社会|世界)/gu, /随着.{1,15}?的(?:发展|进步|普及)/gu, /首先[\s\S]{1,300}?其次/gu],
} as const;
