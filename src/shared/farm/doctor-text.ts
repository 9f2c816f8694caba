/**
 * What `kingjam doctor` says about the farm (`farm.cli.doctor.*`), in the
 * three languages; spread into the farm's texts (./text.ts).
 */
export const doctorEn = {
  'farm.cli.doctor.badRedisUrl': 'KINGJAM_REDIS_URL is not a redis:// or rediss:// URL.',
  'farm.cli.doctor.redisFix': 'Start Redis there, or set KINGJAM_REDIS_URL to redis://[:password@]host:6379.',
  'farm.cli.doctor.redisDown': 'Redis at {address} does not answer: {detail}',
  'farm.cli.doctor.redisOk': 'Redis {version} at {address}',
  'farm.cli.doctor.redisOld': 'Redis {version} at {address} is older than 6.2, which the farm’s queue (BullMQ) needs.',
  'farm.cli.doctor.redisOldFix': 'Upgrade Redis to 6.2 or newer (7 recommended).',
  'farm.cli.doctor.configHidden': 'This Redis does not let clients read its settings ({detail}).',
  'farm.cli.doctor.configHiddenFix': 'Check in your provider’s console that maxmemory-policy is noeviction and that persistence (AOF) is on.',
  'farm.cli.doctor.policyBad': 'maxmemory-policy is {policy}: Redis may drop queued jobs when its memory runs short.',
  'farm.cli.doctor.policyFix': 'Set maxmemory-policy noeviction in redis.conf, and now: redis-cli CONFIG SET maxmemory-policy noeviction',
  'farm.cli.doctor.noAof': 'appendonly is off: a restart of Redis loses every queued job.',
  'farm.cli.doctor.noAofFix': 'Set appendonly yes in redis.conf, and now: redis-cli CONFIG SET appendonly yes',
  'farm.cli.doctor.configOk': 'maxmemory-policy noeviction, appendonly yes',
  'farm.cli.doctor.storeOk': '{store}: a file was written, read back and deleted',
  'farm.cli.doctor.storeFailed': '{store}: {detail}',
  'farm.cli.doctor.storeMismatch': '{store}: the file read back differs from the one written.',
  'farm.cli.doctor.storeNotDeleted': '{store}: a deleted file is still there.',
  'farm.cli.doctor.storeFix': 'Check that the folder is mounted here and writable by this user, or the bucket’s address and keys (KINGJAM_FARM_STORE, AWS_*).',
} as const;

export type DoctorTextKey = keyof typeof doctorEn;

export const doctorZhTW: Record<DoctorTextKey, string> = {
  'farm.cli.doctor.badRedisUrl': 'KINGJAM_REDIS_URL 不是 redis:// 或 rediss:// 網址。',
  'farm.cli.doctor.redisFix': '請在那台機器啟動 Redis，或把 KINGJAM_REDIS_URL 設為 redis://[:密碼@]主機:6379。',
  'farm.cli.doctor.redisDown': '{address} 的 Redis 沒有回應：{detail}',
  'farm.cli.doctor.redisOk': '{address} 的 Redis {version}',
  'farm.cli.doctor.redisOld': '{address} 的 Redis {version} 比 6.2 舊，算圖農場的佇列（BullMQ）需要 6.2 以上。',
  'farm.cli.doctor.redisOldFix': '請把 Redis 升級到 6.2 以上（建議 7）。',
  'farm.cli.doctor.configHidden': '這個 Redis 不允許用戶端讀取設定（{detail}）。',
  'farm.cli.doctor.configHiddenFix': '請在服務商的主控台確認 maxmemory-policy 為 noeviction，且已開啟持久化（AOF）。',
  'farm.cli.doctor.policyBad': 'maxmemory-policy 是 {policy}：記憶體不足時 Redis 可能丟掉排隊中的工作。',
  'farm.cli.doctor.policyFix': '在 redis.conf 設定 maxmemory-policy noeviction，並立即執行：redis-cli CONFIG SET maxmemory-policy noeviction',
  'farm.cli.doctor.noAof': 'appendonly 未開啟：Redis 重新啟動會遺失所有排隊中的工作。',
  'farm.cli.doctor.noAofFix': '在 redis.conf 設定 appendonly yes，並立即執行：redis-cli CONFIG SET appendonly yes',
  'farm.cli.doctor.configOk': 'maxmemory-policy noeviction，appendonly yes',
  'farm.cli.doctor.storeOk': '{store}：已寫入、讀回並刪除一個檔案',
  'farm.cli.doctor.storeFailed': '{store}：{detail}',
  'farm.cli.doctor.storeMismatch': '{store}：讀回的檔案與寫入的不同。',
  'farm.cli.doctor.storeNotDeleted': '{store}：已刪除的檔案仍然存在。',
  'farm.cli.doctor.storeFix': '請確認資料夾已掛載在這台機器且這個使用者可寫入，或檢查儲存桶的位址與金鑰（KINGJAM_FARM_STORE、AWS_*）。',
};

export const doctorZhCN: Record<DoctorTextKey, string> = {
  'farm.cli.doctor.badRedisUrl': 'KINGJAM_REDIS_URL 不是 redis:// 或 rediss:// 网址。',
  'farm.cli.doctor.redisFix': '请在那台机器上启动 Redis，或把 KINGJAM_REDIS_URL 设为 redis://[:密码@]主机:6379。',
  'farm.cli.doctor.redisDown': '{address} 的 Redis 没有响应：{detail}',
  'farm.cli.doctor.redisOk': '{address} 的 Redis {version}',
  'farm.cli.doctor.redisOld': '{address} 的 Redis {version} 早于 6.2，渲染农场的队列（BullMQ）需要 6.2 及以上。',
  'farm.cli.doctor.redisOldFix': '请把 Redis 升级到 6.2 及以上（推荐 7）。',
  'farm.cli.doctor.configHidden': '这个 Redis 不允许客户端读取配置（{detail}）。',
  'farm.cli.doctor.configHiddenFix': '请在服务商的控制台确认 maxmemory-policy 为 noeviction，并已开启持久化（AOF）。',
  'farm.cli.doctor.policyBad': 'maxmemory-policy 是 {policy}：内存不足时 Redis 可能丢弃排队中的任务。',
  'farm.cli.doctor.policyFix': '在 redis.conf 中设置 maxmemory-policy noeviction，并立即执行：redis-cli CONFIG SET maxmemory-policy noeviction',
  'farm.cli.doctor.noAof': 'appendonly 未开启：Redis 重启会丢失所有排队中的任务。',
  'farm.cli.doctor.noAofFix': '在 redis.conf 中设置 appendonly yes，并立即执行：redis-cli CONFIG SET appendonly yes',
  'farm.cli.doctor.configOk': 'maxmemory-policy noeviction，appendonly yes',
  'farm.cli.doctor.storeOk': '{store}：已写入、读回并删除一个文件',
  'farm.cli.doctor.storeFailed': '{store}：{detail}',
  'farm.cli.doctor.storeMismatch': '{store}：读回的文件与写入的不同。',
  'farm.cli.doctor.storeNotDeleted': '{store}：已删除的文件仍然存在。',
  'farm.cli.doctor.storeFix': '请确认文件夹已挂载在这台机器上且当前用户可写，或检查存储桶的地址和密钥（KINGJAM_FARM_STORE、AWS_*）。',
};
