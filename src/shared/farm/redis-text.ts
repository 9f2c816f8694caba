/**
 * What the farm says when Redis cannot be reached (`msg.farm.redis.*`, keys
 * in ./messages.ts) and a worker's or dispatcher's lines about it
 * (`farm.cli.redis*`), in the three languages; spread into ./text.ts.
 */
export const redisEn = {
  'msg.farm.redis.refused': 'Redis at {address} refused the connection: nothing listens on that port.',
  'msg.farm.redis.refused.hint': 'Start Redis there (systemctl start redis-server), or check the host and port in --redis / KINGJAM_REDIS_URL.',
  'msg.farm.redis.notFound': 'Redis at {address} cannot be reached: the host name was not found.',
  'msg.farm.redis.notFound.hint': 'Check the host name in --redis / KINGJAM_REDIS_URL, and that this machine’s DNS knows it.',
  'msg.farm.redis.auth': 'Redis at {address} refused the password.',
  'msg.farm.redis.auth.hint': 'Put the right password in the address (redis://:PASSWORD@host:6379, or user:PASSWORD for an ACL user), best through KINGJAM_REDIS_URL.',
  'msg.farm.redis.timeout': 'Redis at {address} did not answer in time.',
  'msg.farm.redis.timeout.hint': 'Check that the machine is up and that no firewall drops port 6379 between here and there.',
  'msg.farm.redis.notRedis': 'Something answered at {address}, but it is not Redis.',
  'msg.farm.redis.notRedis.hint': 'Check the port in --redis / KINGJAM_REDIS_URL (Redis listens on 6379 unless told otherwise); use rediss:// for a TLS Redis.',
  'msg.farm.redis.other': 'Redis at {address} cannot be reached: {detail}',
  'msg.farm.redis.other.hint': 'Check that Redis runs there and that this machine can reach it (redis-cli -u URL ping).',
  'farm.cli.redisRetrying': 'Trying again every few seconds; jobs are taken as soon as Redis answers (Ctrl-C stops).',
  'farm.cli.redisWaiting': 'Jobs wait on this machine until Redis answers again.',
  'farm.cli.redisBack': 'Redis at {address} answers again.',
  'farm.cli.redisGaveUp': 'Gave up after waiting {seconds} s for Redis (KINGJAM_REDIS_WAIT_SECONDS changes how long).',
} as const;

export type RedisTextKey = keyof typeof redisEn;

export const redisZhTW: Record<RedisTextKey, string> = {
  'msg.farm.redis.refused': '位於 {address} 的 Redis 拒絕連線：那個連接埠上沒有服務在聽。',
  'msg.farm.redis.refused.hint': '請在那台機器啟動 Redis（systemctl start redis-server），或檢查 --redis／KINGJAM_REDIS_URL 裡的主機與連接埠。',
  'msg.farm.redis.notFound': '連不上位於 {address} 的 Redis：找不到這個主機名稱。',
  'msg.farm.redis.notFound.hint': '請檢查 --redis／KINGJAM_REDIS_URL 裡的主機名稱，以及這台機器的 DNS 是否認得它。',
  'msg.farm.redis.auth': '位於 {address} 的 Redis 拒絕了密碼。',
  'msg.farm.redis.auth.hint': '請在位址裡寫入正確的密碼（redis://:密碼@主機:6379，ACL 使用者寫 使用者:密碼），建議透過 KINGJAM_REDIS_URL 設定。',
  'msg.farm.redis.timeout': '位於 {address} 的 Redis 沒有及時回應。',
  'msg.farm.redis.timeout.hint': '請確認那台機器已開機，且兩地之間沒有防火牆擋住 6379 連接埠。',
  'msg.farm.redis.notRedis': '{address} 有回應，但那不是 Redis。',
  'msg.farm.redis.notRedis.hint': '請檢查 --redis／KINGJAM_REDIS_URL 裡的連接埠（Redis 預設為 6379）；TLS 的 Redis 請用 rediss://。',
  'msg.farm.redis.other': '連不上位於 {address} 的 Redis：{detail}',
  'msg.farm.redis.other.hint': '請確認 Redis 在那裡執行，且這台機器連得到它（redis-cli -u 網址 ping）。',
  'farm.cli.redisRetrying': '每隔幾秒會再試一次；Redis 一回應就開始接工作（按 Ctrl-C 停止）。',
  'farm.cli.redisWaiting': '工作會在這台機器上等候，直到 Redis 再次回應。',
  'farm.cli.redisBack': '位於 {address} 的 Redis 已恢復回應。',
  'farm.cli.redisGaveUp': '等候 Redis {seconds} 秒後放棄（可用 KINGJAM_REDIS_WAIT_SECONDS 調整等候時間）。',
};

export const redisZhCN: Record<RedisTextKey, string> = {
  'msg.farm.redis.refused': '位于 {address} 的 Redis 拒绝连接：那个端口上没有服务在监听。',
  'msg.farm.redis.refused.hint': '请在那台机器启动 Redis（systemctl start redis-server），或检查 --redis／KINGJAM_REDIS_URL 里的主机和端口。',
  'msg.farm.redis.notFound': '连不上位于 {address} 的 Redis：找不到这个主机名。',
  'msg.farm.redis.notFound.hint': '请检查 --redis／KINGJAM_REDIS_URL 里的主机名，以及这台机器的 DNS 是否能解析它。',
  'msg.farm.redis.auth': '位于 {address} 的 Redis 拒绝了密码。',
  'msg.farm.redis.auth.hint': '请在地址里写入正确的密码（redis://:密码@主机:6379，ACL 用户写 用户:密码），建议通过 KINGJAM_REDIS_URL 设置。',
  'msg.farm.redis.timeout': '位于 {address} 的 Redis 没有及时响应。',
  'msg.farm.redis.timeout.hint': '请确认那台机器已开机，且两地之间没有防火墙拦截 6379 端口。',
  'msg.farm.redis.notRedis': '{address} 有响应，但那不是 Redis。',
  'msg.farm.redis.notRedis.hint': '请检查 --redis／KINGJAM_REDIS_URL 里的端口（Redis 默认为 6379）；TLS 的 Redis 请用 rediss://。',
  'msg.farm.redis.other': '连不上位于 {address} 的 Redis：{detail}',
  'msg.farm.redis.other.hint': '请确认 Redis 在那里运行，且这台机器能连到它（redis-cli -u 地址 ping）。',
  'farm.cli.redisRetrying': '每隔几秒会重试一次；Redis 一响应就开始接任务（按 Ctrl-C 停止）。',
  'farm.cli.redisWaiting': '任务会在这台机器上等待，直到 Redis 再次响应。',
  'farm.cli.redisBack': '位于 {address} 的 Redis 已恢复响应。',
  'farm.cli.redisGaveUp': '等待 Redis {seconds} 秒后放弃（可用 KINGJAM_REDIS_WAIT_SECONDS 调整等待时间）。',
};
