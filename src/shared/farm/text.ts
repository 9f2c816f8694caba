import { areaText } from '../area-text.js';
import { redisEn, redisZhCN, redisZhTW } from './redis-text.js';
import { storeEn, storeZhCN, storeZhTW } from './store-text.js';

/**
 * Texts of the render farm (BullMQ + Redis workers, shared file store) that main says as well as the page: error messages
 * (`msg.farm.*`, keys in ./messages.ts) and CLI lines (`farm.cli.*`), in the
 * three languages. The `farm` locale family spreads these in.
 */
const en = {
  ...storeEn,
  ...redisEn,
  'msg.farm.badRedisUrl': '"{url}" is not a Redis address.',
  'msg.farm.badRedisUrl.hint': 'Give it as redis://host:6379 (or rediss:// for TLS), with the password as redis://:PASSWORD@host:6379.',
  'msg.farm.flagNeedsValue': '{flag} needs a value.',
  'msg.farm.storeWithoutRedis': '--store only matters with --redis.',
  'msg.farm.storeWithoutRedis.hint': 'Without --redis the jobs run on this machine and need no shared store; add --redis redis://host:6379 to send them to the farm.',
  'msg.farm.badConcurrency': '"{part}" is not a queue and a number (queues: {queues}).',
  'msg.farm.badConcurrency.hint': 'Write it as high=4,default=4,video=1,mesh=1, with 0 to 64 jobs at once per queue.',
  'farm.cli.workerReady': 'Worker {name} joined the farm: {high} high, {default} default, {video} video and {mesh} 3D jobs at once; files through {store}. Ctrl-C stops it.',
  'farm.cli.workerStopping': 'Stopping: the jobs this worker was running go back to the farm for another worker.',
  'farm.cli.memoryHeld': 'Free memory is {free} MB, under {min} MB: this worker takes no new jobs until some is free (running jobs go on; queued ones wait for other workers).',
  'farm.cli.memoryResumed': 'Free memory is back to {free} MB: taking jobs again.',
  'farm.cli.jobStarted': '▶ {kind} {id} (attempt {attempt})',
  'farm.cli.jobDone': '✓ {kind} {id} in {seconds} s',
  'farm.cli.jobFailed': '✗ {kind} {id}: {error}',
  'farm.cli.dispatching': 'Jobs go to the render farm at {redis} (files through {store}); start workers with kingjam worker --redis.',
} as const;

export type FarmTextKey = keyof typeof en;

const zhTW: Record<FarmTextKey, string> = {
  ...storeZhTW,
  ...redisZhTW,
  'msg.farm.badRedisUrl': '「{url}」不是 Redis 位址。',
  'msg.farm.badRedisUrl.hint': '請寫成 redis://主機:6379（TLS 用 rediss://），密碼寫成 redis://:密碼@主機:6379。',
  'msg.farm.flagNeedsValue': '{flag} 後面需要一個值。',
  'msg.farm.storeWithoutRedis': '--store 只在搭配 --redis 時才有作用。',
  'msg.farm.storeWithoutRedis.hint': '沒有 --redis 時工作在本機執行，不需要共用儲存區；加上 --redis redis://主機:6379 即可交給算圖農場。',
  'msg.farm.badConcurrency': '「{part}」不是「佇列=數字」（佇列：{queues}）。',
  'msg.farm.badConcurrency.hint': '請寫成 high=4,default=4,video=1,mesh=1，每個佇列同時 0 到 64 個工作。',
  'farm.cli.workerReady': '工作節點 {name} 已加入農場：同時執行高優先 {high}、一般 {default}、影片 {video}、3D {mesh} 個工作；檔案經由 {store}。按 Ctrl-C 停止。',
  'farm.cli.workerStopping': '正在停止：這個工作節點執行中的工作會交回農場，由其他節點接手。',
  'farm.cli.memoryHeld': '可用記憶體只剩 {free} MB，低於 {min} MB：這個工作節點暫停接新工作，直到記憶體釋出（執行中的工作照常進行，排隊的工作交給其他節點）。',
  'farm.cli.memoryResumed': '可用記憶體回到 {free} MB：重新接工作。',
  'farm.cli.jobStarted': '▶ {kind} {id}（第 {attempt} 次）',
  'farm.cli.jobDone': '✓ {kind} {id}，用時 {seconds} 秒',
  'farm.cli.jobFailed': '✗ {kind} {id}：{error}',
  'farm.cli.dispatching': '工作會送到位於 {redis} 的算圖農場（檔案經由 {store}）；請用 kingjam worker --redis 啟動工作節點。',
};

const zhCN: Record<FarmTextKey, string> = {
  ...storeZhCN,
  ...redisZhCN,
  'msg.farm.badRedisUrl': '“{url}”不是 Redis 地址。',
  'msg.farm.badRedisUrl.hint': '请写成 redis://主机:6379（TLS 用 rediss://），密码写成 redis://:密码@主机:6379。',
  'msg.farm.flagNeedsValue': '{flag} 后面需要一个值。',
  'msg.farm.storeWithoutRedis': '--store 只在搭配 --redis 时才有作用。',
  'msg.farm.storeWithoutRedis.hint': '没有 --redis 时任务在本机运行，不需要共享存储；加上 --redis redis://主机:6379 即可交给渲染农场。',
  'msg.farm.badConcurrency': '“{part}”不是“队列=数字”（队列：{queues}）。',
  'msg.farm.badConcurrency.hint': '请写成 high=4,default=4,video=1,mesh=1，每个队列同时 0 到 64 个任务。',
  'farm.cli.workerReady': '工作节点 {name} 已加入农场：同时运行高优先 {high}、普通 {default}、视频 {video}、3D {mesh} 个任务；文件经由 {store}。按 Ctrl-C 停止。',
  'farm.cli.workerStopping': '正在停止：这个工作节点运行中的任务会交回农场，由其他节点接手。',
  'farm.cli.memoryHeld': '可用内存只剩 {free} MB，低于 {min} MB：这个工作节点暂停接新任务，直到内存释放（运行中的任务照常进行，排队的任务交给其他节点）。',
  'farm.cli.memoryResumed': '可用内存回到 {free} MB：重新接任务。',
  'farm.cli.jobStarted': '▶ {kind} {id}（第 {attempt} 次）',
  'farm.cli.jobDone': '✓ {kind} {id}，用时 {seconds} 秒',
  'farm.cli.jobFailed': '✗ {kind} {id}：{error}',
  'farm.cli.dispatching': '任务会发送到位于 {redis} 的渲染农场（文件经由 {store}）；请用 kingjam worker --redis 启动工作节点。',
};

export const farmText = areaText<FarmTextKey>({ en, 'zh-TW': zhTW, 'zh-CN': zhCN });
