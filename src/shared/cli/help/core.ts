/**
 * `kingjam help`: the title, the section headings, the footer and the
 * descriptions of the engine's own commands (demo, serve, import, compose,
 * motion, generate, account, jobs, doctor), in the three languages. The
 * command syntax stays in the command files and is printed as written.
 */
const en = {
  'help.title': 'kingjam — KingJam Studio without a window',
  'help.usage': 'Usage:',
  'help.demo': 'the offline campaign: sample media, a blog article, three social posts and a short video',
  'help.serve': 'the studio in a browser (prints the URL with its token)',
  'help.import': 'import images, videos and audio (files or folders)',
  'help.compose': 'render a timeline (docs/timeline.md) to MP4 + poster + .srt',
  'help.motion': 'a 5-second micro-motion clip (and a Live Photo pair)',
  'help.generate':
    'an SEO article, a social post (--platform) or a Director video (--backend, --seconds, --scenes);\n--provider sets who writes and who draws; --text-provider / --image-provider\n(and --model / --image-model) set them apart; the cost is shown first, and\nspending credits needs --yes;\n--provider cloud runs on KingJam Cloud (credits), gemini/replicate on your own key (no credits)',
  'help.account.login': 'sign in to KingJam Cloud (the password on stdin or in KINGJAM_PASSWORD, never as an argument)',
  'help.account.status': 'who is signed in, and the balance by bucket',
  'help.account.logout': 'sign out (this machine’s offline allowance goes back to the wallet)',
  'help.jobs.list': 'the jobs in the queue, newest first, with their state',
  'help.jobs.retryCancel': 'run a failed job again, or stop one',
  'help.jobs.run': 'work the job queue in the foreground',
  'help.doctor': 'check this machine and print a fix for each problem',
  'help.section.batch': 'Headless batch (docs/batch.md; exit 0 when every item succeeded, 1 when one did not, 2 for problems in the file, 130 when stopped):',
  'help.section.farm': 'Render farm (docs/farm.md): any command above that runs jobs takes --redis URL [--store PATH|s3://…] to send them to farm workers:',
  'help.section.photo': 'Photo studio (photos are checked first; nothing is spent when one fails; --variants 1 is the free tier, 4 the paid 4-choose-1):',
  'help.section.kol': 'KOL workspace (personas, their posts and review; every command takes --json):',
  'help.section.creator': 'Creator Hub (characters, styles, the 2D studio, the 3D builder):',
  'help.section.boxes': 'Blind boxes (docs/blind-boxes.md; signed in with `kingjam account login`):',
  'help.footer.data': 'Data folder: $KINGJAM_HOME, else the per-OS app-data folder.',
  'help.footer.language': 'Language of lines and errors: $KINGJAM_LANGUAGE (en, zh-TW, zh-CN), else the studio’s setting. Exit 2: a usage error; 1: any other failure.',
} as const;

export type CoreHelpKey = keyof typeof en;

const zhTW: Record<CoreHelpKey, string> = {
  'help.title': 'kingjam — 不開視窗的 KingJam Studio',
  'help.usage': '用法：',
  'help.demo': '離線示範活動：範例素材、一篇部落格文章、三則社群貼文和一支短影片',
  'help.serve': '在瀏覽器裡開啟工作室（印出含權杖的網址）',
  'help.import': '匯入圖片、影片和音訊（檔案或資料夾）',
  'help.compose': '把時間軸（docs/timeline.md）算繪成 MP4、封面和 .srt 字幕',
  'help.motion': '5 秒的微動態短片（以及一組 Live Photo）',
  'help.generate':
    'SEO 文章、社群貼文（--platform）或導演模式影片（--backend、--seconds、--scenes）；\n--provider 同時決定誰寫文字、誰畫圖；--text-provider / --image-provider\n（以及 --model / --image-model）可分開指定；會先顯示費用，\n要花點數必須加上 --yes；\n--provider cloud 在 KingJam Cloud 上執行（花點數），gemini/replicate 用你自己的金鑰（不花點數）',
  'help.account.login': '登入 KingJam Cloud（密碼從標準輸入或 KINGJAM_PASSWORD 讀取，絕不當參數）',
  'help.account.status': '目前登入的是誰，以及各類點數的餘額',
  'help.account.logout': '登出（這台機器的離線額度會退回錢包）',
  'help.jobs.list': '佇列裡的工作與狀態，最新的在前',
  'help.jobs.retryCancel': '重跑失敗的工作，或取消一項工作',
  'help.jobs.run': '在前景處理工作佇列',
  'help.doctor': '檢查這台機器，並為每個問題印出解決方法',
  'help.section.batch': '無視窗批次（docs/batch.md；全部成功結束碼 0，有項目失敗為 1，檔案有問題為 2，被中止為 130）：',
  'help.section.farm': '算繪農場（docs/farm.md）：上面任何會執行工作的指令，加上 --redis URL [--store PATH|s3://…] 就會把工作交給農場的工作節點：',
  'help.section.photo': '照相館（先檢查照片；有一張不合格就不花任何點數；--variants 1 是免費方案，4 是付費的四選一）：',
  'help.section.kol': 'KOL 工作區（人設、貼文與審核；每個指令都接受 --json）：',
  'help.section.creator': '創作者中心（角色、風格、2D 工作室、3D 建模）：',
  'help.section.boxes': '盲盒（docs/blind-boxes.md；需先以 `kingjam account login` 登入）：',
  'help.footer.data': '資料夾：$KINGJAM_HOME，未設定時用各作業系統的應用程式資料夾。',
  'help.footer.language': '訊息與錯誤的語言：$KINGJAM_LANGUAGE（en、zh-TW、zh-CN），未設定時依工作室的設定。結束碼 2：用法錯誤；1：其他失敗。',
};

const zhCN: Record<CoreHelpKey, string> = {
  'help.title': 'kingjam — 不开窗口的 KingJam Studio',
  'help.usage': '用法：',
  'help.demo': '离线示范活动：示例素材、一篇博客文章、三条社交帖子和一段短视频',
  'help.serve': '在浏览器里打开工作室（打印含令牌的网址）',
  'help.import': '导入图片、视频和音频（文件或文件夹）',
  'help.compose': '把时间轴（docs/timeline.md）渲染成 MP4、封面和 .srt 字幕',
  'help.motion': '5 秒的微动态短片（以及一组 Live Photo）',
  'help.generate':
    'SEO 文章、社交帖子（--platform）或导演模式视频（--backend、--seconds、--scenes）；\n--provider 同时决定谁写文字、谁画图；--text-provider / --image-provider\n（以及 --model / --image-model）可分开指定；会先显示费用，\n要花点数必须加上 --yes；\n--provider cloud 在 KingJam Cloud 上运行（花点数），gemini/replicate 用你自己的密钥（不花点数）',
  'help.account.login': '登录 KingJam Cloud（密码从标准输入或 KINGJAM_PASSWORD 读取，绝不作为参数）',
  'help.account.status': '当前登录的是谁，以及各类点数的余额',
  'help.account.logout': '退出登录（这台机器的离线额度会退回钱包）',
  'help.jobs.list': '队列里的任务与状态，最新的在前',
  'help.jobs.retryCancel': '重跑失败的任务，或取消一个任务',
  'help.jobs.run': '在前台处理任务队列',
  'help.doctor': '检查这台机器，并为每个问题打印解决方法',
  'help.section.batch': '无窗口批处理（docs/batch.md；全部成功退出码 0，有项目失败为 1，文件有问题为 2，被中止为 130）：',
  'help.section.farm': '渲染农场（docs/farm.md）：上面任何会运行任务的命令，加上 --redis URL [--store PATH|s3://…] 就会把任务交给农场的工作节点：',
  'help.section.photo': '照相馆（先检查照片；有一张不合格就不花任何点数；--variants 1 是免费方案，4 是付费的四选一）：',
  'help.section.kol': 'KOL 工作区（人设、帖子与审核；每个命令都接受 --json）：',
  'help.section.creator': '创作者中心（角色、风格、2D 工作室、3D 建模）：',
  'help.section.boxes': '盲盒（docs/blind-boxes.md；需先用 `kingjam account login` 登录）：',
  'help.footer.data': '数据文件夹：$KINGJAM_HOME，未设置时用各操作系统的应用数据文件夹。',
  'help.footer.language': '消息与错误的语言：$KINGJAM_LANGUAGE（en、zh-TW、zh-CN），未设置时按工作室的设置。退出码 2：用法错误；1：其他失败。',
};

export const CORE_HELP = { en, 'zh-TW': zhTW, 'zh-CN': zhCN };
