/**
 * The server messages (`msg.*`) of the renderer's `meshcheck` family, in the three
 * languages: the renderer's catalogs spread them, and `kingjam` says them
 * (src/main/cli/error-lines.ts), which may not import the renderer.
 */
const en = {
  'msg.mesh.check.unknownFormat': '“{file}” is not an STL, 3MF, GLB or glTF model.',
  'msg.mesh.check.unknownFormat.hint': 'Export the model from your 3D program as STL, 3MF or GLB.',
  'msg.mesh.check.fileTooLarge': '“{file}” is {size} MB; model files may be at most {limit} MB.',
  'msg.mesh.check.fileTooLarge.hint': 'Simplify the model in your 3D program (a few million triangles is plenty for printing) and export it again.',
  'msg.mesh.check.tooManyTriangles': '“{file}” has {count} triangles; the builder takes at most {limit}.',
  'msg.mesh.check.tooManyTriangles.hint': 'Reduce the triangle count in your 3D program (Decimate in Blender) and export it again.',
  'msg.mesh.check.empty': '“{file}” contains no triangles.',
  'msg.mesh.check.empty.hint': 'Export the model again with its geometry; a scene with only cameras or lights has nothing to print.',
  'msg.mesh.check.stlTruncated': '“{file}” is cut short: its header promises {expected} bytes but the file has {actual}.',
  'msg.mesh.check.stlTruncated.hint': 'The download or copy was probably interrupted. Fetch or export the STL again.',
  'msg.mesh.check.stlBadText': '“{file}” looks like a text STL, but its triangles could not be read.',
  'msg.mesh.check.stlBadText.hint': 'Export the model again, preferably as binary STL.',
  'msg.mesh.check.zipUnreadable': '“{file}” is not a readable 3MF package (its ZIP is damaged).',
  'msg.mesh.check.zipUnreadable.hint': 'Save the 3MF again from your slicer or 3D program, or export STL instead.',
  'msg.mesh.check.threemfNoModel': '“{file}” is a ZIP but holds no 3MF model with triangles.',
  'msg.mesh.check.threemfNoModel.hint': 'Export the model again as 3MF from your slicer or 3D program.',
  'msg.mesh.check.glbUnreadable': '“{file}” is not a readable glTF/GLB model (a chunk or buffer is damaged).',
  'msg.mesh.check.glbUnreadable.hint': 'Download or export the GLB again; if it came from an image-to-3D service, make the candidate again.',
} as const;

type Key = keyof typeof en;

const zhTW: Record<Key, string> = {
  'msg.mesh.check.unknownFormat': '「{file}」不是 STL、3MF、GLB 或 glTF 模型。',
  'msg.mesh.check.unknownFormat.hint': '請從 3D 軟體匯出為 STL、3MF 或 GLB。',
  'msg.mesh.check.fileTooLarge': '「{file}」有 {size} MB；模型檔最多 {limit} MB。',
  'msg.mesh.check.fileTooLarge.hint': '請在 3D 軟體中簡化模型（列印用幾百萬個三角形已足夠）後重新匯出。',
  'msg.mesh.check.tooManyTriangles': '「{file}」有 {count} 個三角形；建模器最多接受 {limit} 個。',
  'msg.mesh.check.tooManyTriangles.hint': '請在 3D 軟體中減少三角形數（例如 Blender 的 Decimate）後重新匯出。',
  'msg.mesh.check.empty': '「{file}」裡沒有任何三角形。',
  'msg.mesh.check.empty.hint': '請連同幾何一起重新匯出；只有攝影機或燈光的場景沒有東西可印。',
  'msg.mesh.check.stlTruncated': '「{file}」不完整：檔頭表示應有 {expected} 位元組，實際只有 {actual}。',
  'msg.mesh.check.stlTruncated.hint': '下載或複製可能中斷了，請重新下載或匯出 STL。',
  'msg.mesh.check.stlBadText': '「{file}」看似文字格式 STL，但讀不出其中的三角形。',
  'msg.mesh.check.stlBadText.hint': '請重新匯出模型，建議使用二進位 STL。',
  'msg.mesh.check.zipUnreadable': '「{file}」不是可讀取的 3MF 檔（ZIP 已損壞）。',
  'msg.mesh.check.zipUnreadable.hint': '請從切片軟體或 3D 軟體重新儲存 3MF，或改為匯出 STL。',
  'msg.mesh.check.threemfNoModel': '「{file}」是 ZIP 檔，但裡面沒有含三角形的 3MF 模型。',
  'msg.mesh.check.threemfNoModel.hint': '請從切片軟體或 3D 軟體重新匯出 3MF。',
  'msg.mesh.check.glbUnreadable': '「{file}」不是可讀取的 glTF/GLB 模型（區塊或緩衝區已損壞）。',
  'msg.mesh.check.glbUnreadable.hint': '請重新下載或匯出 GLB；若來自圖轉 3D 服務，請重新產生候選模型。',
};

const zhCN: Record<Key, string> = {
  'msg.mesh.check.unknownFormat': '“{file}”不是 STL、3MF、GLB 或 glTF 模型。',
  'msg.mesh.check.unknownFormat.hint': '请从 3D 软件导出为 STL、3MF 或 GLB。',
  'msg.mesh.check.fileTooLarge': '“{file}”有 {size} MB；模型文件最多 {limit} MB。',
  'msg.mesh.check.fileTooLarge.hint': '请在 3D 软件中简化模型（打印用几百万个三角形已足够）后重新导出。',
  'msg.mesh.check.tooManyTriangles': '“{file}”有 {count} 个三角形；建模器最多接受 {limit} 个。',
  'msg.mesh.check.tooManyTriangles.hint': '请在 3D 软件中减少三角形数（例如 Blender 的 Decimate）后重新导出。',
  'msg.mesh.check.empty': '“{file}”里没有任何三角形。',
  'msg.mesh.check.empty.hint': '请连同几何一起重新导出；只有摄像机或灯光的场景没有东西可打印。',
  'msg.mesh.check.stlTruncated': '“{file}”不完整：文件头表示应有 {expected} 字节，实际只有 {actual}。',
  'msg.mesh.check.stlTruncated.hint': '下载或复制可能中断了，请重新下载或导出 STL。',
  'msg.mesh.check.stlBadText': '“{file}”看似文本格式 STL，但读不出其中的三角形。',
  'msg.mesh.check.stlBadText.hint': '请重新导出模型，建议使用二进制 STL。',
  'msg.mesh.check.zipUnreadable': '“{file}”不是可读取的 3MF 文件（ZIP 已损坏）。',
  'msg.mesh.check.zipUnreadable.hint': '请从切片软件或 3D 软件重新保存 3MF，或改为导出 STL。',
  'msg.mesh.check.threemfNoModel': '“{file}”是 ZIP 文件，但里面没有含三角形的 3MF 模型。',
  'msg.mesh.check.threemfNoModel.hint': '请从切片软件或 3D 软件重新导出 3MF。',
  'msg.mesh.check.glbUnreadable': '“{file}”不是可读取的 glTF/GLB 模型（数据块或缓冲区已损坏）。',
  'msg.mesh.check.glbUnreadable.hint': '请重新下载或导出 GLB；若来自图转 3D 服务，请重新生成候选模型。',
};

export const MESHCHECK_MESSAGES = { en, 'zh-TW': zhTW, 'zh-CN': zhCN };
