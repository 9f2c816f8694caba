/**
 * The server messages (`msg.*`) of the renderer's `photoonline` family, in the three
 * languages: the renderer's catalogs spread them, and `kingjam` says them
 * (src/main/cli/error-lines.ts), which may not import the renderer.
 */
const en = {
  'msg.photo.online.timeout': '{provider} did not answer within {seconds} s, {tries} times in a row.',
  'msg.photo.online.timeout.hint': 'The service is busy. Try again in a few minutes, or choose another backend.',
  'msg.photo.online.noPhoto': '{model} works on a photo, and none was given.',
  'msg.photo.online.noPhoto.hint': 'Choose the photo first, then try again.',
  'msg.photo.online.workflowImages': 'Your ComfyUI workflow takes {found} images; this photo needs {needed} (each person, then the background).',
  'msg.photo.online.workflowImages.hint': 'In ComfyUI, title the LoadImage nodes "image 1", "image 2", … one per person and one more for the background, then export it again with "Save (API format)".',
  'msg.photo.online.costumeOnlineOnly': 'A costume change needs an image-editing model; {backend} cannot do it.',
  'msg.photo.online.costumeOnlineOnly.hint': 'Choose Gemini, Seedream or FLUX Kontext for a costume change, or leave the costume off.',
  'msg.photo.online.badClip': 'The clip {provider} returned cannot be read as a video.',
  'msg.photo.online.badClip.hint': 'Try again; if it keeps happening, choose another motion backend.',
} as const;

type Key = keyof typeof en;

const zhTW: Record<Key, string> = {
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

const zhCN: Record<Key, string> = {
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

export const PHOTOONLINE_MESSAGES = { en, 'zh-TW': zhTW, 'zh-CN': zhCN };
