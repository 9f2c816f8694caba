import type { MeshcheckMessages } from './meshcheck.en.js';

/** zh-CN：family `meshcheck`（issue 16：网格检查、分数与预览几何）。 */
export const meshcheckZhCN: MeshcheckMessages = {
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
