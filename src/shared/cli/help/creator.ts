/** `kingjam help` descriptions of the Creator Hub's commands (character, style, 3d, ink), in the three languages. */
const en = {
  'help.character.concepts': 'three character concepts from keywords',
  'help.character.createFromKeywords': 'a character from keywords: one of the three concepts (--pick)',
  'help.character.createByHand': 'a character written by hand',
  'help.character.list': 'the studio’s characters',
  'help.character.show': 'one character: its profile and reference images',
  'help.character.reference': 'add reference images to a character',
  'help.character.variants': 'new poses, outfits or expressions of a character, the same face kept',
  'help.character.style': 'link a locked style to a character (none unlinks it)',
  'help.style.extract': 'a style taken from example images',
  'help.style.apply': 'what a generation naming the style receives',
  'help.style.score': 'how close images are to a style',
  'help.style.manage': 'the styles; lock, unlock or delete one',
  'help.3d.make': 'a printable 3D model from an image',
  'help.3d.check': 'check a model for printing: size, walls, holes',
  'help.ink.clean': 'clean up a scanned sketch into line art',
  'help.ink.psd': 'a sketch as a layered PSD for colouring',
} as const;

export type CreatorHelpKey = keyof typeof en;

const zhTW: Record<CreatorHelpKey, string> = {
  'help.character.concepts': '依關鍵字提出三個角色概念',
  'help.character.createFromKeywords': '由關鍵字建立角色：三個概念中選一個（--pick）',
  'help.character.createByHand': '手動填寫建立角色',
  'help.character.list': '工作室裡的角色',
  'help.character.show': '一個角色：設定與參考圖',
  'help.character.reference': '替角色加上參考圖',
  'help.character.variants': '角色的新姿勢、服裝或表情，臉維持不變',
  'help.character.style': '替角色連結已鎖定的風格（none 取消連結）',
  'help.style.extract': '從範例圖片擷取風格',
  'help.style.apply': '指定這個風格的生成會收到什麼',
  'help.style.score': '圖片和風格有多接近',
  'help.style.manage': '風格清單；鎖定、解鎖或刪除風格',
  'help.3d.make': '由圖片做出可列印的 3D 模型',
  'help.3d.check': '檢查模型能否列印：尺寸、壁厚、破洞',
  'help.ink.clean': '把掃描的草稿清理成線稿',
  'help.ink.psd': '把草稿做成分層 PSD 方便上色',
};

const zhCN: Record<CreatorHelpKey, string> = {
  'help.character.concepts': '按关键词提出三个角色概念',
  'help.character.createFromKeywords': '由关键词创建角色：三个概念中选一个（--pick）',
  'help.character.createByHand': '手动填写创建角色',
  'help.character.list': '工作室里的角色',
  'help.character.show': '一个角色：设定与参考图',
  'help.character.reference': '给角色加上参考图',
  'help.character.variants': '角色的新姿势、服装或表情，脸保持不变',
  'help.character.style': '给角色关联已锁定的风格（none 取消关联）',
  'help.style.extract': '从示例图片提取风格',
  'help.style.apply': '指定这个风格的生成会收到什么',
  'help.style.score': '图片和风格有多接近',
  'help.style.manage': '风格列表；锁定、解锁或删除风格',
  'help.3d.make': '由图片做出可打印的 3D 模型',
  'help.3d.check': '检查模型能否打印：尺寸、壁厚、破洞',
  'help.ink.clean': '把扫描的草稿清理成线稿',
  'help.ink.psd': '把草稿做成分层 PSD 方便上色',
};

export const CREATOR_HELP = { en, 'zh-TW': zhTW, 'zh-CN': zhCN };
