import type { Page } from 'playwright-core';
import { en } from '../../src/renderer/i18n/locales/en.js';
import { zhCN } from '../../src/renderer/i18n/locales/zh-CN.js';
import { zhTW } from '../../src/renderer/i18n/locales/zh-TW.js';

/**
 * The language checks of the every-page sweep: what a page shows a user
 * (its rendered text and its input placeholders) must be in the language
 * picked, with no raw message key and no placeholder left unfilled.
 */

type Catalog = Record<string, string>;
const EN: Catalog = en;
const ZH: Catalog[] = [zhTW, zhCN];

/** The page's visible text: body.innerText skips hidden panels; placeholders, tooltips and aria-labels are read too since a user reads (or hears) them. */
export function visibleText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const placeholders = [...document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input[placeholder], textarea[placeholder]')]
      .filter((el) => el.offsetParent !== null)
      .map((el) => el.placeholder);
    // A tooltip is read too.
    const titles = [...document.querySelectorAll<HTMLElement>('[title]')].filter((el) => el.offsetParent !== null).map((el) => el.title);
    // A label only a screen reader speaks is heard by its user all the same.
    // A content text named in a label ("Check “报单”") is content there too.
    const contentTexts = [...document.querySelectorAll<HTMLElement>('[translate="no"]')].map((el) => el.textContent ?? '').filter((s) => s.trim() !== '');
    const labels = [...document.querySelectorAll<HTMLElement>('[aria-label]')]
      .filter((el) => el.offsetParent !== null)
      .map((el) => contentTexts.reduce((label, c) => label.split(c).join(' '), el.getAttribute('aria-label')!));
    // The language picker names each language in itself (繁體中文 / 简体中文): that is not mixed script.
    const names = [...document.querySelectorAll<HTMLOptionElement>('[data-testid="language-quick"] option')].map((o) => o.text);
    // What the page marks translate="no" (a risk rule's pattern, matched as written) is content, not UI text;
    // a <kbd> names a key as the keyboard prints it ("Delete", "Ctrl"). Hidden for the read (innerText skips
    // what is not visible; visibility moves nothing), then shown again.
    const content = [...document.querySelectorAll<HTMLElement>('[translate="no"], kbd')];
    const before = content.map((el) => el.style.visibility);
    for (const el of content) el.style.visibility = 'hidden';
    const body = document.body.innerText;
    content.forEach((el, i) => (el.style.visibility = before[i]!));
    const text = [body, ...placeholders, ...titles, ...labels].join('\n');
    return names.reduce((out, name) => out.split(name).join(' '), text);
  });
}

/**
 * Chinese text whose font stack lacks the bundled Noto Sans fallback (src/renderer/styles/fonts.css):
 * on a machine with no Chinese font of its own it shows as empty boxes. Form controls do not inherit
 * the page's font unless told to, which is how a button's label fell through. One line per element:
 * its tag and class, its font stack, and the text.
 */
export function chineseWithoutFallback(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const seen = new Set<Element>();
    const check = (el: Element, text: string) => {
      if (seen.has(el) || !/[\u3400-\u9fff]/.test(text)) return;
      seen.add(el);
      const family = getComputedStyle(el).fontFamily;
      if (!/KingJam Noto Sans/.test(family)) out.push(`<${el.tagName.toLowerCase()} class="${el.getAttribute('class') ?? ''}"> ${family}: “${text.trim().slice(0, 40)}”`);
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (el && (el as HTMLElement).offsetParent !== null) check(el, node.textContent ?? '');
    }
    // Placeholders and option texts are drawn in the control's own font.
    for (const el of document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input[placeholder], textarea[placeholder]')) if (el.offsetParent !== null) check(el, el.placeholder);
    for (const el of document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input, textarea')) if (el.offsetParent !== null) check(el, el.value);
    for (const el of document.querySelectorAll<HTMLSelectElement>('select')) if (el.offsetParent !== null) check(el, el.selectedOptions[0]?.text ?? '');
    return out;
  });
}

/** The first segments of message keys (`kol`, `photo`, `nav`…): a dotted token starting with one is a key `t` gave back for lack of a text. */
const KEY_NAMESPACES = new Set(Object.keys(EN).map((k) => k.split('.')[0]!));
const KEYS = new Set(Object.keys(EN));

export function rawKeys(text: string): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(/(?<![\w/@.-])([a-zA-Z][\w-]*)((?:\.[a-zA-Z][\w-]*)+)(?![\w/@-])/g)) {
    const token = m[0];
    if (KEYS.has(token) || KEY_NAMESPACES.has(m[1]!)) found.add(token);
  }
  for (const m of text.matchAll(/\{\w+\}|\bundefined\b|\bNaN\b|\[object Object\]/g)) found.add(m[0]);
  return [...found];
}

const ZH_TEXT = ZH.flatMap((zh) => Object.values(zh)).join('\n');

/**
 * Every English UI text of two words or more (or one real word) that the
 * Chinese catalogs do not share (a shared one, e.g. a brand name, is the same
 * in all three). A text with parameters is split at them: each literal run is
 * kept.
 */
export const ENGLISH_PHRASES: string[] = (() => {
  const phrases = new Set<string>();
  for (const [key, text] of Object.entries(EN)) {
    if (ZH.some((zh) => zh[key] === text)) continue;
    for (const run of text.split(/\{\w+\}/)) {
      const phrase = run.trim().replace(/^[\s,.:;·—–-]+|[\s,.:;·—–-]+$/g, '');
      // A phrase the Chinese texts use too ("KingJam Cloud", "Gemini API") is a name, kept in every language.
      const words = (phrase.match(/[A-Za-z]+/g) ?? []).length;
      // One word counts too when it is a word (four letters or more, e.g. "Save"), not an abbreviation.
      const english = words >= 2 ? /[a-z]/.test(phrase) : /^[A-Za-z][a-z]{3,}$/.test(phrase);
      if (english && !ZH_TEXT.includes(phrase)) phrases.add(phrase);
    }
  }
  // Longest first, so a finding names the whole string rather than a fragment of it.
  return [...phrases].sort((a, b) => b.length - a.length);
})();

/** The English catalog texts a Chinese page shows. */
export function englishCatalogText(text: string): string[] {
  const found: string[] = [];
  let rest = text;
  for (const phrase of ENGLISH_PHRASES) {
    if (!rest.includes(phrase)) continue;
    // A phrase only counts as a whole: "Load more" inside a longer English word run is found by that run.
    const re = new RegExp(`(?<![A-Za-z])${phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![A-Za-z])`);
    if (!re.test(rest)) continue;
    found.push(phrase);
    rest = rest.split(phrase).join(' ');
  }
  return found;
}

/** Runs of three or more English words outside the catalogs: each is judged in the test's allow list. */
export function englishRuns(text: string): string[] {
  return [...new Set([...text.matchAll(/[A-Za-z][A-Za-z'’-]*(?:[ ,]+[A-Za-z][A-Za-z'’-]*){2,}/g)].map((m) => m[0].trim()))];
}

/** Common characters that differ between the two scripts: [Traditional, Simplified]. */
const SCRIPT_PAIRS: [string, string][] = [
  ['設', '设'], ['們', '们'], ['這', '这'], ['檔', '档'], ['圖', '图'], ['發', '发'], ['帳', '账'], ['點', '点'], ['與', '与'], ['說', '说'],
  ['個', '个'], ['為', '为'], ['時', '时'], ['會', '会'], ['對', '对'], ['開', '开'], ['關', '关'], ['資', '资'], ['訊', '讯'], ['碼', '码'],
  ['錄', '录'], ['線', '线'], ['頁', '页'], ['選', '选'], ['項', '项'], ['輸', '输'], ['創', '创'], ['刪', '删'], ['無', '无'], ['視', '视'],
  ['頻', '频'], ['編', '编'], ['輯', '辑'], ['歷', '历'], ['載', '载'], ['號', '号'], ['儲', '储'], ['請', '请'], ['還', '还'], ['產', '产'],
  ['傳', '传'], ['條', '条'], ['後', '后'], ['實', '实'], ['際', '际'], ['動', '动'], ['類', '类'], ['內', '内'], ['單', '单'], ['場', '场'],
];

/** Characters of the other script than `language`'s, with the surrounding text for the report. */
export function wrongScript(text: string, language: 'zh-TW' | 'zh-CN'): string[] {
  const other = new Set(SCRIPT_PAIRS.map(([trad, simp]) => (language === 'zh-TW' ? simp : trad)));
  const clean = text;
  const found = new Set<string>();
  for (const [i, ch] of [...clean].entries()) {
    if (other.has(ch)) found.add(`${ch} in “${[...clean].slice(Math.max(0, i - 8), i + 9).join('').replace(/\s+/g, ' ')}”`);
  }
  return [...found];
}
