import { areaText } from '../area-text.js';

/** What `kingjam doctor` says about each check, in the three languages (the check names stay as written: `--json` and scripts read them). */
const en = {
  'doctor.fix': 'fix: {fix}',
  'doctor.node': 'Node {version}',
  'doctor.nodeOld': 'Node {version} is too old',
  'doctor.nodeFix': 'Install Node.js 20.19 or newer (https://nodejs.org or your package manager).',
  'doctor.writable': '{home} is writable',
  'doctor.free': '{gb} GiB free',
  'doctor.lowDisk': 'only {gb} GiB free',
  'doctor.lowDiskFix': 'Free at least {min} GiB: videos need room while they render.',
  'doctor.noKeytar': 'the optional keytar module is not installed',
  'doctor.noKeytarFix': 'Install libsecret (Debian: apt-get install libsecret-1-dev) and run `npm install keytar`; until then API keys come from environment variables.',
  'doctor.keychain': 'the OS keychain answers',
  'doctor.worker': 'a job ran in worker process {pid}',
  'doctor.noAnswer': '{what} did not answer in {seconds} s',
  'doctor.theKeychain': 'the OS keychain',
  'doctor.aWorker': 'a worker process',
} as const;

export type DoctorTextKey = keyof typeof en;

const zhTW: Record<DoctorTextKey, string> = {
  'doctor.fix': '解決方法：{fix}',
  'doctor.node': 'Node {version}',
  'doctor.nodeOld': 'Node {version} 版本太舊',
  'doctor.nodeFix': '請安裝 Node.js 20.19 或更新版本（https://nodejs.org 或系統的套件管理工具）。',
  'doctor.writable': '{home} 可以寫入',
  'doctor.free': '剩餘 {gb} GiB',
  'doctor.lowDisk': '只剩 {gb} GiB',
  'doctor.lowDiskFix': '請至少騰出 {min} GiB：影片算圖時需要空間。',
  'doctor.noKeytar': '沒有安裝選用的 keytar 模組',
  'doctor.noKeytarFix': '請安裝 libsecret（Debian：apt-get install libsecret-1-dev）並執行 `npm install keytar`；在那之前 API 金鑰從環境變數讀取。',
  'doctor.keychain': '作業系統的鑰匙圈有回應',
  'doctor.worker': '工作在工作程序 {pid} 中執行成功',
  'doctor.noAnswer': '{what}在 {seconds} 秒內沒有回應',
  'doctor.theKeychain': '作業系統的鑰匙圈',
  'doctor.aWorker': '工作程序',
};

const zhCN: Record<DoctorTextKey, string> = {
  'doctor.fix': '解决方法：{fix}',
  'doctor.node': 'Node {version}',
  'doctor.nodeOld': 'Node {version} 版本太旧',
  'doctor.nodeFix': '请安装 Node.js 20.19 或更新版本（https://nodejs.org 或系统的软件包管理工具）。',
  'doctor.writable': '{home} 可以写入',
  'doctor.free': '剩余 {gb} GiB',
  'doctor.lowDisk': '只剩 {gb} GiB',
  'doctor.lowDiskFix': '请至少腾出 {min} GiB：视频渲染时需要空间。',
  'doctor.noKeytar': '没有安装可选的 keytar 模块',
  'doctor.noKeytarFix': '请安装 libsecret（Debian：apt-get install libsecret-1-dev）并运行 `npm install keytar`；在那之前 API 密钥从环境变量读取。',
  'doctor.keychain': '操作系统的钥匙串有响应',
  'doctor.worker': '任务在工作进程 {pid} 中运行成功',
  'doctor.noAnswer': '{what}在 {seconds} 秒内没有响应',
  'doctor.theKeychain': '操作系统的钥匙串',
  'doctor.aWorker': '工作进程',
};

export const doctorText = areaText<DoctorTextKey>({ en, 'zh-TW': zhTW, 'zh-CN': zhCN });
