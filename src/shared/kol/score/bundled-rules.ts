import type { RiskCategory, RiskLevel, RiskRegion, RiskRule } from '../scores.js';

/**
 * The risk rules shipped with the app, for Taiwan and mainland China. Each
 * phrase is written once, in the form its market writes it; matching folds
 * Traditional and Simplified together (./variants.ts), so 保證獲利 also finds
 * 保证获利. The agency can switch any of these off (kol_risk_rules keeps only
 * that switch) and add its own; competitor names ship empty for that reason.
 *
 * Why these: Taiwan's 證券投資信託及顧問法 and the mainland's 广告法 §25 forbid
 * promising returns and unlicensed stock tips; Taiwan's 食品安全衛生管理法
 * §28 and 广告法 §16–17 forbid medical claims for anything that is not a
 * licensed drug; both markets require paid content to say so (Taiwan's
 * 公平交易委員會 endorsement guidelines, the mainland's 互联网广告管理办法 §9).
 * Political words are a short list of what gets a brand post removed or an
 * account restricted, not a judgement of the topics.
 */

/** The id of a bundled phrase rule: stable across releases, because the on/off switch is stored by it. */
export function bundledRuleId(category: RiskCategory, region: RiskRegion, pattern: string): string {
  return `builtin.${category}.${region}.${pattern}`;
}

function phrases(category: RiskCategory, region: RiskRegion, level: RiskLevel, list: readonly string[]): RiskRule[] {
  return list.map((pattern) => ({ id: bundledRuleId(category, region, pattern), region, category, match: 'phrase', pattern, level, enabled: true, builtin: true }));
}

const INVESTMENT: RiskRule[] = [
  // Promised returns: illegal to advertise in both markets.
  ...phrases('investment', 'all', 'high', ['保證獲利', '穩賺不賠', '穩賺', '保證收益', '保證報酬', '保本保息', '零風險', '必漲', '必賺', '包賺', '內線', '內幕消息']),
  // Advice that needs a licence, or hype that invites a complaint.
  ...phrases('investment', 'all', 'medium', ['翻倍', '目標價']),
  // Taiwan's words for tips: 報明牌, 飆股.
  ...phrases('investment', 'TW', 'high', ['明牌']),
  ...phrases('investment', 'TW', 'medium', ['飆股']),
  // The mainland's stock-tip trade: 荐股, 报单, 喊单, 带单.
  ...phrases('investment', 'CN', 'high', ['报单', '喊单', '荐股', '带单', '内部消息']),
];

const MEDICAL: RiskRule[] = [
  ...phrases('medical', 'all', 'high', ['根治', '治癒', '痊癒', '包治百病', '藥到病除', '降血糖', '降血壓', '降膽固醇', '抗癌', '防癌', '無副作用']),
  ...phrases('medical', 'all', 'medium', ['增強免疫力', '排毒', '療效', '醫生推薦', '減肥']),
  ...phrases('medical', 'CN', 'high', ['祖传秘方', '治愈率']),
];

const POLITICAL: RiskRule[] = [
  ...phrases('political', 'TW', 'medium', ['選舉', '罷免', '公投', '投票給', '統獨']),
  ...phrases('political', 'CN', 'high', ['台独', '港独', '藏独', '疆独', '法轮功', '天安门事件']),
  ...phrases('political', 'CN', 'medium', ['翻墙']),
];

/**
 * Sponsorship signals. A `disclosure` rule matches only in a post without a
 * disclosure tag (DISCLOSURE_TAGS): the signal is fine once the post says it is paid.
 */
const DISCLOSURE: RiskRule[] = [
  ...phrases('disclosure', 'all', 'medium', ['合作', '業配', '優惠碼', '折扣碼', '團購', '贊助', '工商', '推薦碼', 'discount code', 'promo code', 'affiliate link', 'sponsored by', 'paid partnership']),
  {
    id: 'builtin.disclosure.all.shop-link',
    region: 'all',
    category: 'disclosure',
    match: 'regex',
    // A link to a shop: the big marketplaces of both markets, or any address with "shop" in it within its first
    // 150 characters (bounded, so a long run without spaces costs linear time, not quadratic).
    pattern: 'https?://\\S{0,150}?(?:shopee|momoshop|pchome|ruten|pinkoi|taobao|tmall|jd\\.com|pinduoduo|yangkeduo|amazon|amzn\\.to|shop)\\S*',
    level: 'medium',
    enabled: true,
    builtin: true,
  },
];

export const BUNDLED_RULES: readonly RiskRule[] = [...INVESTMENT, ...MEDICAL, ...POLITICAL, ...DISCLOSURE];

/**
 * Hashtags that disclose a paid post. Chinese ones count with anything after
 * them (#廣告合作, #業配文); English ones only as whole tags (#ad, not #adidas).
 */
export const DISCLOSURE_TAGS = { chinese: ['廣告', '合作', '業配', '贊助', '工商'], english: ['ad', 'ads', 'sponsored', 'paidpartnership'] } as const;
