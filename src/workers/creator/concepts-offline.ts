import { createHash } from 'node:crypto';
import type { CharacterConcept, RewriteField } from '../../shared/creator/jobs.js';
import type { Language } from '../../shared/settings.js';

/**
 * The offline Prompt-Board: no model, so three concepts are assembled from
 * the keywords — a guardian, a wanderer and a maker, each with a world, a
 * backstory and a look that use the keywords themselves — in the user's
 * language (zh-TW in Traditional, zh-CN in Simplified characters). A hash of
 * the keywords picks names and details, so the same keywords always give the
 * same drafts and different keywords do not read as one template. The result
 * is labelled a draft: a real starting point, to edit or have a model rewrite.
 */

type Archetype = 'guardian' | 'wanderer' | 'maker';
const ARCHETYPES: Archetype[] = ['guardian', 'wanderer', 'maker'];

interface Bank {
  /** Name parts: a given name from the hash, with an epithet of the archetype. */
  names: string[];
  epithet: Record<Archetype, string>;
  places: string[];
  world: Record<Archetype, string>;
  backstory: Record<Archetype, string>;
  look: Record<Archetype, string>;
  colours: string[];
  /** How a list of keywords is joined: "、" in Chinese, ", " in English. */
  join: string;
  rewrite: Record<RewriteField, string>;
}

const BANKS: Record<Language, Bank> = {
  'zh-TW': {
    names: ['小滿', '阿岳', '若雲', '星禾', '青嵐', '曉棠', '墨川', '千尋', '映月', '雨霖'],
    epithet: { guardian: '守護者', wanderer: '旅人', maker: '工匠' },
    places: ['霧港', '雲頂市集', '舊鐵道小鎮', '漂浮群島', '竹林深處的學院', '夜市迷城'],
    world: {
      guardian: '在{place}，{k}是人們代代相傳的祕密。這裡的夜晚很長，只有少數人知道如何守住{k1}帶來的光。',
      wanderer: '{place}是一個不停移動的世界：道路每天改變方向，商隊靠著{k}找路，而{k1}的傳說在每個驛站都有不同版本。',
      maker: '{place}的工坊日夜不停，居民用{k}打造會說話的工具。誰能把{k1}做得最好，誰就能在城裡發聲。',
    },
    backstory: {
      guardian: '{name}從小在{place}長大，曾因為一次失誤讓{k1}差點消失。從那天起，{name}發誓守護它，也守護身邊那些還不懂得珍惜它的人。外表冷靜，其實最怕被信任的人失望。',
      wanderer: '{name}離開家鄉時只帶了一張關於{k1}的舊地圖。一路上收集{k}的故事，交到了意想不到的朋友，也欠下了一些人情。{name}相信答案永遠在下一個轉角。',
      maker: '{name}原本只是工坊裡最年輕的學徒，直到第一次用{k1}做出會發光的作品。大家開始注意到{name}，但{name}真正想做的，是一件能讓{k}被所有人理解的作品。',
    },
    look: {
      guardian: '身形挺拔，{colour}色調的長外套，肩上有{k1}圖樣的徽章；眼神專注，總是站在隊伍最前面。適合正面站姿、沉穩的表情。',
      wanderer: '背著大背包，{colour}色的圍巾隨風飄動，腰間掛滿與{k1}有關的小物；表情好奇、帶點調皮。適合行走中的動態姿勢。',
      maker: '捲起袖子的工作服，{colour}色的護目鏡推在額頭上，手上常拿著用{k1}做的工具；笑容靦腆。適合專心工作的半身構圖。',
    },
    colours: ['靛藍', '朱紅', '薄荷綠', '琥珀', '霧紫', '米白'],
    join: '、',
    rewrite: {
      world: '{world}更遠的地方，人們仍在談論{k}。每一次季節更替，{k1}都會改變這個世界的規則，而{name}總是第一個察覺的人。',
      backstory: '{backstory}後來，{name}明白了{k1}真正的意義：不是力量，而是與人相遇的理由。這也成了{name}繼續前進的原因。',
    },
  },
  'zh-CN': {
    names: ['小满', '阿岳', '若云', '星禾', '青岚', '晓棠', '墨川', '千寻', '映月', '雨霖'],
    epithet: { guardian: '守护者', wanderer: '旅人', maker: '工匠' },
    places: ['雾港', '云顶集市', '旧铁道小镇', '漂浮群岛', '竹林深处的学院', '夜市迷城'],
    world: {
      guardian: '在{place}，{k}是人们代代相传的秘密。这里的夜晚很长，只有少数人知道如何守住{k1}带来的光。',
      wanderer: '{place}是一个不停移动的世界：道路每天改变方向，商队靠着{k}找路，而{k1}的传说在每个驿站都有不同版本。',
      maker: '{place}的工坊日夜不停，居民用{k}打造会说话的工具。谁能把{k1}做得最好，谁就能在城里发声。',
    },
    backstory: {
      guardian: '{name}从小在{place}长大，曾因为一次失误让{k1}差点消失。从那天起，{name}发誓守护它，也守护身边那些还不懂得珍惜它的人。外表冷静，其实最怕被信任的人失望。',
      wanderer: '{name}离开家乡时只带了一张关于{k1}的旧地图。一路上收集{k}的故事，交到了意想不到的朋友，也欠下了一些人情。{name}相信答案永远在下一个转角。',
      maker: '{name}原本只是工坊里最年轻的学徒，直到第一次用{k1}做出会发光的作品。大家开始注意到{name}，但{name}真正想做的，是一件能让{k}被所有人理解的作品。',
    },
    look: {
      guardian: '身形挺拔，{colour}色调的长外套，肩上有{k1}图样的徽章；眼神专注，总是站在队伍最前面。适合正面站姿、沉稳的表情。',
      wanderer: '背着大背包，{colour}色的围巾随风飘动，腰间挂满与{k1}有关的小物；表情好奇、带点调皮。适合行走中的动态姿势。',
      maker: '卷起袖子的工作服，{colour}色的护目镜推在额头上，手上常拿着用{k1}做的工具；笑容腼腆。适合专心工作的半身构图。',
    },
    colours: ['靛蓝', '朱红', '薄荷绿', '琥珀', '雾紫', '米白'],
    join: '、',
    rewrite: {
      world: '{world}更远的地方，人们仍在谈论{k}。每一次季节更替，{k1}都会改变这个世界的规则，而{name}总是第一个察觉的人。',
      backstory: '{backstory}后来，{name}明白了{k1}真正的意义：不是力量，而是与人相遇的理由。这也成了{name}继续前进的原因。',
    },
  },
  en: {
    names: ['Mira', 'Juno', 'Rowan', 'Tavi', 'Ines', 'Kai', 'Lumi', 'Odo', 'Pia', 'Sol'],
    epithet: { guardian: 'the Keeper', wanderer: 'the Wanderer', maker: 'the Tinker' },
    places: ['Fogharbor', 'the Cloudtop Market', 'an old railway town', 'the Drifting Isles', 'a bamboo-forest academy', 'the Night-Market Maze'],
    world: {
      guardian: 'In {place}, {k} is a secret passed down for generations. The nights are long, and only a few know how to keep the light that {k1} brings.',
      wanderer: '{place} never stands still: the roads change direction every day, caravans find their way by {k}, and every waystation tells the legend of {k1} differently.',
      maker: 'The workshops of {place} never sleep; people build talking tools out of {k}. Whoever makes the finest {k1} gets a voice in the city.',
    },
    backstory: {
      guardian: '{name} grew up in {place} and once nearly lost {k1} through one mistake. Since that day {name} has sworn to guard it, and the people who do not yet see its worth. Calm on the outside, {name} fears nothing more than letting down someone who trusted them.',
      wanderer: '{name} left home with nothing but an old map about {k1}. On the road {name} collects stories of {k}, makes unlikely friends and owes a few favours. {name} believes the answer is always around the next corner.',
      maker: '{name} was the youngest apprentice in the workshop until the day a piece made with {k1} began to glow. Everyone noticed; but what {name} really wants to make is something that lets everyone understand {k}.',
    },
    look: {
      guardian: 'Tall and upright, a long {colour} coat with a badge shaped like {k1} on the shoulder; a focused gaze, always at the front. Suits a frontal stance and a steady expression.',
      wanderer: 'A big backpack, a {colour} scarf in the wind, little trinkets about {k1} hanging from the belt; a curious, slightly mischievous face. Suits walking, dynamic poses.',
      maker: 'Work clothes with rolled-up sleeves, {colour} goggles pushed up on the forehead, usually holding a tool made of {k1}; a shy smile. Suits a half-body shot, absorbed in work.',
    },
    colours: ['indigo', 'vermilion', 'mint', 'amber', 'misty violet', 'ivory'],
    join: ', ',
    rewrite: {
      world: '{world} Farther out, people still talk about {k}. Each time the seasons turn, {k1} changes the rules of this world, and {name} is always the first to notice.',
      backstory: '{backstory} Later {name} understood what {k1} truly means: not power, but a reason to meet people. That is why {name} keeps going.',
    },
  },
};

/** A stream of numbers from a seed: each choice takes the next one. */
function picker(seed: string): (n: number) => number {
  const digest = createHash('sha256').update(seed).digest();
  let i = 0;
  return (n) => digest.readUInt16BE((i++ * 2) % (digest.length - 1)) % n;
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? '');
}

export function offlineConcepts(keywords: string[], language: Language): CharacterConcept[] {
  const bank = BANKS[language];
  const pick = picker(`${language}\u0000${keywords.join('\u0000')}`);
  const k = keywords.join(bank.join);
  const taken = new Set<number>();
  return ARCHETYPES.map((archetype, i) => {
    // Each concept gets its own name, place and colour; a keyword of its own leads it where there are enough.
    let n = pick(bank.names.length);
    while (taken.has(n)) n = (n + 1) % bank.names.length;
    taken.add(n);
    const k1 = keywords[i % keywords.length]!;
    const space = language === 'en' ? ' ' : '・';
    const name = `${bank.names[n]}${space}${bank.epithet[archetype]}`;
    const values = { k, k1, name: bank.names[n]!, place: bank.places[(pick(bank.places.length) + i) % bank.places.length]!, colour: bank.colours[(pick(bank.colours.length) + i) % bank.colours.length]! };
    return { name, world: fill(bank.world[archetype], values), backstory: fill(bank.backstory[archetype], values), look: fill(bank.look[archetype], values) };
  });
}

/** The offline rewrite keeps the text and continues it from the keywords: a draft that says more, never less. */
export function offlineRewrite(field: RewriteField, c: CharacterConcept & { keywords: string[] }, language: Language): string {
  const bank = BANKS[language];
  const keywords = c.keywords.length > 0 ? c.keywords : [c.name];
  const given = c.name.split(/[・ ]/)[0] || c.name;
  const values = { k: keywords.join(bank.join), k1: keywords[0]!, name: given, world: c.world.trim(), backstory: c.backstory.trim() };
  return fill(bank.rewrite[field], values).slice(0, 3000);
}
