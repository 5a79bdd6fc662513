"""What an assistant writes to the person who asked (GEN002 assistant-boilerplate).

Two kinds of data, one table per language in each:

``CUES``
    The *situation model*: pieces of the sentences an assistant writes at the
    edges of a reply, as regular-expression fragments. The rule combines
    them (see :mod:`post_lint.rules.boilerplate`): an acknowledgement
    ("Sure!", 「承知しました」, 「好的，」) followed by a delivery ("here is" +
    a kind of text, 以下は…記事です, 以下是…文章); a reference to the request
    ("As requested", ご依頼の, 根据您的要求); an offer or request addressed to
    the asker ("let me know", …あればお知らせください, 如果您…请告诉我) that
    is about revising the text or doing more; a wish that the text helps the
    asker; and, anywhere, an AI speaking of itself or of its knowledge cutoff.

``PHRASES``
    Fixed phrases (the lists of post-lint 0.1), matched at the start of a
    sentence in their place (``opening``, ``closing``, ``anywhere``); ``…``
    stands for up to 80 characters of the same sentence.

All matching is on NFKC-normalised text (full-width ``！，：？`` read as
``!,:?``), white space folded to one space, curly apostrophes folded to
``'``, ignoring case. Fragments are therefore written in that form: ASCII
punctuation, ``'`` for apostrophes, one space between words. Users extend
the cues with the rule's ``extra-cues`` option and the phrases with
``extra-phrases`` / ``extra-opening-phrases`` / ``extra-closing-phrases``.

The cue kinds:

- ``lead_in``: words that may stand before a cue at the start of a sentence
  ("However, ", 「なお、」, 「不过，」), each ending with its separator.
- ``ack``: an acknowledgement that opens a reply ("Sure", 「もちろん」, 「好的」);
  it counts only together with a delivery.
- ``reply``: words that only open a reply ("Happy to help!", 「かしこまりました」,
  「很高兴为您」): enough on their own at the start of the post.
- ``request``: a reference to what the asker asked for ("as requested",
  ご依頼, 根据您的要求): enough on their own in the opening.
- ``deliver``: a presentation of the deliverable ("here is", 以下は, 以下是),
  which counts when a ``text_type`` follows in the same sentence and there
  is more evidence (an acknowledgement, a request, a ``polish`` word, an
  indefinite "a blog post about", a colon that introduces the text).
- ``made``: a sentence-final "I made the text" (「…記事を作成しました」,
  「写了一篇…」); after an acknowledgement it counts as a delivery.
- ``text_type``: the kinds of text an assistant is asked for.
- ``post_type``: the kinds of text that are a post ("blog post", 「記事」,
  「文章」), for the weaker delivery evidence ("Here is a blog post about …").
- ``polish``: what an assistant says it did to the text ("revised",
  「修正版」, 「润色后的」).
- ``offer``: the start of an offer or request to the asker ("let me know",
  「…あれば…お知らせください」 is two parts: ``offer`` holds the request
  ending in Japanese, ``condition`` the conditional), weak alone.
- ``condition``: a conditional clause (Japanese and Chinese offers).
- ``revise``: what makes an offer the assistant's: to change the text or
  write more ("any changes", 「修正したい点」, 「修改」, 「其他问题」).
- ``ask_me``: the asker is to come back to the writer ("let me know",
  "me to", "I can", 「お知らせください」, 「告诉我」, 「我可以为您」); an offer counts
  only with ``revise`` and ``ask_me``.
- ``hope``: a wish that the text helps the asker ("I hope this helps",
  「希望对你有帮助」): enough on its own in the closing.
- ``hope_weak``: a wish people write too ("I hope you find this useful",
  「参考になれば幸いです」): never enough alone, but it joins the boilerplate
  run when a strong cue follows it.
- ``self_ai``: an AI speaking of itself ("As an AI language model,",
  「AIアシスタントとして」, 「作为一个AI语言模型」), anywhere.
- ``cutoff``: a knowledge-cutoff disclaimer ("As of my last knowledge update",
  「私の知識は2023年までのものですが」, 「截至我的知识更新」), anywhere.
"""

from __future__ import annotations

CUE_KINDS = (
    "lead_in",
    "ack",
    "reply",
    "request",
    "deliver",
    "made",
    "text_type",
    "polish",
    "post_type",
    "offer",
    "condition",
    "ask_me",
    "revise",
    "hope",
    "hope_weak",
    "self_ai",
    "cutoff",
)

_EN_TEXT = (
    r"(?:blog[ -]?post|post|article|draft|version|rewrite|revision|piece|essay|outline"
    r"|summary|write-?up|copy|content|introduction|intro|conclusion|story|newsletter"
    r"|guide|tutorial|listicle|review|overview|text|paragraph|section|response|answer"
    r"|script|caption|description|email|thread|translation|entry|edit|update)s?"
)

CUES: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {
        "lead_in": (
            r"(?:and|so|also|please|just|again|finally|lastly|overall|anyway|hopefully"
            r"|however|but|of course|in any case|that said|unfortunately)(?:,| )",
            r"(?:please )?(?:note|keep in mind|remember|be aware) that,? ",
        ),
        "ack": (
            r"(?:certainly|sure(?: thing)?|absolutely|of course|okay|ok|alright|all right"
            r"|great|perfect|no problem|got it|understood|yes|definitely|gladly"
            r"|with pleasure|excellent|wonderful|awesome|fantastic)(?=[!,.:;]| -| —)",
        ),
        "reply": (
            r"(?:i'm |i am |i'd be |i would be )?(?:happy|glad|delighted) to (?:help|assist|write"
            r"|oblige)\b",
            r"(?:great|good|excellent|fantastic|interesting) (?:question|idea|choice|topic"
            r"|request|prompt)[!.]",
            r"what a (?:great|fun|fascinating|wonderful|interesting) (?:topic|idea|question)",
            r"here you go\b",
            r"thanks? (?:you )?for (?:the|your) (?:request|prompt|question)",
        ),
        "request": (
            r"as (?:you )?(?:requested|asked|instructed|discussed)",
            r"per your (?:request|instructions|brief)",
            r"(?:based on|following|according to) your (?:request|instructions|requirements"
            r"|prompt|notes|outline|brief|feedback|input)",
            r"(?:you|you've|you have) (?:requested|asked for)\b",
        ),
        "deliver": (
            r"here(?:'s| is| are)\b",
            r"below(?: is| are|,? you(?:'ll| will) find)\b",
            r"the following (?:is|are)\b",
            r"i(?:'ve| have) (?:written|drafted|created|prepared|put together|composed"
            r"|crafted|revised|rewritten|updated|edited|polished|expanded|shortened"
            r"|condensed|reworked|refined|tweaked|adapted|outlined|generated)\b",
        ),
        "text_type": (_EN_TEXT,),
        "post_type": (
            r"(?:blog[ -]?post|post|article|draft|essay|piece|outline|write-?up|listicle"
            r"|newsletter)s?\b",
        ),
        "polish": (
            r"\b(?:revised|rewritten|polished|improved|updated|refined|edited|expanded"
            r"|shortened|condensed|reworked|optimi[sz]ed|seo-(?:optimi[sz]ed|friendly)"
            r"|engaging|comprehensive|well-structured|informative|compelling|captivating"
            r"|concise|persuasive|cleaner|tighter|longer|shorter|final|requested|new)\b",
            r"\b(?:your|you)\b",
            r"\bfor you\b",
        ),
        "offer": (
            r"let me know\b",
            r"(?:feel free|(?:don't|do not) hesitate) to (?:ask|let me know|reach out|tell me|request"
            r"|say|ping me|get back)\b",
            r"just (?:say|tell me|ask|let me know)\b",
            r"tell me\b",
            r"if you(?:'d| would)? (?:like|want|need|prefer|wish|require)\b",
            r"if (?:there's|there is) anything\b",
            r"if you have any\b",
            r"should you (?:need|want|have|wish|require)\b",
            r"would you (?:like|prefer)\b",
            r"do you want me\b",
            r"want me to\b",
            r"(?:shall|should) i (?:also )?(?:expand|add|write|adjust|revise|rewrite|shorten|make"
            r"|change|include|create|draft|continue|go)\b",
            r"i can (?:also |easily |gladly )?(?:help|adjust|expand|revise|rewrite|tailor|add"
            r"|write|create|draft|provide|tweak|shorten|modify|change|make|generate|refine"
            r"|elaborate|translate|turn|format|polish|cover|include|suggest)\b",
            r"(?:i'd|i would|i'm|i am) (?:be )?(?:happy|glad|delighted) to\b",
            r"happy to (?:help|adjust|revise|make|expand|write|tweak)\b",
        ),
        "ask_me": (
            r"\blet me know\b",
            r"\b(?:tell|ask|ping|message) me\b",
            r"\breach out\b",
            r"\b(?:hesitate|free) to (?:ask|reach out|contact|ping|tell)\b",
            r"\bjust ask\b",
            r"\bme to\b",
            r"\bjust say\b",
            r"\bi (?:can|could|will|'ll|'d be|would be|am happy|'m happy)\b",
            r"\bi'll\b",
            r"\b(?:shall|should) i\b",
        ),
        "revise": (
            r"\bchang(?:e|es|ing)\b",
            r"\brevis(?:e|ion|ions|ing)\b",
            r"\bedit(?:s|ing)?\b",
            r"\badjust(?:ment|ments|ing)?\b",
            r"\btweak(?:s|ing)?\b",
            r"\bmodif(?:y|ication|ications)\b",
            r"\b(?:tailor|expand|shorten|lengthen|condense|rewrite|refine|polish)\b",
            r"\banother (?:version|draft|take)\b",
            r"\bdifferent (?:tone|angle|style|version|length|focus|format)\b",
            r"\b(?:the )?(?:tone|style|length|word count|format)\b",
            r"\bmore (?:details|examples|information|sections|depth)\b",
            r"\b(?:further|additional) (?:help|assistance|changes|edits|information)\b",
            r"\banything else\b",
            r"\bany other (?:questions|changes|requests|topics)\b",
            r"\bany further\b",
            r"\bme to\b",
            r"\bwrite (?:a|an|another|more|the)\b",
            r"\bfollow-?up\b",
            r"\bfor you\b",
        ),
        "hope": (
            r"(?:i )?hope (?:this|that) helps\b",
            r"(?:i )?hope (?:that )?(?:this|these|the above|my)(?: \w+){0,3}"
            r" (?:meets|fits|suits|matches|aligns with) your\b",
            r"(?:i )?hope (?:that )?(?:this|these|the above|my)(?: \w+){0,3}"
            r" (?:is|was) (?:what you|exactly what)\b",
            r"(?:i )?hope (?:that )?(?:this|these|the above|my)(?: \w+){0,3} works for you\b",
        ),
        "hope_weak": (
            r"(?:i )?hope (?:that )?(?:you|this|these|the|my)\b[^.!?]{0,60}"
            r"(?:help|useful|informative|insightful|valuable|enjoy|inspir|clarif|interesting)",
        ),
        "self_ai": (
            r"as an ai(?: language model| model| assistant| chatbot| system"
            r"| developed by [^,]{1,40})?, (?:i|i'm|i've|i'd|i'll|my|me)\b",
            r"as a (?:large )?language model, (?:i|i'm|i've|i'd|i'll|my|me)\b",
            r"as an artificial intelligence, (?:i|i'm|i've|i'd|i'll|my|me)\b",
            r"(?:i'm|i am) (?:just |only |merely )?(?:an ai|a language model|an artificial"
            r" intelligence|a large language model|an ai language model|an ai assistant)\b",
        ),
        "cutoff": (
            r"as of my (?:last |latest |most recent |final )?(?:knowledge (?:update|cutoff"
            r"|cut-off|base update)|training(?: data)?(?: cutoff| cut-off| update)?"
            r"|(?:last )?update)\b",
            r"my (?:knowledge|training)(?: data| base)? (?:cutoff|cut-off|only goes|goes up"
            r"|extends|ends|runs|is current|is limited)\b",
            r"(?:i|i do not|i don't) (?:have|do not have|don't have) (?:access to )?"
            r"(?:real-time|current|live|up-to-date) (?:information|data|internet|browsing"
            r"|access)\b",
            r"based on my (?:training|knowledge)(?: data)? (?:up to|until|as of|through)\b",
            r"(?:since|because) my knowledge (?:is|was) (?:limited|cut)\b",
        ),
    },
    "ja": {
        "lead_in": (r"(?:ただし|なお|また|ちなみに|残念ながら|ただ|最後に|もし|ぜひ)、?",),
        "ack": (
            r"(?:もちろん(?:です)?|承知(?:しました|いたしました|です)|かしこまりました"
            r"|了解(?:しました|です)|はい|喜んで|いいですね|わかりました|分かりました)(?=[、。!])",
        ),
        "reply": (
            r"(?:承知(?:しました|いたしました)|かしこまりました)(?=[、。!])",
            r"お任せください",
            r"喜んで(?:お手伝い|書かせて|作成|執筆)",
            r"(?:素晴らしい|面白い|良い|いい)(?:テーマ|質問|ご質問|アイデア)(?:です|ですね)",
        ),
        "request": (
            r"ご(?:依頼|要望|指定|希望|指示)(?:いただいた|頂いた|の|に(?:沿|基づ|お応え|応じ))",
            r"リクエスト(?:いただ|頂|され|の|に)",
            r"お求めの",
        ),
        "deliver": (
            r"(?:以下|下記|こちら)(?:は|が|に)",
            r"(?:ご要望|ご依頼)(?:の|に(?:沿|基づ))",
        ),
        "made": (
            r"(?:を|の)(?:下書き|草稿)?(?:を)?(?:作成|執筆|書き|用意|ご用意|まとめ|リライト|修正|準備"
            r"|お届け)(?:し|いたし|させていただき)?ました",
        ),
        "text_type": (
            r"(?:ブログ)?記事(?:案)?|ブログ(?:投稿|ポスト)?|投稿|文章|原稿|草稿|下書き|ドラフト"
            r"|修正版|改訂版|改善版|リライト(?:版|した文章)?|書き直し|構成案|アウトライン|要約"
            r"|本文|導入文|紹介文|コラム|エッセイ|バージョン",
        ),
        "polish": (
            r"修正|改訂|改善|リライト|書き直|推敲|ブラッシュアップ|ご要望|ご依頼|(?:です|になります"
            r"|となります|を(?:作成|執筆|用意|ご用意|ご提案|提案)(?:しました|いたしました))[。:!]?$",
        ),
        "post_type": (
            r"(?:ブログ)?記事|ブログ(?:投稿|ポスト)?|投稿|原稿|草稿|下書き|ドラフト|修正版|改訂版|構成案",
        ),
        "ask_me": (
            r"お知らせ|お気軽に|遠慮なく|お申し付け|おっしゃって|お声が?け|ご連絡|言ってください"
            r"|お伝えください|どうぞ|ご相談|お尋ね"
            r"|(?:対応|作成|修正|お手伝い|加筆|追記|変更|調整|執筆|リライト|書き直し)(?:いた)?します"
            r"|させていただきます",
        ),
        "condition": (
            r"(?:あれば|ありましたら|ございましたら|でしたら|ようでしたら|場合は|なら(?:ば)?)",
        ),
        "offer": (
            r"(?:お知らせ(?:ください|下さい|いただ)|お気軽に|遠慮なく|お申し付け|おっしゃって"
            r"|お声が?け|ご連絡(?:ください|下さい)|言ってください|教えてください|お伝えください"
            r"|どうぞ|ご相談ください|お尋ねください|ご質問ください|いたします|させていただきます)",
        ),
        "revise": (
            r"(?:修正|変更|調整|追加|加筆|削除|書き直|リライト|書き換え|手直し)(?:したい|を希望"
            r"|をご希望|してほしい|して欲しい|が必要|のご要望|のリクエスト|いたします|します)",
            r"(?:したい|ほしい|欲しい)(?:点|箇所|部分|テーマ|トピック|内容|こと|記事)",
            r"ご要望|ご希望|リクエスト|お手伝い|トーン|文体|文字数",
            r"別の(?:視点|角度|テーマ|バージョン|切り口|トピック)",
            r"(?:他|ほか)に(?:も)?.{0,12}(?:テーマ|トピック|記事|ご質問|質問)",
            r"(?:対応|作成|修正|お手伝い)(?:いた)?します|させていただきます",
        ),
        "hope": (
            r"(?:この|本|今回の)?(?:記事|文章|内容|原稿)が(?:あなた|ご|皆様の)?.{0,8}"
            r"(?:ご要望|ご期待|ニーズ|目的)に(?:沿|合|応|かな)",
        ),
        "hope_weak": (r".{0,30}(?:お役に立て|参考にな|助けにな)(?:れば|ると|たら)",),
        "self_ai": (
            r"(?:ai|人工知能)(?:言語モデル|アシスタント|チャットボット|モデル)として、",
            r"私は(?:ai|人工知能|言語モデル|大規模言語モデル)(?:言語モデル|アシスタント)?"
            r"(?:です|であり|なので|のため|ですので)",
        ),
        "cutoff": (
            r"私の(?:知識|情報|学習データ|トレーニングデータ|データ)(?:は|の)?.{0,24}"
            r"(?:まで|時点|カットオフ|更新)",
            r"(?:知識|学習データ|トレーニングデータ)の(?:カットオフ|締め切り|最終更新)",
            r"(?:20\d\d年.{0,6})?時点での私の(?:知識|情報)",
            r"私は(?:リアルタイム|最新)の(?:情報|データ)に(?:は)?アクセスでき(?:ない|ません)",
            r"私は(?:インターネット|ウェブ)(?:を|に)(?:閲覧|アクセス)でき(?:ない|ません)",
        ),
    },
    "zh": {
        "lead_in": (r"(?:不过|但是|但|另外|此外|请注意|需要注意的是|注意|最后|当然)[,:、]?",),
        "ack": (
            r"(?:当然(?:可以|没问题)?|好的|没问题|可以|明白了|了解|收到|好|當然(?:可以)?)(?=[,!。.、])",
        ),
        "reply": (
            r"很(?:高兴|乐意)(?:为你|为您|帮你|帮您|帮助|能|為你|為您)",
            r"(?:非常)?乐意(?:为你|为您|效劳|帮忙)",
            r"(?:好|很好的|非常好的)(?:问题|主题|想法)[!。]",
        ),
        "request": (
            r"(?:根据|按照|应|遵照|根據|按照)(?:你|您)的(?:要求|需求|请求|指示|描述|要求|需要|請求)",
            r"(?:你|您)(?:要求|需要|想要)的",
        ),
        "deliver": (
            r"(?:以下|下面|这|这里|這|這裡|以下)(?:是|为|為)",
            r"我(?:为(?:你|您))?(?:已经)?(?:写|撰写|整理|准备|起草|改写|修改|润色|优化|创作|编写"
            r"|寫|撰寫|整理|準備|改寫|潤色)(?:了|好了)",
        ),
        "made": (
            r"(?:写|撰写|整理|准备|起草|改写|修改|润色|优化|创作|编写|寫|撰寫|準備|改寫|潤色)(?:了|好了)",
        ),
        "text_type": (
            r"文章|博客|博文|帖子|稿件|草稿|初稿|文稿|大纲|摘要|改写|润色|版本|短文|随笔|推文|文案"
            r"|段落|稿|部落格|網誌|貼文",
        ),
        "polish": (
            r"一篇|(?:修改|改写|润色|优化|调整|修訂|修改|改寫|潤色)(?:后|後)的|为(?:你|您)|(?:你|您)要的"
            r"|(?:你|您)的",
        ),
        "post_type": (r"文章|博客|博文|帖子|稿件|草稿|初稿|文稿|大纲|部落格|網誌|貼文",),
        "condition": (r"(?:如果|若|如有|若有|如需|若需|要是|假如)",),
        "ask_me": (
            r"告诉我|让我知道|联系我|问我|找我|告訴我|讓我知道|聯繫我|與我聯繫|与我联系"
            r"|我(?:可以|可|会|将|能|很乐意|乐意|随时|再|會|將)(?:为|為|帮|幫|继续|繼續|进一步|再)"
            r"|需要我|要不要我|是否需要我",
        ),
        "offer": (
            r"(?:如果|若|要是|假如)(?:你|您)",
            r"(?:你|您)如果",
            r"(?:如有|若有)",
            r"需要我",
            r"要不要我",
            r"是否需要",
            r"(?:请|欢迎|請|歡迎)?随时",
        ),
        "revise": (
            r"(?:其他|任何|更多|別的|别的|其它)(?:问题|需求|要求|主题|话题|問題|需要|修改|调整)",
            r"为(?:你|您)(?:修改|调整|补充|扩展|提供|解答|服务|进一步)",
            r"(?:修改|调整|补充|扩展|扩充|润色|改写|精简|缩短|完善|修訂|調整|補充|擴展|潤色|改寫)",
        ),
        "hope": (
            r"希望(?:这|这篇|本篇|以上|这些|此|這|這篇|以上的)?(?:篇)?(?:文章|内容|信息|回答|介绍"
            r"|指南|博客|博文|內容|資訊)?(?:能|可以|能够|能夠)?(?:对你|对您|帮到你|帮到您|帮助你"
            r"|帮助您|给你|给您|为你|为您|满足你|满足您|符合你|符合您|對你|對您|幫到你|幫到您"
            r"|幫助你|幫助您)",
        ),
        "hope_weak": (r"希望(?:这|本|以上)?.{0,12}(?:对大家|能帮|有所帮助|有帮助|有用)",),
        "self_ai": (
            r"作[为為](?:一个|一名|一款|一個)?(?:ai|人工智能|人工智慧)(?:语言模型|助手|模型"
            r"|聊天机器人|語言模型)?[,、](?:我|本)",
            r"我(?:是|只是)(?:一个|一個)?(?:ai|人工智能|人工智慧)?(?:语言模型|助手|語言模型)",
        ),
        "cutoff": (
            r"截[至止](?:到)?我的(?:知识|训练|数据|知識|訓練|資料)",
            r"我的(?:知识|训练数据|训练资料|知識|訓練資料|訓練數據)(?:库|庫)?(?:截止|截至|更新|仅|只"
            r"|僅)(?:到|于|至|於)?",
            r"根据我(?:截至|截止)",
            r"我(?:无法|不能|無法)(?:访问|获取|浏览|訪問|獲取|瀏覽)(?:实时|最新|互联网|即時|網際網路)",
        ),
    },
}

PHRASES: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {
        "opening": (
            "Certainly! Here is",
            "Certainly! Here's",
            "Certainly! Below is",
            "Certainly, here is",
            "Certainly, here's",
            "Sure! Here is",
            "Sure! Here's",
            "Sure, here is",
            "Sure, here's",
            "Absolutely! Here is",
            "Absolutely! Here's",
            "Of course! Here is",
            "Of course! Here's",
            "Here is a revised version",
            "Here's a revised version",
            "Here is the revised",
            "Here's the revised",
            "Here is a rewritten",
            "Here's a rewritten",
            "Here is a blog post",
            "Here's a blog post",
            "Here is an article",
            "Here's an article",
            "Here is a draft",
            "Here's a draft",
            "Great question!",
        ),
        "closing": (
            "I hope this helps",
            "Hope this helps",
            "I hope this article meets your",
            "I hope this meets your",
            "Let me know if you'd like",
            "Let me know if you would like",
            "Let me know if you need any",
            "Let me know if you have any other questions",
            "Let me know if you have any further questions",
            "Feel free to ask if",
            "Feel free to ask any",
            "If you have any other questions, feel free",
            "If you have any further questions",
            "If you need further assistance",
            "Is there anything else I can help",
            "Would you like me to",
        ),
        "anywhere": (
            "As an AI language model, I",
            "As a large language model, I",
            "As a language model, I",
            "As an AI developed by…, I",
            "As an AI assistant, I",
            "As an AI, I",
            "I am an AI language model",
            "I'm an AI language model",
            "I'm just an AI",
            "As of my last knowledge update",
            "As of my knowledge cutoff",
            "As of my last training",
            "I don't have access to real-time",
        ),
    },
    "ja": {
        "opening": (
            "以下は…ブログ記事です",
            "以下は…ブログ投稿です",
            "以下は…記事です",
            "以下は…記事の草稿です",
            "以下は…修正版です",
            "以下は…改訂版です",
            "以下は…リライトした文章です",
            "もちろんです",
            "承知しました",
            "承知いたしました",
            "かしこまりました",
            "はい、承知",
            "はい、以下",
        ),
        "closing": (
            "お役に立てれば幸いです",
            "お役に立てると幸いです",
            "他にご質問があれば",
            "他に質問があれば",
            "ご不明な点があれば",
            "ご不明な点がございましたら",
            "何か他にお手伝いできることがあれば",
            "修正が必要な箇所があれば",
            "さらに詳しい情報が必要でしたら",
        ),
        "anywhere": (
            "私はAI言語モデル",
            "私はAIアシスタント",
            "私の知識は…時点",
        ),
    },
    "zh": {
        "opening": (
            "当然可以",
            "当然！以下是",
            "好的，以下是",
            "好的！以下是",
            "以下是一篇",
            "以下是…的文章",
            "以下是…的博客",
            "以下是修改后的",
            "以下是改写后的",
            "當然可以",
            "以下是修改後的",
        ),
        "closing": (
            "希望这对你有帮助",
            "希望这对您有帮助",
            "希望這對你有幫助",
            "希望這對您有幫助",
            "如果你还有其他问题",
            "如果您还有其他问题",
            "如果你有任何其他问题",
            "如果您有任何其他问题",
            "如有其他问题，请随时",
            "如果您還有其他問題",
            "如果你還有其他問題",
        ),
        # The AI self-references are the model's self_ai cue (which wants a
        # 我 after the comma: 「作为一个AI语言模型，ChatGPT 无法…」 is about AI).
        "anywhere": (),
    },
}

#: Something every ``self_ai`` / ``cutoff`` cue contains: a paragraph in the
#: middle of a post without one of these is not looked at (a plain ``re``,
#: ignoring case, on the raw prose).
ANYWHERE_HINT = (
    r"\bAI\b|ＡＩ|language model|knowledge|training|real-time|artificial intelligence"
    r"|人工知能|人工智能|人工智慧|言語モデル|语言模型|語言模型|アシスタント|助手"
    r"|私の(?:知識|情報|学習|トレーニング|データ)|私は(?:リアルタイム|最新|インターネット|ウェブ)"
    r"|(?:知識|学習データ|トレーニングデータ)の|時点での私"
    r"|我的(?:知识|训练|知識|訓練)|截[至止]|根据我|我(?:无法|不能|無法)(?:访问|获取|浏览|訪問|獲取|瀏覽)"
)
