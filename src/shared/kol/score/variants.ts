/**
 * Folding text so that a phrase matches in Traditional and Simplified forms:
 * each Traditional character is replaced by its Simplified one, full-width
 * ASCII by plain ASCII, and A–Z by a–z. Every replacement is one UTF-16 unit
 * for one, so an offset into the folded text is the same offset into the
 * original — that is what lets a match be highlighted where it was written.
 *
 * The map covers every character of the bundled phrases (risk rules, calls to
 * action, template phrases) and the few hundred commonest characters that
 * differ, not all of Chinese: a map suffices for matching phrases, and a full
 * converter (opencc-js) would add a dependency for words nobody checks. Folding
 * is only a canonical form for comparing: several Traditional characters may
 * fold to one Simplified one (後/后, 髮/發 → 发), which never hurts a match.
 */

// Each token is a Traditional character followed by its Simplified form.
const PAIRS = `
與与 專专 業业 東东 絲丝 兩两 嚴严 喪丧 個个 豐丰 臨临 為为 麗丽 舉举 麼么 義义 烏乌 樂乐 喬乔 習习 鄉乡 書书 買买 亂乱
爭争 於于 虧亏 雲云 亞亚 產产 畝亩 親亲 億亿 僅仅 從从 侖仑 倉仓 儀仪 們们 價价 眾众 優优 會会 傘伞 偉伟 傳传 傷伤 倫伦
偽伪 體体 餘余 傭佣 僉佥 俠侠 侶侣 僥侥 偵侦 側侧 僑侨 儈侩 儕侪 儂侬 儔俦 儼俨 倆俩 儷俪 儉俭 債债 傾倾 僂偻 償偿 儲储
兒儿 兌兑 黨党 蘭兰 關关 興兴 茲兹 養养 獸兽 內内 岡冈 冊册 寫写 軍军 農农 馮冯 衝冲 決决 況况 凍冻 淨净 淒凄 涼凉 凜凛
減减 湊凑 凱凯 擊击 鑿凿 劃划 劉刘 則则 剛刚 創创 刪删 別别 剎刹 劑剂 劍剑 剝剥 劇剧 勸劝 辦办 務务 動动 勵励 勁劲 勞劳
勢势 勳勋 勻匀 匯汇 區区 醫医 華华 協协 單单 賣卖 盧卢 滷卤 衛卫 卻却 廠厂 廳厅 曆历 歷历 厲厉 壓压 厭厌 廁厕 廂厢 廈厦
廚厨 縣县 參参 雙双 發发 變变 敘叙 疊叠 葉叶 號号 嘆叹 嚇吓 呂吕 嗎吗 啟启 啓启 吳吴 員员 聽听 啞哑 響响 問问 喚唤 園园
圍围 圖图 團团 國国 圓圆 壞坏 塊块 堅坚 壇坛 壩坝 墳坟 墜坠 壟垄 壘垒 墾垦 執执 場场 報报 墊垫 塵尘 聲声 壺壶 處处 備备
復复 夠够 頭头 誇夸 夾夹 奪夺 奮奋 獎奖 奧奥 婦妇 媽妈 嬌娇 孫孙 學学 寧宁 寶宝 實实 寵宠 審审 憲宪 宮宫 寬宽 賓宾 寢寝
對对 尋寻 導导 將将 爾尔 嘗尝 嚐尝 堯尧 尷尴 屍尸 盡尽 層层 屆届 屬属 歲岁 島岛 嶺岭 崗岗 嶼屿 鞏巩 幣币 帥帅 師师 帳帐
帶带 幫帮 幹干 乾干 幾几 廣广 莊庄 慶庆 廬庐 庫库 應应 廟庙 廢废 開开 異异 棄弃 張张 彌弥 彎弯 彈弹 強强 歸归 當当 錄录
彥彦 徹彻 徑径 後后 憶忆 懷怀 態态 憐怜 總总 戀恋 懇恳 惡恶 惱恼 悅悦 懸悬 驚惊 慘惨 慚惭 慣惯 憤愤 願愿 懶懒 戰战 戲戏
戶户 撲扑 擴扩 掃扫 揚扬 擾扰 撫抚 搶抢 護护 擔担 擬拟 攏拢 揀拣 擁拥 攔拦 擰拧 撥拨 擇择 掛挂 擠挤 揮挥 撈捞 損损 撿捡
換换 據据 擄掳 擲掷 攝摄 擺摆 攜携 搖摇 擋挡 數数 斂敛 敵敌 斷断 時时 曠旷 舊旧 暢畅 暫暂 曬晒 曉晓 暈晕 條条 極极 構构
楊杨 槍枪 樣样 標标 棟栋 樹树 機机 橋桥 檢检 樓楼 權权 歡欢 歐欧 殘残 殺杀 毀毁 氣气 漢汉 湯汤 溝沟 沒没 滬沪 淚泪 潑泼
澤泽 潔洁 灑洒 濃浓 漁渔 滿满 濟济 測测 濕湿 溫温 滅灭 燈灯 靈灵 爐炉 燒烧 熱热 煙烟 煩烦 燦灿 營营 愛爱 爺爷 牆墙 獨独
獲获 獵猎 貓猫 獻献 環环 現现 瑪玛 畢毕 畫画 療疗 瘋疯 癢痒 癒愈 癥症 盜盗 盤盘 監监 蓋盖 睜睁 瞭了 確确 礎础 礙碍 碼码
磚砖 禮礼 禍祸 離离 稅税 種种 稱称 穩稳 積积 穀谷 窮穷 竊窃 競竞 筆笔 築筑 節节 範范 簡简 籃篮 簽签 類类 糧粮 緊紧 紅红
約约 級级 紀纪 純纯 紙纸 納纳 細细 終终 組组 結结 絕绝 給给 統统 經经 綜综 綠绿 網网 維维 緒绪 線线 練练 編编 緣缘 績绩
織织 繼继 續续 纖纤 繫系 係系 罰罚 罷罢 羅罗 聖圣 聞闻 聯联 聰聪 職职 肅肃 腦脑 腳脚 膚肤 膽胆 臉脸 臟脏 髒脏 臺台 檯台
颱台 艦舰 藝艺 藥药 萬万 薦荐 蘇苏 蘋苹 蟲虫 術术 補补 裝装 製制 複复 襲袭 見见 規规 視视 覺觉 覽览 觀观 計计 認认 討讨
讓让 訓训 議议 記记 講讲 許许 論论 設设 訪访 證证 評评 識识 訴诉 詞词 試试 詩诗 話话 該该 詳详 誠诚 語语 誤误 說说 請请
調调 談谈 謝谢 課课 讀读 誰谁 訂订 閱阅 訊讯 讚赞 贊赞 貝贝 負负 財财 責责 貢贡 販贩 貨货 貧贫 購购 貴贵 費费 貸贷 貼贴
資资 賊贼 賞赏 賠赔 賤贱 質质 賬账 賭赌 賴赖 賺赚 賦赋 贏赢 趕赶 趙赵 趨趋 躍跃 車车 軟软 輕轻 較较 輪轮 輸输 轉转 轟轰
辭辞 邊边 遼辽 達达 遷迁 過过 運运 還还 這这 進进 遠远 違违 連连 遲迟 選选 遺遗 適适 郵邮 鄰邻 鄭郑 釋释 針针 釣钓 鈕钮
鈔钞 鈴铃 銀银 銅铜 鋼钢 錢钱 錯错 鍋锅 鎖锁 鏈链 鐘钟 鐵铁 鑰钥 長长 門门 閃闪 閉闭 閒闲 閑闲 間间 閣阁 闆板 隊队 陽阳
陰阴 陣阵 階阶 際际 陸陆 陳陈 險险 隨随 隱隐 隻只 難难 雞鸡 雜杂 雖虽 電电 霧雾 靜静 韓韩 頁页 頂顶 項项 順顺 須须 預预
領领 頻频 題题 額额 顏颜 顧顾 顯显 風风 飛飞 飯饭 飲饮 飽饱 餅饼 館馆 饑饥 馬马 駕驾 騎骑 騙骗 驗验 骯肮 鬥斗 鬧闹
魚鱼 鮮鲜 鳥鸟 鳴鸣 鴨鸭 鵝鹅 鹽盐 麥麦 黃黄 點点 齊齐 齒齿 龍龙 龜龟 飆飙 蹤踪 著着 麵面 裡里 裏里 髮发 並并 佈布 佔占
喫吃 彙汇 摺折 晝昼 灣湾 祕秘 稜棱 簾帘 豬猪 週周 遊游 醜丑 闢辟 鬆松 鬍胡 鬱郁 傢家 夥伙 捲卷 採采 昇升 鹼碱 無无 來来 漲涨
`;

const TO_SIMPLIFIED = new Map<number, number>();
for (const token of PAIRS.split(/\s+/)) {
  if (token === '') continue;
  TO_SIMPLIFIED.set(token.charCodeAt(0), token.charCodeAt(1));
}

/** The Traditional characters the map knows (tests check every bundled phrase folds with them). */
export function knownTraditional(): string[] {
  return [...TO_SIMPLIFIED.keys()].map((c) => String.fromCharCode(c));
}

function foldUnit(code: number): number {
  if (code >= 0x41 && code <= 0x5a) return code + 0x20;
  // Full-width ASCII (！ … ～) as plain ASCII, then lower case.
  if (code >= 0xff01 && code <= 0xff5e) {
    const ascii = code - 0xfee0;
    return ascii >= 0x41 && ascii <= 0x5a ? ascii + 0x20 : ascii;
  }
  if (code === 0x3000) return 0x20;
  // Curly apostrophes as the straight one ("it’s" and "it's" are one phrase).
  if (code === 0x2018 || code === 0x2019) return 0x27;
  return TO_SIMPLIFIED.get(code) ?? code;
}

// One draft is folded by each score in turn: the last answer is kept (a pure function, so this only saves time).
let lastText = '';
let lastFolded = '';
const CHUNK = 8192;

/** The text in its canonical form, unit for unit (same length, same offsets). */
export function fold(text: string): string {
  if (text === lastText) return lastFolded;
  const units = new Uint16Array(text.length);
  for (let i = 0; i < text.length; i++) units[i] = foldUnit(text.charCodeAt(i));
  let out = '';
  for (let i = 0; i < units.length; i += CHUNK) out += String.fromCharCode(...units.subarray(i, i + CHUNK));
  lastText = text;
  lastFolded = out;
  return out;
}

/**
 * A regular expression's source with its Chinese characters folded (so a
 * pattern written in either form matches text in either form). Only Han
 * characters change: ASCII, and with it every metacharacter, is left alone.
 */
export function foldPattern(source: string): string {
  let out = '';
  for (let i = 0; i < source.length; i++) {
    const code = source.charCodeAt(i);
    out += String.fromCharCode(code >= 0x3400 ? (TO_SIMPLIFIED.get(code) ?? code) : code);
  }
  return out;
}
