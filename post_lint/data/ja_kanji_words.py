"""Single kanji that stand as a word in Japanese text (TRN001, TRN005).

A kanji at the very end of a post, right after a particle, な, ご/お, katakana,
Latin or code (``…非公開な機``, ``…スマホ活``, ``…`interface`定``,
``…へのご招``), is a whole word only if the kanji is one by itself: a native
noun (話, 手, 道, 栞), a pronoun (私, 彼), a counter or suffix that follows a
name or number (版, 化, 系, 型, 製, 用, 名, 数), or a な-adjective stem (変,
楽, 雑). Every other kanji is a bound morpheme of Sino-Japanese compounds
(機能, 活用, 定義, 招待) and the post stopped inside one.

Chosen by hand, from the kun'yomi nouns, counters, suffixes and adjective
stems of everyday and technical Japanese; the single-kanji block ends of
../shared/corpus (204 of them, 49 kanji) are all here but names (どこ太) and
words with kana inside (思い出), which the check never reads (it looks only
after a particle, not after any kana). Written as one string: a set built
when the check first runs, with nothing parsed at start-up.
"""

from __future__ import annotations

STANDALONE_KANJI = frozenset(
    # people and pronouns
    "人方者家手士師生屋様殿氏君達共私僕俺彼皆誰何己我奴子男女親父母兄姉弟妹夫妻客敵友仲神仏鬼魔侍"
    # body, mind, life
    "目耳口鼻顔頭首肩腕指足腰胸腹背骨血肌髪歯舌体心気命夢愛恋嘘謎罠技力声音色味香熱息汗涙"
    # things
    "物事話本絵歌詩曲劇画像字文語詞名値数量点線面形型式図表案例品箱窓壁床机紙服靴傘鞄車船鍵刀剣盾弓矢"
    "栞札印証券株金銀銅鉄石砂泥岩玉珠糸布綿皿鍋瓶缶袋桶籠網棒板柱釘針"
    # nature and food
    "山川海空雨雪風火水木土森林花草葉根実種米肉魚茶酒塩油卵鳥犬猫馬牛虫星月日光影闇炎氷雷波島池湖沼泉滝谷崖丘坂"
    # places
    "国県市町村区駅道橋門塔城寺宮社堂館店所場庭宿部室棟階席台棚"
    # time and order
    "朝昼夜晩春夏秋冬今昔次後前先末初頃際時分秒年週期代回度番号位順段級巻章節項行列"
    # position
    "上下中内外横裏表左右東西南北奥端角底間隣側辺脇"
    # counters, suffixes and affixes after a name or number
    "版化系型製用的性率額費料賃税倍割円個件枚冊匹羽軒杯着曲話組班隊団員長官派族党流風状論学術界圏網集録誌"
    "書譜像群乗式法道済別半等他元主要会業感観欲調産発宛向訳筈為旨由程折差略"
    # な-adjective and other stems that end a phrase
    "変楽雑急嫌好損得妙粋逆同真偽難易"
    # Sino-Japanese nouns that stand alone
    "罪罰恩縁運徳善悪情義理策芸癖傷病薬毒菌益害利便職役座礼祭霊魂死才能器具管筒球輪扉錠栓弁盤柵塀堀溝穴"
    "港湾岸浜沖峰尾胴翼牙爪鱗毛皮革絹麻竹松梅桜菊蘭苔藻稲麦豆芋栗柿桃梨瓜菜芽枝幹蜜粉粒塊泡霧雲虹嵐潮渦湯露霜灰煙炭"
    "鏡瓶壺釜杖旗幕帯紐縄鎖駒碁拳舞笛鐘琴弦箸匙膳粥麺餅飴菓酢"
    # numbers
    "一二三四五六七八九十百千万億兆零両"
)
