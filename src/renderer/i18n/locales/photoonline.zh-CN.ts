import type { PhotoonlineMessages } from './photoonline.en.js';

/** zh-CN: family `photoonline` (issue 15). */
export const photoonlineZhCN: PhotoonlineMessages = {
  'photoonline.line.variants': '全家福候选图',
  'photoonline.line.replacement': '脸部不符的候选图重新生成一次（实际生成才收费）',
  'photoonline.line.localPack': '本机照片包（从离线额度扣除）',
  'photoonline.line.motion': '微动态短片',
  'photoonline.line.repair': '老照片修复',

  'msg.photo.online.timeout': '{provider} 连续 {tries} 次都没有在 {seconds} 秒内响应。',
  'msg.photo.online.timeout.hint': '服务目前繁忙，请过几分钟再试，或改用其他生成方式。',
  'msg.photo.online.noPhoto': '{model} 需要一张照片，但没有提供。',
  'msg.photo.online.noPhoto.hint': '请先选择照片，再试一次。',
  'msg.photo.online.workflowImages': '你的 ComfyUI 工作流只接收 {found} 张图片，这张照片需要 {needed} 张（每位家人各一张，再加背景）。',
  'msg.photo.online.workflowImages.hint': '请在 ComfyUI 把 LoadImage 节点命名为“image 1”、“image 2”……每位家人一个，背景再一个，然后用“Save (API format)”重新导出。',
  'msg.photo.online.costumeOnlineOnly': '换装需要图像编辑模型，{backend} 无法换装。',
  'msg.photo.online.costumeOnlineOnly.hint': '换装请选 Gemini、Seedream 或 FLUX Kontext，或不要换装。',
  'msg.photo.online.badClip': '{provider} 返回的短片无法读取。',
  'msg.photo.online.badClip.hint': '请再试一次；如果一直发生，请改用其他动态生成方式。',
};
