/**
 * The server messages (`msg.*`) of the renderer's `meshprep` family, in the three
 * languages: the renderer's catalogs spread them, and `kingjam` says them
 * (src/main/cli/error-lines.ts), which may not import the renderer.
 */
const en = {
  'msg.mesh.prep.cannotRepair': 'This model could not be made into a closed solid.',
  'msg.mesh.prep.cannotRepair.hint': 'Open it in a mesh editor (Blender’s 3D-Print Toolbox, Meshmixer) to remove loose or overlapping parts, or make the model again.',
} as const;

type Key = keyof typeof en;

const zhTW: Record<Key, string> = {
  'msg.mesh.prep.cannotRepair': '這個模型無法修成封閉的實體。',
  'msg.mesh.prep.cannotRepair.hint': '請用網格編輯軟體（Blender 的 3D-Print Toolbox、Meshmixer）移除散落或重疊的部分，或重新產生模型。',
};

const zhCN: Record<Key, string> = {
  'msg.mesh.prep.cannotRepair': '这个模型无法修成封闭的实体。',
  'msg.mesh.prep.cannotRepair.hint': '请用网格编辑软件（Blender 的 3D-Print Toolbox、Meshmixer）移除散落或重叠的部分，或重新生成模型。',
};

export const MESHPREP_MESSAGES = { en, 'zh-TW': zhTW, 'zh-CN': zhCN };
