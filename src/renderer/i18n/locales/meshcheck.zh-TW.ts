import type { MeshcheckMessages } from './meshcheck.en.js';

/** zh-TW：family `meshcheck`（issue 16：網格檢查、分數與預覽幾何）。 */
export const meshcheckZhTW: MeshcheckMessages = {
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
