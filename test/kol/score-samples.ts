/** Real-looking drafts the score tests share: a varied human post and a templated, repetitive one, in Chinese and English. */
export const HUMAN_ZH =
  '昨天終於去了那間排了三個月的拉麵店！\n湯頭超濃，叉燒厚到我嚇一跳。老實說麵條偏硬，我個人喜歡軟一點的，但朋友說這才是正宗吃法。排隊排了快一個小時，腳好痠。\n價格一碗 280，不算便宜。會再去嗎？會，但我會挑平日下午。\n你們有推薦的拉麵嗎？留言告訴我 🍜 #拉麵 #台北美食 #吃貨日常';

export const TEMPLATED_ZH =
  '在當今快節奏的時代，美食扮演著重要的角色。值得注意的是，這家拉麵店提供了優質的湯頭。這家拉麵店提供了豐富的配料。這家拉麵店提供了舒適的環境。這家拉麵店提供了貼心的服務。總而言之，這家拉麵店提供了全方位的用餐體驗。綜上所述，這家拉麵店值得一試。';

export const HUMAN_EN =
  "Went to the night market again. Mistake? Maybe. The stinky tofu guy remembered me, which is either sweet or a sign I go way too often. Tried the new pepper buns too — burnt my tongue, zero regrets. If you're in Taipei this week, go on Tuesday; Saturday was chaos. What should I eat next time? Comment below!";

export const TEMPLATED_EN =
  "In today's fast-paced world, food plays a crucial role in our lives. It's important to note that night markets offer a unique experience. Night markets offer a wide variety of dishes. Night markets offer an authentic atmosphere. Night markets offer affordable prices. Moreover, night markets offer a seamless way to explore local culture. In conclusion, night markets are a testament to the vibrant culture of Taiwan.";
