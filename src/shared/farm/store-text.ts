import { doctorEn, doctorZhCN, doctorZhTW } from './doctor-text.js';

/**
 * The shared file store's texts (`msg.farm.store.*`) and what `kingjam
 * doctor` says about the farm (./doctor-text.ts), in the three languages;
 * spread into the farm's texts (./text.ts).
 */
export const storeEn = {
  ...doctorEn,
  'msg.farm.store.badSpec': '“{spec}” is not a shared file store.',
  'msg.farm.store.badSpec.hint':
    'Give either a folder every farm machine mounts (/mnt/kingjam-farm) or an S3 bucket URL (s3://bucket/prefix?endpoint=http://host:9000&region=us-east-1&forcePathStyle=true).',
  'msg.farm.store.secretInUrl': 'The store URL carries a user name or password.',
  'msg.farm.store.secretInUrl.hint': 'Leave keys out of the URL; set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in the environment instead.',
  'msg.farm.store.notFound': 'The shared store ({store}) has no file {key}.',
  'msg.farm.store.cutShort': 'The download of {key} from {store} stopped before the end.',
  'msg.farm.store.denied': 'The shared store {store} refused the keys: {detail}',
  'msg.farm.store.denied.hint': 'Check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY on this machine and that the key may read and write the bucket.',
  'farm.store.folder': 'folder {root}',
  'farm.store.s3': 'S3 bucket {bucket}',
  'farm.store.s3Prefix': ', prefix {prefix}',
  'farm.store.s3Endpoint': ', endpoint {endpoint}',
  'msg.farm.store.noBucket': 'The bucket “{bucket}” does not exist.',
  'msg.farm.store.noBucket.hint': 'Create the bucket on the storage server, or fix its name in the store URL.',
  'msg.farm.store.unreachable': 'The shared store {store} cannot be reached: {detail}',
  'msg.farm.store.unreachable.hint': 'Check the endpoint address and that this machine can reach it; the job is tried again.',
  'msg.farm.store.failed': 'The shared store {store} failed: {detail}',
  'msg.farm.store.failed.hint': 'Try again; if it keeps failing, check the storage server’s logs.',
} as const;

export type StoreTextKey = keyof typeof storeEn;

export const storeZhTW: Record<StoreTextKey, string> = {
  ...doctorZhTW,
  'msg.farm.store.badSpec': '「{spec}」不是共用檔案存放區。',
  'msg.farm.store.badSpec.hint':
    '請給每台算圖機都掛載的資料夾（/mnt/kingjam-farm），或 S3 儲存桶網址（s3://bucket/prefix?endpoint=http://host:9000&region=us-east-1&forcePathStyle=true）。',
  'msg.farm.store.secretInUrl': '存放區網址裡含有使用者名稱或密碼。',
  'msg.farm.store.secretInUrl.hint': '請勿把金鑰寫在網址裡；改在環境變數設定 AWS_ACCESS_KEY_ID 與 AWS_SECRET_ACCESS_KEY。',
  'msg.farm.store.notFound': '共用存放區（{store}）裡沒有檔案 {key}。',
  'msg.farm.store.cutShort': '從 {store} 下載 {key} 時在結束前中斷了。',
  'msg.farm.store.denied': '共用存放區 {store} 拒絕了這組金鑰：{detail}',
  'msg.farm.store.denied.hint': '請檢查這台機器上的 AWS_ACCESS_KEY_ID 與 AWS_SECRET_ACCESS_KEY，並確認金鑰可讀寫該儲存桶。',
  'farm.store.folder': '資料夾 {root}',
  'farm.store.s3': 'S3 儲存桶 {bucket}',
  'farm.store.s3Prefix': '，前綴 {prefix}',
  'farm.store.s3Endpoint': '，端點 {endpoint}',
  'msg.farm.store.noBucket': '儲存桶「{bucket}」不存在。',
  'msg.farm.store.noBucket.hint': '請在儲存伺服器上建立儲存桶，或修正存放區網址中的名稱。',
  'msg.farm.store.unreachable': '無法連線到共用存放區 {store}：{detail}',
  'msg.farm.store.unreachable.hint': '請檢查端點位址，並確認這台機器連得到；工作會再試一次。',
  'msg.farm.store.failed': '共用存放區 {store} 發生錯誤：{detail}',
  'msg.farm.store.failed.hint': '請再試一次；若一直失敗，請查看儲存伺服器的記錄。',
};

export const storeZhCN: Record<StoreTextKey, string> = {
  ...doctorZhCN,
  'msg.farm.store.badSpec': '“{spec}”不是共享文件存储。',
  'msg.farm.store.badSpec.hint':
    '请给出每台渲染机都挂载的文件夹（/mnt/kingjam-farm），或 S3 存储桶网址（s3://bucket/prefix?endpoint=http://host:9000&region=us-east-1&forcePathStyle=true）。',
  'msg.farm.store.secretInUrl': '存储网址中含有用户名或密码。',
  'msg.farm.store.secretInUrl.hint': '请勿把密钥写在网址里；改为在环境变量中设置 AWS_ACCESS_KEY_ID 和 AWS_SECRET_ACCESS_KEY。',
  'msg.farm.store.notFound': '共享存储（{store}）中没有文件 {key}。',
  'msg.farm.store.cutShort': '从 {store} 下载 {key} 时在结束前中断了。',
  'msg.farm.store.denied': '共享存储 {store} 拒绝了这组密钥：{detail}',
  'msg.farm.store.denied.hint': '请检查这台机器上的 AWS_ACCESS_KEY_ID 和 AWS_SECRET_ACCESS_KEY，并确认密钥可读写该存储桶。',
  'farm.store.folder': '文件夹 {root}',
  'farm.store.s3': 'S3 存储桶 {bucket}',
  'farm.store.s3Prefix': '，前缀 {prefix}',
  'farm.store.s3Endpoint': '，端点 {endpoint}',
  'msg.farm.store.noBucket': '存储桶“{bucket}”不存在。',
  'msg.farm.store.noBucket.hint': '请在存储服务器上创建存储桶，或修正存储网址中的名称。',
  'msg.farm.store.unreachable': '无法连接共享存储 {store}：{detail}',
  'msg.farm.store.unreachable.hint': '请检查端点地址，并确认这台机器能连上；任务会再试一次。',
  'msg.farm.store.failed': '共享存储 {store} 出错：{detail}',
  'msg.farm.store.failed.hint': '请再试一次；如果一直失败，请查看存储服务器的日志。',
};
