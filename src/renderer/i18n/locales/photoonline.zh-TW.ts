import type { PhotoonlineMessages } from './photoonline.en.js';

/** zh-TW: family `photoonline` (issue 15). */
export const photoonlineZhTW: PhotoonlineMessages = {
  'photoonline.line.variants': '全家福候選圖',
  'photoonline.line.replacement': '臉部不符的候選圖重新產生一次（實際產生才收費）',
  'photoonline.line.localPack': '本機相片包（從離線額度扣除）',
  'photoonline.line.motion': '微動態短片',
  'photoonline.line.repair': '老照片修復',

  'msg.photo.online.timeout': '{provider} 連續 {tries} 次都沒有在 {seconds} 秒內回應。',
  'msg.photo.online.timeout.hint': '服務目前忙碌，請過幾分鐘再試，或改用其他生成方式。',
  'msg.photo.online.noPhoto': '{model} 需要一張照片，但沒有提供。',
  'msg.photo.online.noPhoto.hint': '請先選擇照片，再試一次。',
  'msg.photo.online.workflowImages': '你的 ComfyUI 工作流程只接收 {found} 張圖片，這張照片需要 {needed} 張（每位家人各一張，再加背景）。',
  'msg.photo.online.workflowImages.hint': '請在 ComfyUI 把 LoadImage 節點命名為「image 1」、「image 2」……每位家人一個，背景再一個，然後用「Save (API format)」重新匯出。',
  'msg.photo.online.costumeOnlineOnly': '換裝需要影像編輯模型，{backend} 無法換裝。',
  'msg.photo.online.costumeOnlineOnly.hint': '換裝請選 Gemini、Seedream 或 FLUX Kontext，或不要換裝。',
  'msg.photo.online.badClip': '{provider} 回傳的短片無法讀取。',
  'msg.photo.online.badClip.hint': '請再試一次；若一直發生，請改用其他動態生成方式。',
};
