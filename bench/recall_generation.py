"""Recall of the GEN rules on generation artifacts planted into real posts.

Every artifact kind of issue 14 is planted into copies of corpus posts (en,
ja, zh), with several wordings per kind and language written here, apart
from the rules' own pattern data (post_lint/data/boilerplate.py and the rule
modules), so the numbers say how well the rules generalise rather than
whether they know their own lists::

    .venv/bin/python bench/recall_generation.py                  # 100 posts per language
    .venv/bin/python bench/recall_generation.py --per-lang 40 --show-misses 3
    .venv/bin/python bench/recall_generation.py --kinds label,fenced --fix-check

``--fix-check`` also applies the safe fixes to every planted copy of a
fixable kind and checks that the artifact is gone and that every sentence
that occurs once in the untouched post is still there.
"""

from __future__ import annotations

import random
import sys
from collections.abc import Callable

from harness import Plant, Sample, main, sample_posts

from post_lint import Config, Post, lint_text
from post_lint.fix import fix_post
from post_lint.rules.placeholders import template_engines
from post_lint.text import split_sentences

# --------------------------------------------------------------------------
# What is planted (written for the harness, not copied from the rules)
# --------------------------------------------------------------------------

TOPICS = {
    "en": ["caching", "Rust", "remote work"],
    "ja": ["キャッシュ", "Rust", "在宅勤務"],
    "zh": ["缓存", "Rust", "远程办公"],
}

CONTROL_TOKENS = ["<|im_end|>", "</s>", "[END]", "---END---", "<|endoftext|>", "<|eot_id|>"]

LABELS = {
    "en": [
        "(continued)",
        "(to be continued)",
        "--- continue ---",
        "[CONTINUE]",
        "=== END OF PART 1 ===",
        "[Continued]",
        "(Continued below)",
        "*(to be continued…)*",
        "— continued —",
        "=== PART 2 ===",
    ],
    "ja": [
        "（続く）",
        "（つづく）",
        "【続く】",
        "（続きます）",
        "〜続く〜",
        "(続く)",
        "=== 第1部 終わり ===",
        "（後半に続く）",
    ],
    "zh": [
        "（未完待续）",
        "（待续）",
        "【未完待续】",
        "（续）",
        "(未完待续)",
        "——未完待续——",
        "（下接）",
        "=== 第一部分完 ===",
    ],
}

OPENINGS = {
    "en": [
        "Sure thing! Here's a blog post on {t}.",
        "Absolutely — here is a draft article about {t}:",
        "As requested, here is the revised post.",
        "Happy to help! Here's an engaging piece about {t}.",
        "Of course. Below is a polished version of your article.",
        "Great idea! I've written a short post exploring {t}.",
        "Here's a comprehensive blog post about {t}:",
        "Certainly. Here is the article you asked for.",
        "No problem! Here's a rewritten version with a friendlier tone.",
        "Okay, here is a blog post that covers {t}.",
    ],
    "ja": [
        "承知しました。以下は{t}に関するブログ記事です。",
        "かしこまりました！{t}についての記事を作成しました。",
        "もちろんです。以下に{t}についてのブログ記事の草稿をご用意しました。",
        "ご依頼いただいた{t}の記事を以下にまとめました。",
        "はい、以下がリライトした文章になります。",
        "以下は、ご要望に沿って修正した記事です。",
        "了解しました！{t}をテーマにしたブログ投稿を書きました。",
    ],
    "zh": [
        "好的，以下是一篇关于{t}的博客文章。",
        "当然！下面是为您撰写的关于{t}的文章：",
        "没问题，这是根据您的要求修改后的版本。",
        "很高兴为您服务！以下是关于{t}的文章草稿。",
        "根据你的要求，我写了一篇关于{t}的博文。",
        "以下是润色后的文章：",
        "明白了，这里是关于{t}的文章。",
    ],
}

CLOSINGS = {
    "en": [
        "I hope this article helps! Let me know if you want any changes.",
        "Hope you found this useful — feel free to ask if you'd like me to adjust the tone.",
        "Let me know if you'd like a shorter version or more examples.",
        "If you need any revisions, just let me know!",
        "Would you like me to add a section on {t}?",
        "I hope this meets your needs. Happy to tweak anything!",
        "Feel free to reach out if you want me to expand any part of this post.",
        "I can also write a follow-up post on {t} if you're interested.",
        "Should you need further edits, don't hesitate to ask.",
        "Hope this helps, and good luck with your blog!",
    ],
    "ja": [
        "他に修正したい点があればお知らせください。",
        "他にも書いてほしいテーマがあれば、遠慮なくどうぞ。",
        "文体やトーンの調整が必要でしたら、お気軽にお申し付けください。",
        "ご希望があれば、さらに詳しく加筆いたします。",
        "この記事がご要望に沿うものであれば幸いです。追加のリクエストがあればお知らせください。",
        "別の切り口での記事も作成できますので、必要であればお声がけください。",
        "文字数を増やしたい場合は、遠慮なくおっしゃってください。",
    ],
    "zh": [
        "希望这篇文章对你有所帮助！如果还有其他问题，请随时告诉我。",
        "如果您需要调整语气或篇幅，请告诉我。",
        "需要我再补充一些例子吗？",
        "希望这篇博客能满足您的需求。如有任何修改意见，欢迎随时提出。",
        "如果你想要更短的版本，我可以帮你精简。",
        "如需进一步修改，请随时联系我。",
        "希望对您有帮助！还有什么需要我帮忙的吗？",
    ],
}

CUTOFFS = {
    "en": [
        "As of my last knowledge update in 2023, this project was still maintained.",
        "Please note that my knowledge cutoff is 2023, so newer releases may differ.",
        "I don't have real-time information, so check the official site for the latest version.",
        "Keep in mind that my training data only goes up to early 2024.",
        "As of my latest training data, the API had not changed.",
    ],
    "ja": [
        "私の知識は2023年までのものですが、このライブラリは現在も開発が続いています。",
        "なお、私の学習データは2024年初頭までの情報に基づいています。",
        "2023年10月時点での私の知識では、この機能はまだ実験的でした。",
        "私はリアルタイムの情報にアクセスできないため、最新の状況は公式サイトでご確認ください。",
    ],
    "zh": [
        "截至我的知识更新（2023年），该项目仍在维护。",
        "请注意，我的训练数据截止到2023年，之后的变化可能未包含在内。",
        "根据我截至2024年初的知识，这个API还没有变化。",
        "我无法访问实时信息，建议查看官方文档获取最新版本。",
    ],
}

CITATIONS = [
    " :contentReference[oaicite:{n}]{{index={n}}}",
    "【{n}†source】",
    "\ue200cite\ue202turn0search{n}\ue201",
    " citeturn0search{n}turn0news{m}",
    " [{n}†L{n}-L{m}]",
    "【{n}:{m}†notes.pdf】",
    "\ue200cite\ue202turn1news{m}\ue202turn0search{n}\ue201",
]

TRACKED_LINKS = {
    "en": [
        "See [the guide](https://example.com/guide?utm_source=chatgpt.com) for details.",
        "More in [this report](https://example.org/r/2024?lang=en&utm_source=chatgpt.com).",
        "Read [the docs](https://docs.example.net/start/?utm_source=openai#setup).",
    ],
    "ja": [
        "詳しくは[公式ドキュメント](https://example.jp/docs?lang=ja&utm_source=chatgpt.com)を参照。",
        "[解説記事](https://example.jp/post/1?utm_source=chatgpt.com)も参考になります。",
    ],
    "zh": [
        "详情见[官方文档](https://example.cn/docs?utm_source=chatgpt.com)。",
        "参考[这篇报告](https://example.cn/r?id=3&utm_source=openai&ref=x)。",
    ],
}

PLACEHOLDERS = {
    "en": [
        "According to [Insert statistic here], adoption doubled.",
        "Written by [Your Name].",
        "Teams at [Company Name] saw the same effect.",
        "Read the full story [Add link to case study].",
        "Try {{ product_name }} today.",
        "Usage grew by XX% last year.",
        "TODO: add link",
        "Lorem ipsum dolor sit amet, consectetur adipiscing elit.",
        "[Insert screenshot of the dashboard]",
        "The details are in [Link to documentation].",
    ],
    "ja": [
        "〇〇社の事例が参考になります。",
        "株式会社○○の担当者に話を聞きました。",
        "導入後、作業時間はXX%減りました。",
        "（ここに画像を挿入）",
        "［ここにスクリーンショットを貼り付け］",
        "お問い合わせは【会社名】まで。",
        "[リンクを挿入]",
        "費用はXX万円ほどです。",
    ],
    "zh": [
        "【在此插入图片】",
        "XX公司的经验值得借鉴。",
        "数据来源：[插入数据来源]",
        "（此处添加链接）",
        "联系人：【公司名称】",
        "用户增长了XX%。",
        "（在这里填写具体数字）",
    ],
}

PREAMBLES = {
    "en": ["Here is the blog post:", "Here's the article in Markdown:"],
    "ja": ["以下が記事です：", "以下はMarkdown形式のブログ記事です。"],
    "zh": ["以下是文章：", "下面是 Markdown 格式的博客文章："],
}

REASONING = {
    "en": "The user wants a post about {t}. I should start with a hook, then explain the"
    " main idea, then close with a summary.",
    "ja": "ユーザーは{t}についての記事を求めている。まず導入を書き、次に要点を説明しよう。",
    "zh": "用户想要一篇关于{t}的文章。我应该先写引言，然后解释要点。",
}
INNER_VOICE = {
    "en": [
        "Okay, so the user wants me to write a blog post about {t}. I should keep it friendly.",
        "Alright, the user is asking for an article on {t}. Let me outline it first.",
    ],
    "ja": [
        "ユーザーは{t}についてのブログ記事を求めているようだ。構成を考えよう。",
        "まず、ユーザーの依頼を整理する。{t}についての記事が必要だ。",
    ],
    "zh": [
        "好的，用户让我写一篇关于{t}的博客。我需要先确定结构。",
        "嗯，用户希望我介绍{t}。首先，我需要理解他的需求。",
    ],
}
TIMERS = {
    "en": ["Thought for 12 seconds", "Reasoned for 8s", "Thought for 1m 5s"],
    "ja": ["12 秒間思考", "思考時間: 9秒"],
    "zh": ["已深度思考（用时 12 秒）", "思考了 7 秒", "已思考 15 秒"],
}
HEADERS = {
    "en": ["Thinking process:"],
    "ja": ["思考プロセス："],
    "zh": ["思考过程：", "推理过程："],
}

# --------------------------------------------------------------------------
# Where things go in a post
# --------------------------------------------------------------------------


def _lines(sample: Sample) -> list[str]:
    return sample.text.split("\n")


def _paragraphs(sample: Sample, min_chars: int = 30):
    return [
        b
        for b in sample.post.blocks
        if b.kind == "paragraph"
        and b.is_top_level
        and len(b.prose.strip()) >= min_chars
        and not (b.link_only or b.image_only or b.emphasis_only)
    ]


def _topic(sample: Sample, rng: random.Random) -> str:
    return rng.choice(TOPICS[sample.lang])


def _insert_after(lines: list[str], line: int, new: list[str]) -> list[str]:
    """Insert ``new`` as its own paragraph after 1-based ``line``."""
    return lines[:line] + [""] + new + [""] + lines[line:]


def _body_start(sample: Sample) -> int:
    """0-based index of the first body line."""
    return sample.post.body_line - 1


def _join_keep(lines: list[str]) -> str:
    return "\n".join(lines)


def _line_of(text: str, needle: str) -> int:
    for i, line in enumerate(text.split("\n"), 1):
        if needle in line:
            return i
    return -1


def _glue(line: str, sentence: str, lang: str) -> str:
    """``sentence`` glued to the end of ``line``, as a generator writes it: after
    the end of the line's sentence (a line that ends without one gets one)."""
    line = line.rstrip()
    if line and line[-1] not in ".!?。！？)）」』":
        line += "." if lang == "en" else "。"
    return line + ("" if lang != "en" else " ") + sentence


# --------------------------------------------------------------------------
# Planters
# --------------------------------------------------------------------------


def plant_control_token(sample, rng):
    paras = _paragraphs(sample)
    if len(paras) < 3:
        return None
    p = rng.choice(paras[1:-1])
    token = rng.choice(CONTROL_TOKENS)
    text = _join_keep(_insert_after(_lines(sample), p.end_line, [token]))
    return Plant(text, {"GEN001"}, [p.end_line + 2], token)


def plant_label(sample, rng):
    paras = _paragraphs(sample)
    if len(paras) < 3:
        return None
    p = rng.choice(paras[:-1])
    label = rng.choice(LABELS[sample.lang])
    text = _join_keep(_insert_after(_lines(sample), p.end_line, [label]))
    return Plant(text, {"GEN001"}, [p.end_line + 2], label)


def plant_label_after_cut(sample, rng):
    """A paragraph cut mid-sentence, then a label, then the next paragraph:
    the cut must be found (TRN001) through the label."""
    paras = _paragraphs(sample, 60)
    if len(paras) < 3:
        return None
    p = rng.choice(paras[:-1])
    lines = _lines(sample)
    last = lines[p.end_line - 1]
    if len(last) < 40:
        return None
    cut = last[: int(len(last) * rng.uniform(0.4, 0.8))].rstrip()
    if not cut or not cut[-1].isalnum() and not ("\u3040" <= cut[-1] <= "\u9fff"):
        return None
    lines[p.end_line - 1] = cut
    label = rng.choice(LABELS[sample.lang])
    text = _join_keep(_insert_after(lines, p.end_line, [label]))
    return Plant(text, {"TRN001"}, [p.end_line], f"{cut[-20:]} | {label}")


def plant_opening(sample, rng):
    paras = _paragraphs(sample)
    if not paras:
        return None
    sentence = rng.choice(OPENINGS[sample.lang]).format(t=_topic(sample, rng))
    lines = _lines(sample)
    first = paras[0]
    if first.start_line > _body_start(sample) + 12:
        return None
    if rng.random() < 0.5:
        # Its own paragraph before the first one.
        text = _join_keep(
            lines[: first.start_line - 1] + [sentence, ""] + lines[first.start_line - 1 :]
        )
        line = first.start_line
    else:
        # Glued to the start of the first paragraph.
        sep = " " if sample.lang == "en" else ""
        lines[first.start_line - 1] = sentence + sep + lines[first.start_line - 1].lstrip()
        text = _join_keep(lines)
        line = first.start_line
    return Plant(text, {"GEN002"}, [line], sentence)


def plant_closing(sample, rng):
    paras = _paragraphs(sample)
    if not paras:
        return None
    sentence = rng.choice(CLOSINGS[sample.lang]).format(t=_topic(sample, rng))
    lines = _lines(sample)
    if rng.random() < 0.5:
        last = paras[-1]
        lines[last.end_line - 1] = _glue(lines[last.end_line - 1], sentence, sample.lang)
        return Plant(_join_keep(lines), {"GEN002"}, [last.end_line], "glued: " + sentence)
    while lines and not lines[-1].strip():
        lines.pop()
    lines += ["", sentence, ""]
    return Plant(_join_keep(lines), {"GEN002"}, [len(lines) - 1], sentence)


def plant_cutoff(sample, rng):
    paras = _paragraphs(sample)
    if len(paras) < 3:
        return None
    p = rng.choice(paras[1:-1])
    sentence = rng.choice(CUTOFFS[sample.lang])
    lines = _lines(sample)
    if rng.random() < 0.5:
        text = _join_keep(_insert_after(lines, p.end_line, [sentence]))
        return Plant(text, {"GEN002"}, [p.end_line + 2], sentence)
    sep = " " if sample.lang == "en" else ""
    lines[p.start_line - 1] = sentence + sep + lines[p.start_line - 1].lstrip()
    return Plant(_join_keep(lines), {"GEN002"}, [p.start_line], "glued: " + sentence)


def plant_citation(sample, rng):
    paras = _paragraphs(sample)
    if not paras:
        return None
    p = rng.choice(paras)
    residue = rng.choice(CITATIONS).format(n=rng.randint(0, 12), m=rng.randint(0, 30))
    lines = _lines(sample)
    lines[p.end_line - 1] = lines[p.end_line - 1].rstrip() + residue
    return Plant(_join_keep(lines), {"GEN003"}, [p.end_line], residue)


def plant_tracked_link(sample, rng):
    paras = _paragraphs(sample)
    if not paras:
        return None
    p = rng.choice(paras)
    sentence = rng.choice(TRACKED_LINKS[sample.lang])
    lines = _lines(sample)
    lines[p.end_line - 1] = _glue(lines[p.end_line - 1], sentence, sample.lang)
    return Plant(_join_keep(lines), {"GEN003"}, [p.end_line], sentence)


def plant_placeholder(sample, rng):
    paras = _paragraphs(sample)
    if len(paras) < 2:
        return None
    p = rng.choice(paras)
    slot = rng.choice(PLACEHOLDERS[sample.lang])
    if "{{" in slot and template_engines(sample.post):
        # In a Jekyll, Hugo or Eleventy post "{{ x }}" is template syntax: plant another slot.
        slot = rng.choice([s for s in PLACEHOLDERS[sample.lang] if "{{" not in s])
    lines = _lines(sample)
    if rng.random() < 0.5 or slot.startswith(("TODO", "[Insert s", "（ここ", "［", "【在", "[リ")):
        text = _join_keep(_insert_after(lines, p.end_line, [slot]))
        return Plant(text, {"GEN004"}, [p.end_line + 2], slot)
    lines[p.end_line - 1] = _glue(lines[p.end_line - 1], slot, sample.lang)
    return Plant(_join_keep(lines), {"GEN004"}, [p.end_line], slot)


FRONT_MATTER_SLOTS = {
    "en": [
        ("author", '"[Your Name]"'),
        ("description", '"[Insert a one-sentence summary here]"'),
        ("image", '"[Insert image URL]"'),
        ("title", '"How [Company Name] Cut Costs by XX%"'),
    ],
    "ja": [
        ("author", '"［氏名］"'),
        ("description", '"〇〇社の導入事例を紹介します"'),
        ("title", '"作業時間をXX%削減した方法"'),
    ],
    "zh": [
        ("author", '"【作者名】"'),
        ("description", '"XX公司的实践经验"'),
        ("title", '"如何把成本降低XX%"'),
    ],
}


def plant_placeholder_front_matter(sample, rng):
    """A slot left in a YAML front-matter value (a new key before the closing ``---``)."""
    fm = sample.post.front_matter
    if fm is None or fm.format != "yaml" or fm.end_line is None:
        return None
    key, value = rng.choice(FRONT_MATTER_SLOTS[sample.lang])
    lines = _lines(sample)
    key = key if key not in sample.post.meta else f"{key}_draft"
    lines.insert(fm.end_line - 1, f"{key}: {value}")
    return Plant(_join_keep(lines), {"GEN004"}, [fm.end_line], f"{key}: {value}")


def plant_fenced(sample, rng):
    lines = _lines(sample)
    body = lines[_body_start(sample) :]
    body_text = "\n".join(body)
    if "~~~" in body_text or "````" in body_text:
        return None
    fence = "````" if "```" in body_text else rng.choice(["```", "```"])
    info = rng.choice(["markdown", "md", "markdown", ""])
    if info == "" and not any(line.startswith("#") for line in body):
        info = "markdown"
    whole = rng.random() < 0.25
    head: list[str] = []
    if rng.random() < 0.4:
        head = [rng.choice(PREAMBLES[sample.lang]), ""]
    while body and not body[-1].strip():
        body.pop()
    while body and not body[0].strip():
        body.pop(0)
    if whole:
        inner = lines[: _body_start(sample)] + body
        new = head + [fence + info] + inner + [fence, ""]
        line = len(head) + 1
    else:
        new = lines[: _body_start(sample)] + [""] + head + [fence + info] + body + [fence, ""]
        line = _body_start(sample) + 1 + len(head) + 1
    return Plant(
        _join_keep(new), {"GEN005"}, [line], f"{fence}{info} whole={whole} head={bool(head)}"
    )


def plant_reasoning(sample, rng):
    paras = _paragraphs(sample)
    if not paras:
        return None
    lines = _lines(sample)
    # At the very start of the body, where a model puts its reasoning.
    first = next(b for b in sample.post.blocks if b.kind != "hr")
    at = min(paras[0].start_line, first.start_line) - 1
    t = _topic(sample, rng)
    style = rng.choice(["think", "think", "close-only", "timer", "inner", "header"])
    if style == "think":
        block = ["<think>", REASONING[sample.lang].format(t=t), "", "…", "</think>", ""]
        line = at + 1
    elif style == "close-only":
        block = [REASONING[sample.lang].format(t=t), "</think>", ""]
        line = at + 2
    elif style == "timer":
        block = [rng.choice(TIMERS[sample.lang]), ""]
        line = at + 1
    elif style == "inner":
        block = [rng.choice(INNER_VOICE[sample.lang]).format(t=t), ""]
        line = at + 1
    else:
        block = [rng.choice(HEADERS[sample.lang]), REASONING[sample.lang].format(t=t), ""]
        line = at + 1
    text = _join_keep(lines[:at] + block + lines[at:])
    return Plant(text, {"GEN006"}, [line], style)


PLANTERS: dict[str, Callable] = {
    "control-token": plant_control_token,
    "label": plant_label,
    "label-after-cut": plant_label_after_cut,
    "boilerplate-opening": plant_opening,
    "boilerplate-closing": plant_closing,
    "knowledge-cutoff": plant_cutoff,
    "citation-residue": plant_citation,
    "tracked-link": plant_tracked_link,
    "placeholder": plant_placeholder,
    "placeholder-front-matter": plant_placeholder_front_matter,
    "fenced-post": plant_fenced,
    "reasoning-leak": plant_reasoning,
}
#: Kinds whose artifact a safe fix removes, with the code that must be gone.
FIXABLE = {
    "control-token": "GEN001",
    "label": "GEN001",
    "citation-residue": "GEN003",
    "tracked-link": "GEN003",
    "fenced-post": "GEN005",
}


def once_sentences(text: str) -> set[str]:
    """Sentences (of 12+ characters) that occur once in the text's lines."""
    counts: dict[str, int] = {}
    for line in text.split("\n"):
        for s in split_sentences(line):
            s = s.strip()
            if len(s) >= 12:
                counts[s] = counts.get(s, 0) + 1
    return {s for s, c in counts.items() if c == 1}


def fix_check(per_lang: int, seed: int, corpus) -> int:
    """Apply the safe fixes to each planted copy of a fixable kind: the code
    must be gone and every once-only sentence of the original kept."""
    samples = sample_posts(corpus, per_lang, seed)
    config = Config.from_mapping({"select": ["GEN"]})
    bad = 0
    total = 0
    for kind, code in FIXABLE.items():
        for lang, posts in samples.items():
            for i, sample in enumerate(posts):
                rng = random.Random(f"{seed}:{kind}:{lang}:{i}")
                plant = PLANTERS[kind](sample, rng)
                if plant is None:
                    continue
                total += 1
                out = fix_post(Post.from_text(plant.text, sample.name), config).text
                left = lint_text(out, sample.name, {"select": [code]})
                lost = [s for s in once_sentences(sample.text) if s not in out]
                if left or lost:
                    bad += 1
                    print(f"  {kind}/{lang} {sample.path}: left={len(left)} lost={lost[:2]}")
    print(f"fix check: {total - bad} of {total} planted copies fixed cleanly")
    return 1 if bad else 0


if __name__ == "__main__":
    argv = sys.argv[1:]
    if "--fix-check" in argv:
        argv.remove("--fix-check")
        import argparse

        from harness import DEFAULT_CORPUS

        ap = argparse.ArgumentParser()
        ap.add_argument("--per-lang", type=int, default=100)
        ap.add_argument("--seed", type=int, default=13)
        ap.add_argument("--corpus", default=DEFAULT_CORPUS)
        ap.add_argument("--kinds", default="")
        args, _ = ap.parse_known_args(argv)
        from pathlib import Path

        sys.exit(fix_check(args.per_lang, args.seed, Path(args.corpus)))
    sys.exit(
        main(PLANTERS, select=["GEN", "TRN001"], argv=argv, description=__doc__.split("\n")[0])
    )
