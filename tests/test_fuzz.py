"""Property tests: no input makes post-lint raise.

Arbitrary bytes, arbitrary Unicode, random Markdown with random front matter
(YAML, TOML, JSON, broken), each through the parser, through every registered
rule on its own (with random option values of the declared types), through
the whole linter with every rule selected, through ``--fix`` and through the
command line. Diagnostics must also be well formed: positions inside the text,
end not before start, fix edits inside the text.

Quick by default; ``POST_LINT_FUZZ_EXAMPLES=5000`` runs that many examples per
test (``POST_LINT_FUZZ_SEED`` fixes the seed).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import math
import os
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, seed, settings
from hypothesis import strategies as st

from post_lint import ConfigError, lint_text
from post_lint.config import Config
from post_lint.diagnostics import Diagnostic
from post_lint.fix import fix_post
from post_lint.post import Post
from post_lint.rules import REGISTRY, Rule

EXAMPLES = int(os.environ.get("POST_LINT_FUZZ_EXAMPLES", "0"))
QUICK = EXAMPLES == 0


def fuzz_settings(quick: int) -> Any:
    """Hypothesis settings: ``quick`` examples by default, more on request."""
    decorator = settings(
        max_examples=EXAMPLES or quick,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        derandomize=QUICK and "POST_LINT_FUZZ_SEED" not in os.environ,
    )
    if "POST_LINT_FUZZ_SEED" in os.environ:
        return lambda f: seed(int(os.environ["POST_LINT_FUZZ_SEED"]))(decorator(f))
    return decorator


ALL = Config.from_mapping({"select": ["ALL"]})

# -- strategies ------------------------------------------------------------------

#: Characters that matter to Markdown, YAML, template tags and sentence logic,
#: mixed with Japanese, Chinese, Korean, Latin text and odd code points.
_SPECIAL = (
    "*_[]()!#>-+|`~{}%<>&;:\\\"'.,?=/\n \t"
    "。、！？「」『』（）【】…・ー〜\u3000"
    "あいうえおかきくけこアイウエオ日本語中文汉字한국어"
    "\u200b\u200d\u202e\u2066\u2069\ufeff\ufffd\u0301\U0001f600"
)
prose_char = st.one_of(
    st.sampled_from(_SPECIAL),
    st.characters(codec="utf-8", exclude_categories=("Cs",)),
    st.sampled_from("abcdefghijklmnopqrstuvwxyz ABCDEF"),
)
prose = st.text(prose_char, max_size=120)
word = st.text(
    st.sampled_from("abcdefghijklmnopqrstuvwxyz日本語中文あいう"), min_size=1, max_size=12
)
sentence = st.builds(
    lambda words, end: " ".join(words) + end,
    st.lists(word, min_size=1, max_size=12),
    st.sampled_from([".", "。", "!", "？", "…", "", ",", "、", "...", "」", "（"]),
)

FIXED_SNIPPETS = [
    "---END---",
    "<|endoftext|>",
    "[END]",
    "I hope this helps! Let me know if you have any other questions.",
    "以上、参考になれば幸いです。",
    "<!-- post-lint-disable -->",
    "<!-- post-lint-enable DUP001 -->",
    "<!-- post-lint-disable-next-line TRN001 -->",
    "<!-- post-lint-disable-line -->",
    "<!-- post-lint-disable-file GEN -->",
    "<!-- more -->",
    "```\ncode with --- and ...\n```",
    "~~~python\nprint('x')\n",  # unclosed fence
    "    indented code",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "[^1]: A footnote.",
    "Text with a footnote.[^1]",
    "{% raw %}{{ x }}{% endraw %}",
    '{{< figure src="x.png" >}}',
    "{{% note %}}inside{{% /note %}}",
    "<div>\nhtml block\n</div>",
    "***",
    "---",
    "# Heading",
    "Setext\n===",
    "> quoted\n> more",
    "- item\n  - nested\n    1. ordered",
    "![img](a.png)",
    "[link](http://example.com/a_(b)) and https://example.com/x?y=1",
    "**Bold only**",
    "...めているのです。",
    "可能性を秘",
    "",
    "\n\n\n",
]

block = st.one_of(
    prose,
    sentence,
    st.lists(sentence, min_size=1, max_size=6).map(" ".join),
    st.sampled_from(FIXED_SNIPPETS),
    st.builds(
        lambda p, s: p + s, st.sampled_from(["# ", "## ", "> ", "- ", "1. ", "    "]), sentence
    ),
)


def _yaml_scalars() -> st.SearchStrategy[Any]:
    return st.one_of(
        st.none(),
        st.booleans(),
        st.integers(min_value=-(2**70), max_value=2**70),
        st.floats(allow_nan=True, allow_infinity=True),
        prose,
        sentence,
        st.dates(),
        st.datetimes(),
        st.sampled_from(["5 min", "5分", "PT5M", "five", "", "2024-13-45", "0", "-3", "1e400"]),
    )


yaml_values = st.recursive(
    _yaml_scalars(),
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)
KEYS = [
    "title", "date", "lastmod", "updated", "reading_time", "readingTime", "reading-time",
    "tags", "categories", "draft", "description", "emoji", "type", "topics", "published",
    "layout", "author", "slug", "summary", "image",
]  # fmt: skip
front_data = st.dictionaries(
    st.one_of(st.sampled_from(KEYS), st.text(max_size=10)), yaml_values, max_size=8
)


def _yaml_front(data: dict[str, Any]) -> str:
    try:
        return "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False) + "---\n"
    except (yaml.YAMLError, ValueError, TypeError):
        return "---\ntitle: fallback\n---\n"


def _toml_value(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int) and abs(v) < 2**63:
        return str(v)
    if isinstance(v, float) and math.isfinite(v):
        return repr(v)
    if isinstance(v, dt.datetime):
        return v.isoformat()
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, list):
        return "[" + ", ".join(_toml_value(x) for x in v) + "]"
    return json.dumps(str(v), ensure_ascii=False)


def _toml_front(data: dict[str, Any]) -> str:
    lines = [
        f"{json.dumps(str(k), ensure_ascii=False)} = {_toml_value(v)}" for k, v in data.items()
    ]
    return "+++\n" + "\n".join(lines) + "\n+++\n"


def _json_front(data: dict[str, Any]) -> str:
    return json.dumps(data, default=str, ensure_ascii=False, indent=2) + "\n"


front_matter = st.one_of(
    st.just(""),
    front_data.map(_yaml_front),
    front_data.map(_toml_front),
    front_data.map(_json_front),
    st.builds(lambda t: f"---\n{t}\n---\n", prose),  # arbitrary text as YAML
    st.builds(lambda t: f"+++\n{t}\n+++\n", prose),  # arbitrary text as TOML
    st.builds(lambda t: "---\n" + t, prose),  # never closed
    st.sampled_from(
        [
            "---\n---\n",
            "---\ntitle: a: b\n---\n",
            "---\ntitle: x\ntitle: y\n---\n",
            "---\n- a list\n---\n",
            "---\n\ttitle: tab\n---\n",
            "---\na: &a [*a]\n---\n",
            "---\ndate: 2023-02-30\n---\n",
            "{\n",
            '{"title": 1}\n',
            "{{ not json }}\n",
        ]
    ),
)


@st.composite
def posts(draw: st.DrawFn) -> str:
    """A random post: front matter, blocks, newline style, maybe a BOM."""
    fm = draw(front_matter)
    blocks = draw(st.lists(block, max_size=12))
    # Repeat some blocks: the repetition rules need duplicates to look at.
    if blocks and draw(st.booleans()):
        blocks += draw(st.lists(st.sampled_from(blocks), max_size=4))
        blocks = draw(st.permutations(blocks))
    seps = draw(
        st.lists(
            st.sampled_from(["\n\n", "\n", "\n\n\n", " "]),
            min_size=len(blocks),
            max_size=len(blocks),
        )
    )
    body = "".join(b + s for b, s in zip(blocks, seps))
    text = fm + ("\n" if fm and draw(st.booleans()) else "") + body
    newline = draw(st.sampled_from(["\n", "\n", "\r\n", "\r"]))
    if newline != "\n":
        text = text.replace("\n", newline)
    if draw(st.booleans()) and draw(st.booleans()):
        text = "\ufeff" + text
    return text


post_paths = st.sampled_from(
    [
        None,
        "post.md",
        "_posts/2024-01-01-hello.md",
        "_posts/2023-02-30-bad-date.md",
        "content/post/2019/05/x.md",
        "articles/zenn-article.md",
        "src/content/blog/日本語.md",
        "posts/caf\ufffd.md",
        "-",
    ]
)


def _check_well_formed(diags: list[Diagnostic], post: Post) -> None:
    count = post.lines.line_count
    for d in diags:
        assert d.code and d.message, d
        assert d.line >= 1 and d.column >= 1, d
        assert d.line <= count + 1, (d, count)
        if d.end_line is not None:
            assert (d.end_line, d.end_column or 1) >= (d.line, d.column), d
        if d.fix is not None:
            assert d.fix.applicability in ("safe", "unsafe"), d
            for e in d.fix.edits:
                assert e.line >= 1 and e.column >= 1, d
                assert (e.end_line, e.end_column) >= (e.line, e.column), d
                assert e.end_line <= count + 2, (d, count)


# -- the parser --------------------------------------------------------------------


@fuzz_settings(200)
@given(st.binary(max_size=2000))
def test_parser_never_raises_on_bytes(data: bytes) -> None:
    post = Post.from_bytes(data, "x.md")
    post.blocks  # noqa: B018
    post.code_lines  # noqa: B018
    assert post.lines.line_count >= 1
    for b in post.blocks:
        assert 1 <= b.start_line <= b.end_line <= post.lines.line_count + 1, b
        post.block_source(b)


@fuzz_settings(200)
@given(posts())
def test_parser_never_raises_on_random_posts(text: str) -> None:
    post = Post.from_text(text, "x.md")
    for b in post.blocks:
        assert 1 <= b.start_line <= b.end_line, b
        assert b.start_line >= post.body_line, (b, post.body_line)
    post.meta  # noqa: B018
    post.title  # noqa: B018


# -- every rule, alone --------------------------------------------------------------


def _option_strategy(r: Rule) -> st.SearchStrategy[dict[str, Any]]:
    """Random values of each option's declared type (paths keep their default)."""
    fields: dict[str, st.SearchStrategy[Any]] = {}
    for name, default in r.options.items():
        if name in r.path_options or isinstance(default, dict):
            fields[name] = st.just(default)
        elif isinstance(default, bool):
            fields[name] = st.booleans()
        elif isinstance(default, int):
            fields[name] = st.one_of(st.just(default), st.integers(0, 10_000))
        elif isinstance(default, float):
            fields[name] = st.one_of(st.just(default), st.floats(0, 100))
        elif isinstance(default, str):
            fields[name] = st.one_of(st.just(default), st.text(max_size=10))
        elif isinstance(default, list):
            fields[name] = st.one_of(st.just(default), st.lists(st.text(max_size=10), max_size=3))
        else:
            fields[name] = st.just(default)
    return st.fixed_dictionaries(fields)


@pytest.mark.parametrize("r", REGISTRY, ids=lambda r: r.code)
def test_each_rule_on_random_posts(r: Rule) -> None:
    @fuzz_settings(40)
    @given(text=posts(), path=post_paths, options=_option_strategy(r))
    def check(text: str, path: str | None, options: dict[str, Any]) -> None:
        # Options reach a rule through the configuration, which validates them:
        # values it refuses (e.g. an unknown preset name) are not the rule's to handle.
        table = {k.replace("_", "-"): v for k, v in options.items() if k not in r.path_options}
        try:
            config = Config.from_mapping({"select": [r.code], "rules": {r.code: table}})
        except ConfigError:
            assume(False)
        (rule_settings,) = config.rules_for(path)
        post = Post.from_text(text, path or "-")
        try:
            found = list(r.check(post, rule_settings.options))
        except ConfigError:
            return  # e.g. a schema file that does not exist: reported as such, exit 2
        for d in found:
            assert d.code == r.code, d
        _check_well_formed(found, post)

    check()


@pytest.mark.parametrize("r", REGISTRY, ids=lambda r: r.code)
def test_each_rule_on_random_bytes(r: Rule) -> None:
    @fuzz_settings(20)
    @given(st.binary(max_size=1500))
    def check(data: bytes) -> None:
        post = Post.from_bytes(data, "_posts/2024-01-01-x.md")
        _check_well_formed(list(r.check(post, dict(r.options))), post)

    check()


# -- the whole linter -----------------------------------------------------------------


@fuzz_settings(100)
@given(st.text(max_size=3000))
def test_lint_text_never_raises_on_unicode(text: str) -> None:
    lint_text(text, "x.md", ALL)


@fuzz_settings(100)
@given(st.binary(max_size=3000))
def test_lint_text_never_raises_on_bytes(data: bytes) -> None:
    lint_text(data, "_posts/2024-01-01-x.md", ALL)


@fuzz_settings(150)
@given(posts(), post_paths)
def test_lint_text_on_random_posts(text: str, path: str | None) -> None:
    diags = lint_text(text, path, ALL)
    _check_well_formed(diags, Post.from_text(text, path or "-"))
    assert diags == sorted(diags, key=Diagnostic.sort_key)


@fuzz_settings(100)
@given(posts(), st.booleans())
def test_fix_never_raises_and_converges(text: str, unsafe: bool) -> None:
    post = Post.from_text(text, "_posts/2024-01-01-x.md")
    outcome = fix_post(post, ALL, unsafe=unsafe)
    assert not outcome.result.errors, outcome.result.errors
    # The fixed text is a post like any other: it lints without errors.
    lint_text(outcome.text, "_posts/2024-01-01-x.md", ALL)
    if not outcome.fixed:
        assert outcome.text == post.text


# -- the command line -------------------------------------------------------------------


@fuzz_settings(30)
@given(data=st.one_of(posts().map(str.encode), st.binary(max_size=2000)))
def test_cli_never_tracebacks(tmp_path_factory: pytest.TempPathFactory, data: bytes) -> None:
    from post_lint.cli import main

    folder = tmp_path_factory.mktemp("cli")
    target = Path(folder, "post.md")
    target.write_bytes(data)
    for args in (
        ["--isolated", "--select", "ALL", str(target)],
        ["--isolated", "--select", "ALL", "--output-format", "json", "--show-source", str(target)],
        ["--isolated", "--select", "ALL", "--diff", "--unsafe-fixes", str(target)],
    ):
        out, err = io.StringIO(), io.StringIO()
        with redirect_stdout(out), redirect_stderr(err):
            code = main(args)
        assert code in (0, 1), (args, code, err.getvalue())
        assert "internal error" not in err.getvalue(), err.getvalue()
        if "json" in args:
            json.loads(out.getvalue())
    assert target.read_bytes() == data  # --diff writes nothing
