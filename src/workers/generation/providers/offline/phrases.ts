import type { Language } from '../types.js';

/**
 * The offline provider's phrase banks. Fourteen-odd tones collapse into five
 * voices — enough for drafts to read differently per tone without pretending
 * to be a model. `{t}` is the topic, `{k}` a keyword, `{p}` the persona.
 */

export type Voice = 'formal' | 'warm' | 'playful' | 'inspiring' | 'calm';

const TONE_VOICES: Record<string, Voice> = {
  professional: 'formal',
  formal: 'formal',
  authoritative: 'formal',
  educational: 'formal',
  technical: 'formal',
  academic: 'formal',
  journalistic: 'formal',
  casual: 'warm',
  friendly: 'warm',
  empathetic: 'warm',
  conversational: 'warm',
  humorous: 'playful',
  witty: 'playful',
  enthusiastic: 'playful',
  energetic: 'playful',
  inspirational: 'inspiring',
  motivational: 'inspiring',
  storytelling: 'inspiring',
  persuasive: 'inspiring',
  luxurious: 'calm',
  minimalist: 'calm',
  poetic: 'calm',
};

/** A tone id (with or without a "-formal"-style suffix) to its voice; unknown tones read as calm. */
export function voiceOf(tone: string | undefined): Voice {
  if (!tone) return 'calm';
  const key = tone.toLowerCase();
  return TONE_VOICES[key] ?? TONE_VOICES[key.split(/[-_ ]/)[0] ?? ''] ?? 'calm';
}

interface Bank {
  openers: string[];
  body: string[];
  closers: string[];
  hooks: string[];
  ctas: string[];
}

type Banks = Record<Voice, Bank>;

const EN: Banks = {
  formal: {
    openers: ['This article examines {t} and what it means in practice.', '{t} has become a topic that organisations can no longer ignore.'],
    body: ['A careful look at {k} shows where the real value of {t} lies.', 'Evidence suggests that {k} is the factor most often underestimated.', 'Practitioners recommend starting small with {k} and measuring results.', 'The key consideration is how {k} fits existing processes.'],
    closers: ['In summary, {t} rewards a structured, well-measured approach.', 'Organisations that plan for {t} today will be better prepared tomorrow.'],
    hooks: ['Three facts about {t} worth knowing.', 'What the data says about {t}.'],
    ctas: ['Read the full analysis via the link.', 'Share your view in the comments.'],
  },
  warm: {
    openers: ['Let’s talk about {t} — it’s simpler than it sounds.', 'If you’ve been curious about {t}, you’re in good company.'],
    body: ['Honestly, {k} is where most of us start, and that’s fine.', 'A little bit of {k} every day goes a long way.', 'Don’t worry about getting {k} perfect on the first try.', 'Friends who tried {k} say it made a real difference.'],
    closers: ['Give {t} a try this week and tell me how it goes!', 'That’s it — {t}, one friendly step at a time.'],
    hooks: ['Quick chat about {t} ☕', 'Your gentle guide to {t}.'],
    ctas: ['Tag a friend who’d love this!', 'Save this for later 💛'],
  },
  playful: {
    openers: ['Buckle up: {t} is about to get interesting.', 'Plot twist — {t} is way more fun than you think.'],
    body: ['Step one: {k}. Step two: act like you planned it all along.', 'Nobody expects {k}, and that’s exactly why it works.', 'Warning: {k} may cause sudden bursts of productivity.', 'Yes, {k} really is that good. We checked. Twice.'],
    closers: ['So go forth and {t} like nobody’s watching!', 'And that, friends, is {t} without the boring bits.'],
    hooks: ['POV: you finally figured out {t} 😎', 'Nobody told me {t} could be this fun!'],
    ctas: ['Drop a 🔥 if you’re in!', 'Follow for more chaos (the useful kind).'],
  },
  inspiring: {
    openers: ['Every journey with {t} begins with a single decision.', 'Imagine what changes when you take {t} seriously.'],
    body: ['The moment you commit to {k}, momentum starts to build.', 'Stories of {k} remind us that small steps become big change.', 'Behind every success with {t} is someone who tried {k} first.', 'Choose {k} today, and tomorrow looks different.'],
    closers: ['Your story with {t} starts now.', 'Take the first step with {t} — the rest will follow.'],
    hooks: ['Your sign to start {t} today ✨', 'One decision about {t} can change everything.'],
    ctas: ['Start today — link in bio.', 'Share this with someone who needs it.'],
  },
  calm: {
    openers: ['A quiet look at {t}.', '{t}, considered slowly.'],
    body: ['{k}, done with care, is enough.', 'Less noise, more {k}.', 'There is clarity in keeping {k} simple.', 'Attention to {k} brings {t} into focus.'],
    closers: ['{t}: simple, deliberate, lasting.', 'Take {t} at your own pace.'],
    hooks: ['{t}, simply.', 'A moment for {t}.'],
    ctas: ['More in the link.', 'Save for a quiet moment.'],
  },
};

const ZH_TW: Banks = {
  formal: {
    openers: ['本文將深入探討{t}及其實際應用。', '{t}已成為各界不可忽視的重要議題。'],
    body: ['仔細分析{k}，便能看出{t}真正的價值所在。', '研究顯示，{k}往往是最容易被低估的關鍵。', '專家建議從小規模導入{k}，並持續追蹤成效。', '核心問題在於{k}如何與現有流程結合。'],
    closers: ['總結而言，{t}需要有系統、可衡量的做法。', '今天為{t}做好準備，明天就能領先一步。'],
    hooks: ['關於{t}，你應該知道的三件事。', '數據告訴你{t}的真相。'],
    ctas: ['完整分析請見連結。', '歡迎在留言分享你的看法。'],
  },
  warm: {
    openers: ['來聊聊{t}吧，其實沒有想像中困難。', '如果你也對{t}感到好奇，這篇就是為你寫的。'],
    body: ['老實說，大家多半都是從{k}開始的，這很正常。', '每天一點點{k}，累積起來很可觀。', '第一次做{k}不完美也沒關係。', '身邊試過{k}的朋友都說很有感。'],
    closers: ['這週就試試{t}，再跟我分享心得吧！', '就這樣，一步一步輕鬆搞懂{t}。'],
    hooks: ['一起輕鬆聊{t} ☕', '給你的{t}溫柔指南。'],
    ctas: ['標記一位會喜歡的朋友！', '先收藏起來慢慢看 💛'],
  },
  playful: {
    openers: ['繫好安全帶，{t}要變有趣了！', '劇情急轉彎——{t}比你想的好玩多了。'],
    body: ['第一步：{k}。第二步：假裝一切都在計畫中。', '沒人料到{k}，所以它才有效。', '注意：{k}可能導致生產力突然爆發。', '對，{k}真的有那麼好，我們確認過兩次。'],
    closers: ['現在就大膽去玩{t}吧！', '以上，就是沒有無聊部分的{t}。'],
    hooks: ['當你終於搞懂{t} 😎', '沒人告訴我{t}可以這麼好玩！'],
    ctas: ['同意的留個 🔥！', '追蹤看更多（有用的）亂七八糟。'],
  },
  inspiring: {
    openers: ['每一段{t}的旅程，都始於一個決定。', '想像一下，認真看待{t}會帶來什麼改變。'],
    body: ['當你投入{k}，動能就會開始累積。', '{k}的故事提醒我們：小步伐也能帶來大改變。', '每個{t}的成功背後，都有人先嘗試了{k}。', '今天選擇{k}，明天就會不一樣。'],
    closers: ['你的{t}故事，從現在開始。', '踏出{t}的第一步，其餘自然會跟上。'],
    hooks: ['這是你今天開始{t}的訊號 ✨', '一個關於{t}的決定，可以改變一切。'],
    ctas: ['今天就開始——連結在個人簡介。', '分享給需要的人。'],
  },
  calm: {
    openers: ['靜靜地看{t}。', '慢慢思考{t}。'],
    body: ['用心對待{k}，就已足夠。', '少一點喧囂，多一點{k}。', '讓{k}保持簡單，自有清晰。', '專注於{k}，{t}便清楚浮現。'],
    closers: ['{t}：簡單、從容、長久。', '用自己的步調走進{t}。'],
    hooks: ['{t}，簡單就好。', '留一點時間給{t}。'],
    ctas: ['更多內容請見連結。', '收藏起來，留給安靜的時刻。'],
  },
};

/** Traditional → Simplified for the characters the banks (and common topics) use; the rest are shared. */
const TW_TO_CN: Record<string, string> = {
  並: '并', 亂: '乱', 佈: '布', 來: '来', 係: '系', 個: '个', 們: '们', 値: '值', 備: '备', 傳: '传', 價: '价', 億: '亿',
  內: '内', 兩: '两', 則: '则', 創: '创', 劃: '划', 劇: '剧', 動: '动', 務: '务', 區: '区', 員: '员', 問: '问', 單: '单',
  嗎: '吗', 囂: '嚣', 國: '国', 園: '园', 圖: '图', 團: '团', 場: '场', 夠: '够', 學: '学', 實: '实', 審: '审', 寫: '写',
  將: '将', 專: '专', 對: '对', 導: '导', 層: '层', 帶: '带', 彎: '弯', 彙: '汇', 後: '后', 從: '从', 愛: '爱', 應: '应',
  戀: '恋', 戲: '戏', 擇: '择', 據: '据', 數: '数', 於: '于', 時: '时', 書: '书', 會: '会', 東: '东', 業: '业', 樂: '乐',
  標: '标', 歡: '欢', 歷: '历', 決: '决', 沒: '没', 準: '准', 溫: '温', 濟: '济', 灣: '湾', 為: '为', 營: '营', 現: '现',
  環: '环', 產: '产', 畫: '画', 當: '当', 療: '疗', 發: '发', 確: '确', 積: '积', 筆: '笔', 範: '范', 簡: '简', 籤: '签',
  紀: '纪', 細: '细', 結: '结', 給: '给', 統: '统', 經: '经', 網: '网', 線: '线', 總: '总', 繫: '系', 續: '续', 習: '习',
  聲: '声', 聽: '听', 腦: '脑', 膽: '胆', 臺: '台', 與: '与', 興: '兴', 華: '华', 萬: '万', 處: '处', 號: '号', 術: '术',
  裡: '里', 見: '见', 規: '规', 視: '视', 親: '亲', 觀: '观', 計: '计', 訊: '讯', 記: '记', 設: '设', 訴: '诉', 試: '试',
  認: '认', 語: '语', 誤: '误', 說: '说', 調: '调', 請: '请', 論: '论', 議: '议', 護: '护', 讀: '读', 變: '变', 讓: '让',
  貨: '货', 買: '买', 費: '费', 賣: '卖', 質: '质', 購: '购', 蹤: '踪', 車: '车', 轉: '转', 這: '这', 連: '连', 週: '周',
  進: '进', 遊: '游', 運: '运', 過: '过', 選: '选', 還: '还', 邊: '边', 醫: '医', 銷: '销', 錄: '录', 錢: '钱', 錯: '错',
  鍵: '键', 長: '长', 門: '门', 開: '开', 間: '间', 閱: '阅', 關: '关', 隊: '队', 階: '阶', 際: '际', 隨: '随', 離: '离',
  難: '难', 電: '电', 靜: '静', 頁: '页', 領: '领', 頭: '头', 題: '题', 顧: '顾', 顯: '显', 風: '风', 飲: '饮', 餘: '余',
  驗: '验', 體: '体', 麼: '么', 點: '点',
};

export function toSimplified(text: string): string {
  let out = '';
  for (const ch of text) out += TW_TO_CN[ch] ?? ch;
  return out;
}

function simplifiedBanks(): Banks {
  const out = {} as Banks;
  for (const [voice, bank] of Object.entries(ZH_TW) as [Voice, Bank][]) {
    out[voice] = {
      openers: bank.openers.map(toSimplified),
      body: bank.body.map(toSimplified),
      closers: bank.closers.map(toSimplified),
      hooks: bank.hooks.map(toSimplified),
      ctas: bank.ctas.map(toSimplified),
    };
  }
  return out;
}

const BANKS: Record<Language, Banks> = { en: EN, 'zh-TW': ZH_TW, 'zh-CN': simplifiedBanks() };

export function bankFor(language: Language, voice: Voice): Bank {
  return BANKS[language][voice];
}

/** Fixed words per language: headings, labels, the draft mark. */
export const WORDS: Record<Language, { draft: string; draftNote: string; sections: string[]; persona: string; scene: string; conclusion: string; keyPoints: string }> = {
  en: {
    draft: 'DRAFT',
    draftNote: 'Offline draft — written from templates without an AI model. Review and rewrite before publishing.',
    sections: ['What {t} is about', 'Why {t} matters', 'Getting started with {t}', 'Common mistakes to avoid', 'Tips from experience', 'Looking ahead'],
    persona: 'Written as {p}.',
    scene: 'Scene',
    conclusion: 'Conclusion',
    keyPoints: 'Key points',
  },
  'zh-TW': {
    draft: '草稿',
    draftNote: '離線草稿：以範本產生，未使用 AI 模型。發佈前請審閱並改寫。',
    sections: ['認識{t}', '為什麼{t}很重要', '如何開始{t}', '常見的錯誤', '實用小技巧', '未來展望'],
    persona: '以{p}的角度撰寫。',
    scene: '場景',
    conclusion: '結語',
    keyPoints: '重點整理',
  },
  'zh-CN': {
    draft: '草稿',
    draftNote: '离线草稿：以模板生成，未使用 AI 模型。发布前请审阅并改写。',
    sections: ['认识{t}', '为什么{t}很重要', '如何开始{t}', '常见的错误', '实用小技巧', '未来展望'],
    persona: '以{p}的角度撰写。',
    scene: '场景',
    conclusion: '结语',
    keyPoints: '重点整理',
  },
};
