import { photoContext } from '../photo/online-support.js';

export { meanColour, near, swatch } from '../photo/online-support.js';

/** A job context as a worker hands one to a handler: the job's keys, its progress reported (the photo studio's helper). */
export const jobContext = (secrets: Record<string, string> = {}) => photoContext(secrets);

/** Characters only Simplified writing uses (their Traditional forms differ), and the other way round. */
export const SIMPLIFIED_ONLY = [...'们这个时为说发会来对门见关车东话读让专从带当后乡图记变样实岚满晓寻护卫气灯钟云层务处边过还进远'];
export const TRADITIONAL_ONLY = [...'們這個時為說發會來對門見關車東話讀讓專從帶當後鄉圖記變樣實嵐滿曉尋護衛氣燈鐘雲層務處邊過還進遠'];
